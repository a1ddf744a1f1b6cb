public import CatalogModel

/// Cleans distributions: trims titles, descriptions, URLs and formats (dropping what is left empty), drops
/// impossible sizes, reads their dates.
public struct DistributionRule: NormalisationRule {
    public let name = "distributions"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var notes: [FieldNote] = []
        defer { record.notes += notes }
        for index in record.distributions.indices {
            var distribution = record.distributions[index]
            distribution.title = distribution.title.flatMap(TextRule.clean)
            distribution.description = distribution.description.flatMap(TextRule.clean)
            distribution.accessURL = distribution.accessURL.flatMap(TextRule.clean)
            distribution.downloadURL = distribution.downloadURL.flatMap(TextRule.clean)
            distribution.format = distribution.format.flatMap(TextRule.clean)
            distribution.mediaType = distribution.mediaType.flatMap(TextRule.clean)
            if let size = distribution.byteSize, size < 0 {
                issues.append(.normalisation("distribution.negative-size", .warning, record: record,
                                             field: "distributions[\(index)].byteSize",
                                             "the size \(size) is negative; it was dropped."))
                distribution.byteSize = nil
            }
            DateRule.read(&distribution.issued, field: "distributions[\(index)].issued", record: record, issues: &issues, notes: &notes, context: context)
            DateRule.read(&distribution.modified, field: "distributions[\(index)].modified", record: record, issues: &issues, notes: &notes, context: context)
            record.distributions[index] = distribution
        }
    }
}
