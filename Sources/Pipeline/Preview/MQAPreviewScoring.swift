public import CatalogModel
import Foundation
import Quality

/// The preview's predicted score: the same data.europa.eu MQA metrics a harvest scores the source with
/// (`QualityScorer`), over the previewed records, links not checked; as a percentage of the points those
/// metrics can give, with the MQA rating.
public struct MQAPreviewScoring: PreviewScoring {
    public init() {}

    public func score(_ records: [CatalogRecord], issues: [RecordIssue]) -> PreviewScore? {
        guard !records.isEmpty else { return nil }
        let evaluator = RecordEvaluator(today: QualityScorer.day(Date()))
        var tally = SourceTally(checked: SourceTally.metrics(linksChecked: false))
        for record in records { tally.add(evaluator.evaluate(record), distributions: record.distributions.count) }
        let count = "\(records.count) record\(records.count == 1 ? "" : "s")"
        return PreviewScore(value: Int(tally.percent.rounded()),
                            method: "MQA metrics over \(count), links not checked: \(tally.rating)")
    }
}
