public import CatalogStore
public import Quality

/// The problems of a source's last run for its publisher: the harvest issues of its latest run and the quality
/// findings of its latest scored run, record by record.
public enum PublisherIssues {
    /// What `fedcat issues` lists; `harvestRun` and `qualityRun` are nil when the source has none.
    public struct Listing: Sendable, Encodable {
        public var source: String
        public var harvestRun: Int64?
        public var qualityRun: Int64?
        public var issues: [PublisherIssue]

        enum CodingKeys: String, CodingKey { case source, harvestRun = "harvest_run", qualityRun = "quality_run", issues }
    }

    public static func load(store: CatalogStore, sourceID: String, harvest: Bool = true, quality: Bool = true) throws(StoreError) -> Listing {
        var listing = Listing(source: sourceID, harvestRun: try store.latestRunID(sourceID: sourceID), qualityRun: nil, issues: [])
        if harvest, let run = listing.harvestRun {
            listing.issues += try store.issueRows(runID: run).map {
                PublisherIssue(code: $0.code, severity: $0.severity, record: $0.localID, location: $0.location, message: $0.message, url: $0.url)
            }
        }
        if quality {
            listing.qualityRun = try store.qualityRuns(sourceID: sourceID).last?.runID
            if let run = listing.qualityRun {
                var found: [PublisherIssue] = []
                try store.forEachQualityRecord(runID: run) { row in
                    for finding in Finding.parse(row.findingsText) {
                        found.append(PublisherIssue(finding: finding, record: row.localID, url: row.url))
                    }
                }
                listing.issues += found
            }
        }
        return listing
    }
}
