public import CatalogModel

/// Keeps each keyword once (ignoring case and surrounding space), in first-seen order.
public struct KeywordRule: NormalisationRule {
    public let name = "keywords"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var seen = Set<String>()
        record.keywords = record.keywords.compactMap(TextRule.clean).filter { seen.insert($0.lowercased()).inserted }
        var seenThemes = Set<Concept>()
        record.themes = record.themes.filter { seenThemes.insert($0).inserted }
    }
}
