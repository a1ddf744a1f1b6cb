public import CatalogStore
public import Foundation
public import Quality

/// Reads stored scores into the report views of `fedcat report`.
public enum QualityReports {
    /// Every scored source (or only `sourceID`), each with its history and, when `worst` > 0, its lowest scored
    /// records of the latest run.
    public static func load(store: CatalogStore, sourceID: String? = nil, worst: Int = 0, at date: Date = Date()) throws(StoreError) -> QualityReport {
        var bySource: [String: [RunQuality]] = [:]
        for run in try store.qualityRuns(sourceID: sourceID) {
            let tally = try TallyCodec.decode(run.tallyJSON, runID: run.runID)
            bySource[run.sourceID, default: []].append(RunQuality(sourceID: run.sourceID, runID: run.runID, computedAt: run.computedAt, tally: tally))
        }
        var sources: [SourceReport] = []
        for (id, history) in bySource {
            guard let latest = history.last else { continue }
            var rows: [WorstRecord] = []
            if worst > 0 {
                rows = try store.worstQualityRecords(runID: latest.runID, limit: worst).map {
                    WorstRecord(id: "\(id)/\($0.localID)", title: $0.title, percent: ($0.percent * 10).rounded() / 10, findings: $0.findings)
                }
            }
            sources.append(SourceReport(latest: latest, history: history, worst: rows))
        }
        return QualityReport(sources: sources, generatedAt: date)
    }

    /// Scores again the latest merged run of each source (or of `sourceID`); returns the sources scored.
    @discardableResult
    public static func recompute(store: CatalogStore, sourceID: String? = nil, checkLinks: LinkChecker? = nil,
                                 at date: Date = Date()) throws(StoreError) -> [String] {
        let ids: [String]
        if let sourceID { ids = [sourceID] } else { ids = try store.knownSourceIDs() }
        var scored: [String] = []
        for id in ids {
            guard let runID = try store.latestMergedRun(sourceID: id) else { continue }
            var links = LinkStatus.unchecked
            if let checkLinks { links = try checkLinks.check(sourceID: id) }
            try QualityScorer(store: store).score(sourceID: id, runID: runID, links: links, at: date)
            scored.append(id)
        }
        return scored
    }
}
