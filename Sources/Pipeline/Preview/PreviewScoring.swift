public import CatalogModel

/// Predicts a source's quality score from the first records of a preview (`SourcePreview.scoring`; the default is
/// `MQAPreviewScoring`, the metrics a harvest scores the source with).
public protocol PreviewScoring: Sendable {
    /// Scores the previewed records, or nil when there are none.
    func score(_ records: [CatalogRecord], issues: [RecordIssue]) -> PreviewScore?
}

/// A predicted score out of 100, with the method that computed it.
public struct PreviewScore: Sendable, Hashable, Codable {
    public var value: Int
    /// What the score measures, in a few words ("completeness of 20 records").
    public var method: String

    public init(value: Int, method: String) {
        self.value = value
        self.method = method
    }
}
