public import CatalogModel

/// Reads every date of a record into ISO 8601; an unreadable date keeps its raw text and raises a warning.
public struct DateRule: NormalisationRule {
    public let name = "dates"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue]) {
        var issued = record.issued
        var modified = record.modified
        Self.read(&issued, field: "issued", record: record, issues: &issues)
        Self.read(&modified, field: "modified", record: record, issues: &issues)
        record.issued = issued
        record.modified = modified
        for index in record.temporal.indices {
            var span = record.temporal[index]
            Self.read(&span.start, field: "temporal[\(index)].start", record: record, issues: &issues)
            Self.read(&span.end, field: "temporal[\(index)].end", record: record, issues: &issues)
            record.temporal[index] = span
        }
    }

    /// Fills `date.iso`, or drops an empty date, or reports an unreadable one.
    static func read(_ date: inout CatalogDate?, field: String, record: CatalogRecord, issues: inout [RecordIssue]) {
        guard var value = date else { return }
        guard let raw = TextRule.clean(value.raw) else {
            date = nil
            return
        }
        value.raw = raw
        if let iso = ISODate.normalise(raw) {
            value.iso = iso
        } else {
            issues.append(.normalisation("date.unreadable", .warning, record: record, field: field,
                                         "the date '\(raw)' could not be read; it is kept as published."))
        }
        date = value
    }
}
