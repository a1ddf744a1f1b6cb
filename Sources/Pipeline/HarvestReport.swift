public import CatalogStore

/// What one harvest run did, for the summary line and `--json`.
public struct HarvestReport: Sendable, Hashable, Encodable {
    public var sourceID: String
    public var runID: Int64?
    /// `succeeded`, `partial` (listing incomplete, nothing deleted) or `failed` (catalogue untouched, resumable).
    public var status: String
    public var expected: Int?
    public var counts = RunCounts()
    public var deleted = 0
    public var issues = 0
    public var counters: FetchCounters
    /// True when the run went on from an earlier run's checkpoint.
    public var resumed: Bool
    public var seconds: Double
    public var error: String?
    /// Why records missing from the listing were kept, if they were.
    public var deletionsHeld: String?
    /// The quality score (percent of the checked MQA points) of the source's records after the run.
    public var quality: Double?
    /// The run wrote its records into the catalogue as it went (a source's first harvest), not all at its end.
    public var streamed = false
    /// Where the run's time went, in seconds: `gather` (fetch, parse, map, normalise and stage, overlapped), with the
    /// CPU time of its three threads, `gather.cpu.harvester` (fetch to normalised record), `gather.cpu.encoder`
    /// (encoded, scored and compressed) and `gather.cpu.writer` (the transactions): on two cores, their sum over two
    /// or the busiest one sets the pace; `merge` (into the catalogue, its index and clusters, in one
    /// transaction), `quality` (scoring the source) and `index.compact` (merging the full-text index's segments when the
    /// run left more than a few, see `FullTextCompaction`).
    public var phases: [String: Double] = [:]

    init(sourceID: String, runID: Int64?, status: String, counters: FetchCounters, resumed: Bool, seconds: Double) {
        self.sourceID = sourceID
        self.runID = runID
        self.status = status
        self.counters = counters
        self.resumed = resumed
        self.seconds = seconds
    }

    public var failed: Bool { status == "failed" }
    public var added: Int { counts.added }
    public var updated: Int { counts.updated }
    public var unchanged: Int { counts.unchanged }
    public var skipped: Int { counts.skipped }
    public var seen: Int { counts.seen }
    public var pages: Int { counters.pages }

    /// True when the source had not changed at all since the last run.
    public var nothingChanged: Bool { !failed && added == 0 && updated == 0 && deleted == 0 && unchanged > 0 }

    enum CodingKeys: String, CodingKey {
        case status, expected, deleted, issues, resumed, seconds, error
        case sourceID = "source", runID = "run", deletionsHeld = "deletions_held", quality, phases, streamed
        case seen, added, updated, unchanged, skipped, withdrawn
        case pages, requests, bytes, notModified = "not_modified", retries, unchangedPages = "unchanged_pages"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encodeIfPresent(runID, forKey: .runID)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encode(counts.seen, forKey: .seen)
        try c.encode(counts.added, forKey: .added)
        try c.encode(counts.updated, forKey: .updated)
        try c.encode(counts.unchanged, forKey: .unchanged)
        try c.encode(counts.skipped, forKey: .skipped)
        try c.encode(deleted, forKey: .deleted)
        try c.encode(deleted, forKey: .withdrawn)
        try c.encode(issues, forKey: .issues)
        try c.encode(counters.pages, forKey: .pages)
        try c.encode(counters.requests, forKey: .requests)
        try c.encode(counters.bytes, forKey: .bytes)
        try c.encode(counters.notModified, forKey: .notModified)
        try c.encode(counters.retries, forKey: .retries)
        try c.encode(counters.unchangedPages, forKey: .unchangedPages)
        try c.encode(resumed, forKey: .resumed)
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encodeIfPresent(deletionsHeld, forKey: .deletionsHeld)
        try c.encodeIfPresent(quality.map { ($0 * 10).rounded() / 10 }, forKey: .quality)
        try c.encode(streamed, forKey: .streamed)
        if !phases.isEmpty { try c.encode(phases.mapValues { ($0 * 1000).rounded() / 1000 }, forKey: .phases) }
    }
}

/// The state of a running harvest, for the progress line.
public struct HarvestProgress: Sendable {
    public var sourceID: String
    public var pages: Int
    public var expected: Int?
    public var seen: Int
    public var issues: Int
    public var seconds: Double
}
