public import Foundation
import GRDB

/// A harvest run as stored.
public struct RunSummary: Sendable, Hashable, Encodable {
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
    public var requests: Int
    public var bytes: Int
    public var notModified: Int
    public var retries: Int
    public var unchangedPages: Int
    /// How many times the run went on after a stop.
    public var resumes: Int
    public var error: String?

    /// Seconds from start to end (nil while running).
    public var seconds: Double? {
        guard let endedAt, let end = Timestamp.date(endedAt), let start = Timestamp.date(startedAt) else { return nil }
        return end.timeIntervalSince(start)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, pages, expected, seen, added, updated, unchanged, deleted, skipped, issues, error
        case requests, bytes, retries, resumes, seconds, withdrawn
        case sourceID = "source_id", startedAt = "started_at", endedAt = "ended_at", listingComplete = "listing_complete"
        case notModified = "not_modified", unchangedPages = "unchanged_pages"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(endedAt, forKey: .endedAt)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(status, forKey: .status)
        try c.encode(listingComplete, forKey: .listingComplete)
        try c.encode(pages, forKey: .pages)
        try c.encode(requests, forKey: .requests)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(notModified, forKey: .notModified)
        try c.encode(retries, forKey: .retries)
        try c.encode(unchangedPages, forKey: .unchangedPages)
        try c.encode(resumes, forKey: .resumes)
        try c.encode(expected, forKey: .expected)
        try c.encode(seen, forKey: .seen)
        try c.encode(added, forKey: .added)
        try c.encode(updated, forKey: .updated)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(deleted, forKey: .withdrawn)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(issues, forKey: .issues)
        try c.encode(error, forKey: .error)
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
        requests = row["requests"]
        bytes = row["bytes"]
        notModified = row["not_modified"]
        retries = row["retries"]
        unchangedPages = row["unchanged_pages"]
        resumes = row["resumes"]
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

    /// How many datasets the catalogue holds once records of the same dataset are merged.
    public func clusterCount() throws(StoreError) -> Int {
        try read("counting clusters") { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT cluster_id) FROM records") ?? 0 }
    }

    /// Clusters of more than one record.
    public func mergedClusterCount() throws(StoreError) -> Int {
        try read("counting merged clusters") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM clusters") ?? 0 }
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

    /// When the source's last run with a complete listing started, if it had one.
    public func lastCompleteRunStart(sourceID: String) throws(StoreError) -> Date? {
        try read("reading the last complete run of '\(sourceID)'") { db in
            try String.fetchOne(db, sql: """
                SELECT started_at FROM harvest_runs WHERE source_id = ? AND status = 'succeeded' AND listing_complete = 1
                ORDER BY id DESC LIMIT 1
                """, arguments: [sourceID]).flatMap(Timestamp.date)
        }
    }

    /// The runs of a source (or of every source when nil), newest first.
    public func runs(sourceID: String?, limit: Int = 20) throws(StoreError) -> [RunSummary] {
        try read("reading runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM harvest_runs WHERE ? IS NULL OR source_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [sourceID, sourceID, limit]).map(RunSummary.init(row:))
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
