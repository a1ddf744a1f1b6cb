public import CatalogModel
import Merge

/// Predicts a source's quality score from the first records of a preview. The quality module plugs in here
/// (`SourcePreview.scoring`); until then `CompletenessScoring` stands in.
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

/// The stand-in score: the completeness the merge ranks canonical records by (`CanonicalRank.completeness`:
/// title, description, keywords, themes, publisher, contact, licence, issued, modified, temporal and spatial
/// coverage, languages, landing page, frequency, and up to five distributions), as a share of its maximum,
/// averaged over the records. It does not look at issues, validity or licence openness.
public struct CompletenessScoring: PreviewScoring {
    /// `CanonicalRank.completeness` of a record with every counted field filled.
    public static let maximum = 19

    public init() {}

    public func score(_ records: [CatalogRecord], issues: [RecordIssue]) -> PreviewScore? {
        guard !records.isEmpty else { return nil }
        let total = records.reduce(0) { $0 + min(Self.maximum, CanonicalRank($1).completeness) }
        let value = Int((Double(total) / Double(records.count * Self.maximum) * 100).rounded())
        return PreviewScore(value: value, method: "completeness of \(records.count) record\(records.count == 1 ? "" : "s") (placeholder until the quality score)")
    }
}
