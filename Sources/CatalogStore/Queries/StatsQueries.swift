import GRDB

/// A harvest run as stored.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var sourceID: String
    public var startedAt: String
    public var endedAt: String?
    public var status: String
    public var listingComplete: Bool
    public var pages: Int
    public var expected: Int?
    public var seen: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var deleted: Int
    public var skipped: Int
    public var issues: Int
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, status, pages, expected, seen, added, updated, unchanged, deleted, skipped, issues, error
        case sourceID = "source_id", startedAt = "started_at", endedAt = "ended_at", listingComplete = "listing_complete"
    }

    init(row: Row) {
        id = row["id"]
        sourceID = row["source_id"]
        startedAt = row["started_at"]
        endedAt = row["ended_at"]
        status = row["status"]
        listingComplete = row["listing_complete"]
        pages = row["pages"]
        expected = row["expected"]
        seen = row["seen"]
        added = row["added"]
        updated = row["updated"]
        unchanged = row["unchanged"]
        deleted = row["deleted"]
        skipped = row["skipped"]
        issues = row["issues"]
        error = row["error"]
    }
}

/// Per-source figures for `source list` and `stats`.
public struct SourceStats: Sendable, Hashable {
    public var records: Int
    public var lastRun: RunSummary?
}

/// A stored issue.
public struct StoredIssue: Sendable, Hashable {
    public var runID: Int64
    public var localID: String?
    public var code: String
    public var severity: String
    public var message: String
    public var location: String?
}

extension CatalogStore {
    /// How many records the catalogue holds.
    public func recordCount() throws(StoreError) -> Int {
        try read("counting records") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0 }
    }

    /// Record count and last run of every source that has either.
    public func sourceStats() throws(StoreError) -> [String: SourceStats] {
        try read("reading source statistics") { db in
            var stats: [String: SourceStats] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source_id, count(*) FROM records GROUP BY source_id") {
                stats[row[0]] = SourceStats(records: row[1], lastRun: nil)
            }
            let runs = try Row.fetchAll(db, sql: """
                SELECT * FROM harvest_runs WHERE id IN (SELECT max(id) FROM harvest_runs GROUP BY source_id)
                """)
            for row in runs {
                let run = RunSummary(row: row)
                stats[run.sourceID, default: SourceStats(records: 0, lastRun: nil)].lastRun = run
            }
            return stats
        }
    }

    /// The runs of a source, newest first.
    public func runs(sourceID: String, limit: Int = 20) throws(StoreError) -> [RunSummary] {
        try read("reading runs of '\(sourceID)'") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [sourceID, limit]).map(RunSummary.init(row:))
        }
    }

    /// The issues of one run, most severe first.
    public func issues(runID: Int64) throws(StoreError) -> [StoredIssue] {
        try read("reading issues of run \(runID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT run_id, local_id, code, severity, message, location FROM record_issues WHERE run_id = ?
                ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, id
                """, arguments: [runID]).map {
                StoredIssue(runID: $0[0], localID: $0[1], code: $0[2], severity: $0[3], message: $0[4], location: $0[5])
            }
        }
    }
}
