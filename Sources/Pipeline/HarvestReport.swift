/// What one harvest run did, for the summary line and `--json`.
public struct HarvestReport: Sendable, Hashable, Codable {
    public var sourceID: String
    public var runID: Int64?
    /// `succeeded`, `partial` (listing incomplete, nothing deleted) or `failed` (catalogue untouched).
    public var status: String
    public var pages: Int
    public var expected: Int?
    public var seen: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var deleted: Int
    /// Records listed but not usable (each has an issue).
    public var skipped: Int
    public var issues: Int
    public var seconds: Double
    public var error: String?
    /// Why records missing from the listing were kept, if they were.
    public var deletionsHeld: String?

    enum CodingKeys: String, CodingKey {
        case status, pages, expected, seen, added, updated, unchanged, deleted, skipped, issues, seconds, error
        case sourceID = "source", runID = "run", deletionsHeld = "deletions_held"
    }

    /// True when the run failed.
    public var failed: Bool { status == "failed" }
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
