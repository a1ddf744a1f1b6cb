public import CatalogModel
public import Foundation
import GRDB

/// A source's score as stored for one run; the tally is the Quality module's JSON.
public struct StoredQualityRun: Sendable, Hashable {
    public var runID: Int64
    public var sourceID: String
    public var tallyJSON: String
    public var computedAt: String
}

/// One record's score in a run, with its findings as stored lines (see `Quality.Finding.lines`).
public struct QualityRecordRow: Sendable, Hashable {
    public var localID: String
    public var title: String
    public var url: String?
    public var score: Double
    public var percent: Double
    public var findings: Int
    public var findingsText: String
    /// The share passed per metric (`Quality.RecordScore.sharesText`); nil in rows stored before v9.
    public var shares: String?
    public var distributions: Int
    public var openLicence: Bool

    public init(localID: String, title: String, url: String?, score: Double, percent: Double, findings: Int, findingsText: String,
                shares: String? = nil, distributions: Int = 0, openLicence: Bool = false) {
        self.localID = localID
        self.title = title
        self.url = url
        self.score = score
        self.percent = percent
        self.findings = findings
        self.findingsText = findingsText
        self.shares = shares
        self.distributions = distributions
        self.openLicence = openLicence
    }
}

/// What a source's tally is summed from: one record's shares, distribution count and open-licence flag.
public struct QualityShares: Sendable, Hashable {
    public var shares: String
    public var distributions: Int
    public var openLicence: Bool
}

/// A source's score for one run, to store.
public struct QualityRunRow: Sendable, Hashable {
    public var score: Double
    public var maximum: Int
    public var percent: Double
    public var records: Int
    public var linksChecked: Bool
    public var tallyJSON: String

    public init(score: Double, maximum: Int, percent: Double, records: Int, linksChecked: Bool, tallyJSON: String) {
        self.score = score
        self.maximum = maximum
        self.percent = percent
        self.records = records
        self.linksChecked = linksChecked
        self.tallyJSON = tallyJSON
    }
}

extension CatalogStore {
    /// Up to `limit` records of a source in local-id order after `after` (nil to start), with the local id to go on
    /// from: callers stream a source in batches without holding it whole. Walks the (source_id, local_id) index,
    /// so each batch costs its own size whatever the size of the source.
    public func recordBatch(sourceID: String, after: String?, limit: Int) throws(StoreError) -> (records: [CatalogRecord], next: String?) {
        try read("reading the records of '\(sourceID)'") { db in
            let columns = "SELECT local_id, id, record_json, harvested_at, content_hash FROM records"
            let rows = try after.map { after in
                try Row.fetchAll(db, sql: "\(columns) WHERE source_id = ? AND local_id > ? ORDER BY local_id LIMIT ?",
                                 arguments: [sourceID, after, limit])
            } ?? Row.fetchAll(db, sql: "\(columns) WHERE source_id = ? ORDER BY local_id LIMIT ?", arguments: [sourceID, limit])
            var records: [CatalogRecord] = []
            records.reserveCapacity(rows.count)
            for row in rows {
                records.append(try RecordCodec.decode(json: row["record_json"], id: row["id"], harvestedAt: row["harvested_at"],
                                                      contentHash: row["content_hash"], rawHash: nil))
            }
            return (records, rows.last?["local_id"] ?? after)
        }
    }

    /// Forgets the per-record scores of a run (before scoring it again).
    public func clearQualityRecords(runID: Int64) throws(StoreError) {
        try write("clearing the quality scores of run \(runID)") { db in
            try db.execute(sql: "DELETE FROM quality_records WHERE run_id = ?", arguments: [runID])
        }
    }

    /// Writes one batch of per-record scores.
    public func saveQualityRecords(runID: Int64, sourceID: String, rows: [QualityRecordRow]) throws(StoreError) {
        try write("storing the quality scores of '\(sourceID)'") { db in
            try Self.insert(qualityRows: rows, runID: runID, sourceID: sourceID, db: db)
        }
    }

    static func insert(qualityRows rows: [QualityRecordRow], runID: Int64, sourceID: String, db: Database) throws {
        guard !rows.isEmpty else { return }
        let insert = try RowInsert("""
            INSERT OR REPLACE INTO quality_records (run_id, source_id, local_id, title, url, score, percent, findings, findings_text,
                shares, distributions, open_licence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, db: db)
        for row in rows {
            try insert.run(.int(runID), .text(sourceID), .text(row.localID), .text(row.title), .text(row.url), .real(row.score),
                           .real(row.percent), .int(Int64(row.findings)), .text(row.findingsText), .text(row.shares),
                           .int(Int64(row.distributions)), .int(row.openLicence ? 1 : 0))
        }
    }

    /// Completes the per-record scores a harvest run wrote as it staged records: the source's current records the
    /// run did not score (their pages had not changed) get their row from the source's previous scored run, and
    /// rows of records no longer in the catalogue go. Returns false, changing nothing, when some current record
    /// would lack a row with shares (scored before v9, or never): the caller then scores the source in full.
    public func completeQualityRows(sourceID: String, runID: Int64) throws(StoreError) -> Bool {
        try write("completing the quality scores of '\(sourceID)'") { db in
            let previous = try Int64.fetchOne(db, sql: """
                SELECT max(run_id) FROM quality_runs WHERE source_id = ? AND run_id < ?
                """, arguments: [sourceID, runID])
            let missing = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM records r WHERE r.source_id = ?
                AND NOT EXISTS (SELECT 1 FROM quality_records q WHERE q.run_id = ? AND q.local_id = r.local_id AND q.shares IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM quality_records q WHERE q.run_id = ? AND q.local_id = r.local_id AND q.shares IS NOT NULL)
                """, arguments: [sourceID, runID, previous ?? -1]) ?? 0
            guard missing == 0 else { return false }
            if let previous {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO quality_records (run_id, source_id, local_id, title, url, score, percent, findings,
                        findings_text, shares, distributions, open_licence)
                    SELECT ?, q.source_id, q.local_id, q.title, q.url, q.score, q.percent, q.findings, q.findings_text, q.shares,
                        q.distributions, q.open_licence
                    FROM quality_records q JOIN records r ON r.source_id = ? AND r.local_id = q.local_id WHERE q.run_id = ?
                    """, arguments: [runID, sourceID, previous])
            }
            try db.execute(sql: """
                DELETE FROM quality_records WHERE run_id = ? AND local_id NOT IN (SELECT local_id FROM records WHERE source_id = ?)
                """, arguments: [runID, sourceID])
            return true
        }
    }

    /// The shares of every record scored in `runID`, in batches, for summing the source's tally.
    public func forEachQualityShares(runID: Int64, _ body: (QualityShares) throws -> Void) throws(StoreError) {
        // On the writer's connection, whose page cache a harvest has already filled: a reader's would fill another
        // 64 MB with the rows of the scan (the harvest's peak resident memory, at its end).
        try write("reading the quality scores of run \(runID)") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT shares, distributions, open_licence FROM quality_records WHERE run_id = ?",
                                           arguments: [runID])
            while let row = try rows.next() {
                try body(QualityShares(shares: row[0] ?? "", distributions: row[1], openLicence: row[2]))
            }
        }
    }

    /// Stores the source's score for the run (replacing an earlier computation of the same run) and drops the
    /// per-record scores of the source's other runs: only the latest run's records are kept.
    public func saveQualityRun(runID: Int64, sourceID: String, row: QualityRunRow, at date: Date) throws(StoreError) {
        try write("storing the quality score of '\(sourceID)'") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO quality_runs (run_id, source_id, score, maximum, percent, records, links_checked, tally_json, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [runID, sourceID, row.score, row.maximum, row.percent, row.records, row.linksChecked, row.tallyJSON,
                                 Timestamp.text(date)])
            try db.execute(sql: "DELETE FROM quality_records WHERE source_id = ? AND run_id != ?", arguments: [sourceID, runID])
        }
    }

    /// Gives `runID` the score of the source's previous scored run, moving its per-record scores along, when that
    /// score did not request links (link results age); returns the carried tally JSON, or nil when there is
    /// nothing to carry. For runs that changed no record.
    public func carryQualityForward(sourceID: String, to runID: Int64, at date: Date) throws(StoreError) -> String? {
        try write("carrying the quality score of '\(sourceID)' forward") { db in
            guard let previous = try Row.fetchOne(db, sql: """
                SELECT run_id, links_checked, tally_json FROM quality_runs WHERE source_id = ? AND run_id < ? ORDER BY run_id DESC LIMIT 1
                """, arguments: [sourceID, runID]), !(previous["links_checked"] as Bool) else { return nil }
            let from: Int64 = previous["run_id"]
            try db.execute(sql: """
                INSERT OR REPLACE INTO quality_runs (run_id, source_id, score, maximum, percent, records, links_checked, tally_json, computed_at)
                SELECT ?, source_id, score, maximum, percent, records, links_checked, tally_json, ? FROM quality_runs WHERE run_id = ?
                """, arguments: [runID, Timestamp.text(date), from])
            try db.execute(sql: "DELETE FROM quality_records WHERE run_id = ?", arguments: [runID])
            try db.execute(sql: "UPDATE quality_records SET run_id = ? WHERE run_id = ?", arguments: [runID, from])
            return previous["tally_json"] as String
        }
    }

    /// Scored runs, oldest first: of one source, or of every source when nil.
    public func qualityRuns(sourceID: String?) throws(StoreError) -> [StoredQualityRun] {
        try read("reading quality scores") { db in
            try Row.fetchAll(db, sql: """
                SELECT run_id, source_id, tally_json, computed_at FROM quality_runs WHERE ? IS NULL OR source_id = ? ORDER BY run_id
                """, arguments: [sourceID, sourceID]).map {
                StoredQualityRun(runID: $0[0], sourceID: $0[1], tallyJSON: $0[2], computedAt: $0[3])
            }
        }
    }

    /// The lowest scored records of a run, lowest first (ties: most findings, then id).
    public func worstQualityRecords(runID: Int64, limit: Int) throws(StoreError) -> [QualityRecordRow] {
        try read("reading the worst records of run \(runID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT local_id, title, url, score, percent, findings, findings_text FROM quality_records WHERE run_id = ?
                ORDER BY percent, findings DESC, local_id LIMIT ?
                """, arguments: [runID, limit]).map(Self.qualityRecord)
        }
    }

    /// Every scored record of a run with findings, in id order, handed to `body` one at a time.
    public func forEachQualityRecord(runID: Int64, _ body: (QualityRecordRow) throws -> Void) throws(StoreError) {
        try read("reading the quality findings of run \(runID)") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT local_id, title, url, score, percent, findings, findings_text FROM quality_records
                WHERE run_id = ? AND findings > 0 ORDER BY local_id
                """, arguments: [runID])
            while let row = try rows.next() { try body(Self.qualityRecord(row)) }
        }
    }

    /// The source's latest run whose records were merged (succeeded or partial), the one scores belong to.
    public func latestMergedRun(sourceID: String) throws(StoreError) -> Int64? {
        try read("reading the last run of '\(sourceID)'") { db in
            try Int64.fetchOne(db, sql: """
                SELECT max(id) FROM harvest_runs WHERE source_id = ? AND status IN ('succeeded', 'partial')
                """, arguments: [sourceID])
        }
    }

    /// Ids of every source that has records or runs, sorted.
    public func knownSourceIDs() throws(StoreError) -> [String] {
        try read("listing sources") { db in
            try String.fetchAll(db, sql: "SELECT source_id FROM harvest_runs UNION SELECT id FROM sources ORDER BY 1")
        }
    }

    private static func qualityRecord(_ row: Row) -> QualityRecordRow {
        QualityRecordRow(localID: row[0], title: row[1], url: row[2], score: row[3], percent: row[4], findings: row[5], findingsText: row[6])
    }
}
