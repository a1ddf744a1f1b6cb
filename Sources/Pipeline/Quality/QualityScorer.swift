public import CatalogStore
public import CatalogModel
public import Foundation
public import Quality

/// Scores a source's current records for one run and stores the result: the source's tally in `quality_runs`
/// (kept for trends) and each record's score and findings in `quality_records`. Records stream through in
/// batches; only the tally grows with the source.
public struct QualityScorer: Sendable {
    public let store: CatalogStore
    /// Records read and written per transaction.
    public var batchSize = 500

    public init(store: CatalogStore) { self.store = store }

    /// Scores `sourceID`'s records for `runID`, replacing an earlier computation of the same run.
    @discardableResult
    public func score(sourceID: String, runID: Int64, links: LinkStatus = .unchecked, at date: Date = Date()) throws(StoreError) -> SourceTally {
        let evaluator = RecordEvaluator(today: Self.day(date), links: links)
        var tally = SourceTally(checked: SourceTally.metrics(linksChecked: links.checked))
        try store.clearQualityRecords(runID: runID)
        var after: String?
        let prefix = sourceID + "/"
        while true {
            let batch = try store.recordBatch(sourceID: sourceID, after: after, limit: batchSize)
            if batch.records.isEmpty { break }
            after = batch.next
            var rows: [QualityRecordRow] = []
            rows.reserveCapacity(batch.records.count)
            for record in batch.records {
                let score = evaluator.evaluate(record)
                tally.add(score, distributions: record.distributions.count)
                rows.append(Self.row(record, score, prefix: prefix))
            }
            try store.saveQualityRecords(runID: runID, sourceID: sourceID, rows: rows)
        }
        try store.saveQualityRun(runID: runID, sourceID: sourceID,
                                 row: QualityRunRow(score: tally.score, maximum: tally.maximum, percent: tally.percent,
                                                    records: tally.records, linksChecked: links.checked,
                                                    tallyJSON: TallyCodec.encode(tally)),
                                 at: date)
        return tally
    }

    /// Scores the source at the end of a run: a run that added, changed and deleted nothing, without a link
    /// check, carries the previous run's score forward (one point of the trend per run, no re-reading). Otherwise,
    /// without a link check, the rows the run wrote as it staged records (`RunScoring`) are completed from the
    /// previous run and summed; with one, or when rows are missing, every record is read and scored again.
    public func scoreAfterRun(sourceID: String, runID: Int64, changedRecords: Bool, links: LinkChecker?,
                              scoredInRun: Bool = false, at date: Date = Date()) throws(StoreError) -> SourceTally {
        if !changedRecords, links == nil, let carried = try store.carryQualityForward(sourceID: sourceID, to: runID, at: date) {
            return try TallyCodec.decode(carried, runID: runID)
        }
        if scoredInRun, links == nil, try store.completeQualityRows(sourceID: sourceID, runID: runID) {
            let checked = SourceTally.metrics(linksChecked: false)
            var sums = ShareSums(checked: checked)
            try store.forEachQualityShares(runID: runID) { row in
                sums.add(sharesText: row.shares, distributions: row.distributions, openLicence: row.openLicence)
            }
            let tally = sums.adding(to: SourceTally(checked: checked))
            try store.saveQualityRun(runID: runID, sourceID: sourceID,
                                     row: QualityRunRow(score: tally.score, maximum: tally.maximum, percent: tally.percent,
                                                        records: tally.records, linksChecked: false, tallyJSON: TallyCodec.encode(tally)),
                                     at: date)
            return tally
        }
        var status = LinkStatus.unchecked
        if let links { status = try links.check(sourceID: sourceID) }
        return try score(sourceID: sourceID, runID: runID, links: status, at: date)
    }

    /// A record's stored score.
    static func row(_ record: CatalogRecord, _ score: RecordScore, prefix: String) -> QualityRecordRow {
        let localID = record.id.hasPrefix(prefix) ? String(record.id.dropFirst(prefix.count)) : record.id
        return QualityRecordRow(localID: localID, title: record.title.value, url: record.provenance.originalURL ?? record.landingPage,
                                score: score.points, percent: score.percent, findings: score.findings.count,
                                findingsText: Finding.lines(score.findings), shares: score.sharesText,
                                distributions: record.distributions.count, openLicence: score.openLicence)
    }

    /// `yyyy-MM-dd` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

/// Scores records as a harvest run stages them, while they are in memory (no links requested): the rows go into
/// the staging transactions, and `QualityScorer.scoreAfterRun` completes and sums them after the merge.
public struct RunScoring: Sendable {
    let evaluator: RecordEvaluator
    let prefix: String

    public init(sourceID: String, startedAt: Date) {
        evaluator = RecordEvaluator(today: QualityScorer.day(startedAt), links: .unchecked)
        prefix = sourceID + "/"
    }

    public func row(_ record: CatalogRecord) -> QualityRecordRow {
        QualityScorer.row(record, evaluator.evaluate(record), prefix: prefix)
    }
}

/// The stored JSON of a tally.
public enum TallyCodec {
    public static func encode(_ tally: SourceTally) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(tally), as: UTF8.self)) ?? "{}"
    }

    /// Reads a stored tally; a tally that cannot be read is a corrupt row.
    public static func decode(_ json: String, runID: Int64) throws(StoreError) -> SourceTally {
        do { return try JSONDecoder().decode(SourceTally.self, from: Data(json.utf8)) } catch {
            throw .corruptRecord(id: "quality_runs/\(runID)", reason: "\(error)")
        }
    }
}
