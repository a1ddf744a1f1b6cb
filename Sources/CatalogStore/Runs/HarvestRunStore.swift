public import CatalogModel
public import Foundation
import GRDB

/// What a run found for one record, decided by comparing hashes with what is stored.
public struct StagedRecord: Sendable {
    /// How the record compares with the stored one.
    public enum Change: String, Sendable {
        case added, updated, unchanged
    }

    public var localID: String
    public var change: Change
    /// The record to write (nil when unchanged or when the payload could not be mapped).
    public var encoded: EncodedRecord?
    /// The raw payload to keep (nil when it did not change).
    public var raw: RawRecord?

    public init(localID: String, change: Change, encoded: EncodedRecord?, raw: RawRecord?) {
        self.localID = localID
        self.change = change
        self.encoded = encoded
        self.raw = raw
    }
}

/// The hashes stored for a record, to tell changed from unchanged.
public struct StoredHashes: Sendable, Hashable {
    public var content: String
    public var payload: String?
}

/// How a run ended, as the pipeline saw it.
public struct RunOutcome: Sendable {
    public var listingComplete: Bool
    public var pages: Int
    public var expected: Int?
    public var seen: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var skipped: Int
    /// Deletions are held back when they would remove more than this share of the source's records.
    public var maxDeleteFraction: Double

    public init(listingComplete: Bool, pages: Int, expected: Int?, seen: Int, added: Int, updated: Int,
                unchanged: Int, skipped: Int, maxDeleteFraction: Double = 0.5) {
        self.listingComplete = listingComplete
        self.pages = pages
        self.expected = expected
        self.seen = seen
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.skipped = skipped
        self.maxDeleteFraction = maxDeleteFraction
    }
}

/// What committing a run did.
public struct RunCommit: Sendable, Hashable {
    public var status: String
    public var deleted: Int
    /// Records that were not in the listing but were kept (listing incomplete or deletions held back).
    public var keptMissing: Int
    /// Why deletions were held back, if they were.
    public var deletionsHeld: String?
}

extension CatalogStore {
    /// Registers the source, marks its unfinished earlier runs as interrupted, and opens a run.
    public func beginRun(source: SourceConfig, configJSON: String, at date: Date) throws(StoreError) -> Int64 {
        let now = Timestamp.text(date)
        return try write("starting a harvest run of '\(source.id)'") { db in
            try db.execute(sql: Migrations.staging)
            try db.execute(sql: """
                INSERT INTO sources (id, kind, url, title, config_json, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, url = excluded.url, title = excluded.title,
                    config_json = excluded.config_json, updated_at = excluded.updated_at
                """, arguments: [source.id, source.kind, source.url, source.title, configJSON, now, now])
            try db.execute(sql: "UPDATE harvest_runs SET status = 'interrupted', ended_at = ?, error = 'The process stopped before the run ended.' WHERE source_id = ? AND status = 'running'",
                           arguments: [now, source.id])
            try db.execute(sql: "DELETE FROM run_staging WHERE run_id IN (SELECT id FROM main.harvest_runs WHERE source_id = ?)",
                           arguments: [source.id])
            try db.execute(sql: "INSERT INTO harvest_runs (source_id, started_at, status) VALUES (?, ?, 'running')",
                           arguments: [source.id, now])
            return db.lastInsertedRowID
        }
    }

    /// The stored content and payload hashes of every record of a source, by local id.
    public func storedHashes(sourceID: String) throws(StoreError) -> [String: StoredHashes] {
        try read("reading the stored hashes of '\(sourceID)'") { db in
            var hashes: [String: StoredHashes] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.local_id, r.content_hash, w.payload_hash FROM records r
                LEFT JOIN raw_records w ON w.source_id = r.source_id AND w.local_id = r.local_id
                WHERE r.source_id = ?
                """, arguments: [sourceID])
            while let row = try rows.next() {
                hashes[row[0]] = StoredHashes(content: row[1], payload: row[2])
            }
            return hashes
        }
    }

    /// Writes a batch of what the run read, and its issues, in one transaction.
    public func stage(runID: Int64, sourceID: String, records: [StagedRecord], issues: [RecordIssue]) throws(StoreError) {
        try write("staging records of '\(sourceID)'") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO run_staging (run_id, local_id, changed, title, description, keywords, publisher, modified,
                    content_hash, record_json, payload, payload_hash, media_type, page_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in records {
                let encoded = item.encoded
                let changed = item.change != .unchanged && encoded != nil
                try insert.execute(arguments: [
                    runID, item.localID, changed ? 1 : 0,
                    encoded?.ftsTitle, encoded?.ftsDescription, encoded?.ftsKeywords, encoded?.ftsPublisher,
                    encoded?.record.modified?.display, encoded?.contentHash, changed ? encoded?.json : nil,
                    item.raw.map { Data($0.payload) }, item.raw?.payloadHash, item.raw?.mediaType, item.raw?.pageURL,
                ])
            }
            try Self.insert(issues: issues, runID: runID, sourceID: sourceID, db: db)
        }
    }

    /// Merges the run's staged records into the catalogue in one transaction, deleting records missing from a
    /// complete listing unless that would remove too much, and closes the run.
    public func commitRun(runID: Int64, sourceID: String, outcome: RunOutcome, issueCount: Int, at date: Date) throws(StoreError) -> RunCommit {
        let now = Timestamp.text(date)
        return try write("committing the harvest of '\(sourceID)'") { db in
            try db.execute(sql: """
                INSERT INTO records (id, source_id, local_id, title, description, keywords, publisher, modified,
                    content_hash, record_json, harvested_at, first_run, last_changed_run)
                SELECT ? || '/' || local_id, ?, local_id, title, description, keywords, publisher, modified,
                    content_hash, record_json, ?, ?, ?
                FROM run_staging WHERE run_id = ? AND changed = 1
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description,
                    keywords = excluded.keywords, publisher = excluded.publisher, modified = excluded.modified,
                    content_hash = excluded.content_hash, record_json = excluded.record_json,
                    harvested_at = excluded.harvested_at, last_changed_run = excluded.last_changed_run
                """, arguments: [sourceID, sourceID, now, runID, runID, runID])
            try db.execute(sql: """
                INSERT INTO raw_records (source_id, local_id, payload, payload_hash, media_type, page_url, fetched_at)
                SELECT ?, local_id, payload, payload_hash, media_type, page_url, ? FROM run_staging
                WHERE run_id = ? AND payload IS NOT NULL
                ON CONFLICT(source_id, local_id) DO UPDATE SET payload = excluded.payload, payload_hash = excluded.payload_hash,
                    media_type = excluded.media_type, page_url = excluded.page_url, fetched_at = excluded.fetched_at
                """, arguments: [sourceID, now, runID])

            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE source_id = ?", arguments: [sourceID]) ?? 0
            let missing = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM records WHERE source_id = ?
                AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)
                """, arguments: [sourceID, runID]) ?? 0
            var held: String?
            if missing > 0 {
                if !outcome.listingComplete {
                    held = "the listing was incomplete"
                } else if outcome.seen == 0 {
                    held = "the source suddenly listed no records"
                } else if existing >= 20, Double(missing) / Double(existing) > outcome.maxDeleteFraction {
                    held = "\(missing) of \(existing) records would go, more than the limit of \(Int(outcome.maxDeleteFraction * 100))% (option 'max_delete_fraction')"
                }
            }
            var deleted = 0
            if missing > 0 && held == nil {
                for table in ["records", "raw_records"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE source_id = ? AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)",
                                   arguments: [sourceID, runID])
                }
                deleted = missing
            }
            var issues = issueCount
            if let held {
                issues += 1
                try Self.insert(issues: [RecordIssue(
                    code: "harvest.deletions-held", severity: .warning,
                    message: "Source '\(sourceID)': \(missing) records missing from this harvest were kept because \(held).")],
                    runID: runID, sourceID: sourceID, db: db)
            }
            let status = outcome.listingComplete ? "succeeded" : "partial"
            try db.execute(sql: "DELETE FROM run_staging WHERE run_id = ?", arguments: [runID])
            try db.execute(sql: """
                UPDATE harvest_runs SET ended_at = ?, status = ?, listing_complete = ?, pages = ?, expected = ?, seen = ?,
                    added = ?, updated = ?, unchanged = ?, deleted = ?, skipped = ?, issues = ? WHERE id = ?
                """, arguments: [now, status, outcome.listingComplete, outcome.pages, outcome.expected, outcome.seen,
                                 outcome.added, outcome.updated, outcome.unchanged, deleted, outcome.skipped, issues, runID])
            return RunCommit(status: status, deleted: deleted, keptMissing: missing - deleted, deletionsHeld: held)
        }
    }

    /// Closes a run that could not finish: nothing it read reaches the catalogue, whose records stay as they were.
    public func failRun(runID: Int64, sourceID: String, error: String, outcome: RunOutcome, issues: [RecordIssue], issueCount: Int, at date: Date) throws(StoreError) {
        try write("recording the failed harvest of '\(sourceID)'") { db in
            try Self.insert(issues: issues, runID: runID, sourceID: sourceID, db: db)
            try db.execute(sql: "DELETE FROM run_staging WHERE run_id = ?", arguments: [runID])
            try db.execute(sql: """
                UPDATE harvest_runs SET ended_at = ?, status = 'failed', pages = ?, expected = ?, seen = ?, skipped = ?,
                    issues = ?, error = ? WHERE id = ?
                """, arguments: [Timestamp.text(date), outcome.pages, outcome.expected, outcome.seen, outcome.skipped,
                                 issueCount, error, runID])
        }
    }

    static func insert(issues: [RecordIssue], runID: Int64, sourceID: String, db: Database) throws {
        guard !issues.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO record_issues (run_id, source_id, local_id, code, severity, message, location, url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for issue in issues {
            try statement.execute(arguments: [runID, sourceID, issue.localID, issue.code, issue.severity.rawValue,
                                              issue.message, issue.location, issue.url])
        }
    }
}
