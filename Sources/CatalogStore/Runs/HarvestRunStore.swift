public import CatalogModel
public import Foundation
import GRDB

extension CatalogStore {
    /// Registers the source and opens a run: the source's unfinished run (killed, or failed with a checkpoint)
    /// is resumed unless `restart` is set, in which case its staged work is discarded.
    /// With `streamFirstHarvest`, a new run of a source that has no records in the catalogue streams its records in
    /// as it stages them (`RunStart.direct`): nothing earlier is there to protect, and the merge then overlaps the
    /// fetching instead of following it. A resumed run keeps the mode it started with.
    public func beginRun(source: SourceConfig, configJSON: String, at date: Date, restart: Bool = false,
                         streamFirstHarvest: Bool = false) throws(StoreError) -> RunStart {
        let now = Timestamp.text(date)
        return try write("starting a harvest run of '\(source.id)'") { db in
            try db.execute(sql: """
                INSERT INTO sources (id, kind, url, title, config_json, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, url = excluded.url, title = excluded.title,
                    config_json = excluded.config_json, updated_at = excluded.updated_at
                """, arguments: [source.id, source.kind, source.url, source.title, configJSON, now, now])
            if !restart, let last = try Row.fetchOne(db, sql: """
                SELECT * FROM harvest_runs WHERE source_id = ? AND status IN ('running', 'failed', 'interrupted')
                AND checkpoint IS NOT NULL AND id = (SELECT max(id) FROM harvest_runs WHERE source_id = ?)
                """, arguments: [source.id, source.id]) {
                let runID: Int64 = last["id"]
                try db.execute(sql: "UPDATE harvest_runs SET status = 'running', resumes = resumes + 1, ended_at = NULL, error = NULL WHERE id = ?",
                               arguments: [runID])
                var counters = FetchCounters()
                counters.pages = last["pages"]
                counters.requests = last["requests"]
                counters.bytes = last["bytes"]
                counters.notModified = last["not_modified"]
                counters.retries = last["retries"]
                counters.unchangedPages = last["unchanged_pages"]
                let staged = try Int.fetchOne(db, sql: "SELECT count(*) FROM run_staging WHERE run_id = ?", arguments: [runID]) ?? 0
                return RunStart(runID: runID, resumed: ResumePoint(checkpoint: last["checkpoint"], counters: counters, staged: staged),
                                direct: last["direct"])
            }
            try db.execute(sql: """
                UPDATE harvest_runs SET status = 'interrupted', ended_at = ?, error = 'The process stopped before the run ended.'
                WHERE source_id = ? AND status = 'running'
                """, arguments: [now, source.id])
            for table in ["run_staging", "run_http_cache"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id IN (SELECT id FROM harvest_runs WHERE source_id = ?)", arguments: [source.id])
            }
            try db.execute(sql: "UPDATE harvest_runs SET checkpoint = NULL WHERE source_id = ?", arguments: [source.id])
            let direct = try streamFirstHarvest
                && !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM records WHERE source_id = ?)", arguments: [source.id]) ?? true)
            try db.execute(sql: "INSERT INTO harvest_runs (source_id, started_at, status, direct) VALUES (?, ?, 'running', ?)",
                           arguments: [source.id, now, direct])
            return RunStart(runID: db.lastInsertedRowID, resumed: nil, direct: direct)
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

    /// The pages remembered from the source's last committed run, by URL.
    public func pageMemos(sourceID: String) throws(StoreError) -> [String: PageMemo] {
        try read("reading the page cache of '\(sourceID)'") { db in
            var memos: [String: PageMemo] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM http_cache WHERE source_id = ?", arguments: [sourceID]) {
                memos[row["url"]] = PageMemo(url: row["url"], etag: row["etag"], lastModified: row["last_modified"],
                                             bodyHash: row["body_hash"], pageJSON: row["page_json"])
            }
            return memos
        }
    }

    /// Writes one batch of a run in one transaction: its records, issues and pages, and its checkpoint. A `direct`
    /// run also writes the batch's records into the catalogue (record, index, terms, match keys, raw payload,
    /// clusters) in the same transaction, and stages only what the end of the run counts.
    public func stage(runID: Int64, sourceID: String, batch: StageBatch, at date: Date, direct: Bool = false) throws(StoreError) {
        try write("staging records of '\(sourceID)'") { db in
            try Self.insert(dictionaries: batch.dictionaries, sourceID: sourceID, at: date, db: db)
            if direct {
                try Self.streamIn(batch.records, runID: runID, sourceID: sourceID, at: date, db: db)
            } else {
                try Self.stageRows(batch.records, runID: runID, db: db)
            }
            try Self.insert(issues: batch.issues, runID: runID, sourceID: sourceID, db: db)
            try Self.insert(qualityRows: batch.quality, runID: runID, sourceID: sourceID, db: db)
            let remember = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO run_http_cache (run_id, url, etag, last_modified, body_hash, page_json, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for page in batch.pages {
                try remember.execute(arguments: [runID, page.url, page.etag, page.lastModified, page.bodyHash, page.pageJSON, Timestamp.text(date)])
            }
            if let checkpoint = batch.checkpoint {
                try db.execute(sql: "UPDATE harvest_runs SET checkpoint = ? WHERE id = ?", arguments: [checkpoint, runID])
            }
            if let counters = batch.counters { try Self.save(counters, runID: runID, db: db) }
        }
    }

    /// The staged rows of a run merged at its end.
    static func stageRows(_ records: [StagedRecord], runID: Int64, db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO run_staging (run_id, local_id, change, title, description, keywords, publisher, modified,
                content_hash, record_json, payload, payload_codec, payload_hash, media_type, page_url, match_keys, is_copy,
                completeness, terms, license_spdx, license_raw, license_label, issued_iso)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in records {
            let encoded = item.change == .added || item.change == .updated ? item.encoded : nil
            let kept = item.kept
            try insert.execute(arguments: [
                runID, item.localID, item.change.rawValue,
                encoded?.ftsTitle, encoded?.ftsDescription, encoded?.ftsKeywords, encoded?.ftsPublisher,
                encoded?.modified, encoded?.contentHash, encoded?.json.databaseValue,
                kept.map { Data($0.bytes) }, kept?.codec, kept?.payloadHash, kept?.mediaType, kept?.pageURL,
                encoded?.matchKeys, encoded?.rank.isCopy ?? false, encoded?.rank.completeness ?? 0, encoded?.terms,
                encoded?.licenseSPDX, encoded?.licenseRaw, encoded?.licenseLabel, encoded?.issuedISO,
            ])
        }
    }

    /// Merges the run's staged records into the catalogue in one transaction, deleting records missing from a
    /// complete listing unless that would remove too much, remembers its pages, and closes the run.
    /// A `direct` run wrote its records as it staged them; its end only restores withdrawn records, deletes what the
    /// listing lost, remembers the pages and closes the run.
    public func commitRun(runID: Int64, sourceID: String, end: RunEnd, at date: Date, direct: Bool = false) throws(StoreError) -> RunCommit {
        let now = Timestamp.text(date)
        var steps: [String: Double] = [:]
        var lapStart = Date()
        func lap(_ step: String) {
            let now = Date()
            steps[step, default: 0] += now.timeIntervalSince(lapStart)
            lapStart = now
        }
        var commit = try write("committing the harvest of '\(sourceID)'") { db in
            var bulk = false
            if !direct {
                // A merge that writes most of the catalogue also rebuilds the by-value indexes of keys and terms after
                // loading them, instead of inserting into them row by row.
                let changed = try Int.fetchOne(db, sql: "SELECT count(*) FROM run_staging INDEXED BY run_staging_by_change WHERE run_id = ? AND change IN ('added', 'updated')",
                                               arguments: [runID]) ?? 0
                let catalogue = try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
                bulk = changed >= 1000 && changed * 2 >= catalogue + changed
                // The full-text entries are written by one statement each, in rowid order (see `FullTextBatch`): the
                // records the run changes leave the index before the load and come back after it with the new ones.
                let newAbove = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM records") ?? 0
                let present = try Int64.fetchAll(db, sql: """
                    SELECT r.seq FROM run_staging s NOT INDEXED JOIN records r ON r.id = ? || '/' || s.local_id
                    WHERE s.run_id = ? AND s.change IN ('added', 'updated') AND s.record_json IS NOT NULL
                    """, arguments: [sourceID, runID])
                try FullTextBatch.remove(seqs: present, db: db)
                // Staged rows are read in the order they were staged, by a scan (NOT INDEXED): through an index, SQLite
                // would sort every staged row, JSON included, in memory (1 GB at 100,000 records).
                try FullTextBatch.withoutTriggers(db) {
                    try db.execute(sql: """
                        INSERT INTO records (id, source_id, local_id, title, description, keywords, publisher, modified,
                            content_hash, record_json, harvested_at, first_run, last_changed_run, cluster_id, is_copy, completeness,
                            license_spdx, license_raw, license_label, issued_iso)
                        SELECT ? || '/' || local_id, ?, local_id, title, description, keywords, publisher, modified,
                            content_hash, record_json, ?, ?, ?, ? || '/' || local_id, is_copy, completeness,
                            license_spdx, license_raw, license_label, issued_iso
                        FROM run_staging NOT INDEXED WHERE run_id = ? AND change IN ('added', 'updated') AND record_json IS NOT NULL
                        ORDER BY seq
                        \(Self.recordUpsert)
                        """, arguments: [sourceID, sourceID, now, runID, runID, sourceID, runID])
                }
                lap("records")
                try FullTextBatch.add(above: newAbove, seqs: present, db: db)
                lap("index")
            }
            try Self.restoreWithdrawn(runID: runID, sourceID: sourceID, db: db)
            let replaced = direct ? (ids: [], formerKeys: []) : try Self.replaceKeysAndTerms(runID: runID, sourceID: sourceID, bulk: bulk, db: db)
            let affected = replaced.ids
            var formerKeys = replaced.formerKeys
            lap("keys")
            if !direct {
                try Self.keepRaw(runID: runID, sourceID: sourceID, at: now, db: db)
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO http_cache (source_id, url, etag, last_modified, body_hash, page_json, fetched_at)
                SELECT ?, url, etag, last_modified, body_hash, page_json, fetched_at FROM run_http_cache WHERE run_id = ?
                """, arguments: [sourceID, runID])
            lap("raw")
            let counts = try Self.counts(runID: runID, db: db)

            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE source_id = ?", arguments: [sourceID]) ?? 0
            let missing = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM records WHERE source_id = ?
                AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)
                """, arguments: [sourceID, runID]) ?? 0
            var held: String?
            if missing > 0 {
                if !end.listingComplete {
                    held = "the listing was incomplete"
                } else if counts.seen == 0 {
                    held = "the source suddenly listed no records"
                } else if existing >= 20, Double(missing) / Double(existing) > end.maxDeleteFraction {
                    held = "\(missing) of \(existing) records would go, more than the limit of \(Int(end.maxDeleteFraction * 100))% (option 'max_delete_fraction')"
                }
            }
            var deleted = 0
            var goneClusters = Set<String>()
            if missing > 0 && held == nil {
                let gone = try Row.fetchAll(db, sql: """
                    SELECT id, cluster_id FROM records WHERE source_id = ? AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)
                    """, arguments: [sourceID, runID])
                try Self.recordWithdrawn(runID: runID, sourceID: sourceID, at: now, db: db)
                for row in gone {
                    let ofRecord = "k.seq = (SELECT seq FROM records WHERE id = ?)"
                    formerKeys += try KeyPostings.remove(keysWhere: ofRecord, arguments: [row["id"] as String], db: db)
                    try db.execute(sql: "DELETE FROM record_keys AS k WHERE \(ofRecord)", arguments: [row["id"] as String])
                    if let cluster = row["cluster_id"] as String? { goneClusters.insert(cluster) }
                }
                for table in ["records", "raw_records"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE source_id = ? AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)",
                                   arguments: [sourceID, runID])
                }
                deleted = missing
            }
            lap("deletions")
            try Clusters.update(affected: affected, removedClusters: goneClusters, formerKeys: formerKeys, db: db)
            lap("clusters")
            if let held {
                try Self.insert(issues: [RecordIssue(
                    code: "harvest.deletions-held", severity: .warning,
                    message: "Source '\(sourceID)': \(missing) records missing from this harvest were kept because \(held).")],
                    runID: runID, sourceID: sourceID, db: db)
            }
            let issues = try Int.fetchOne(db, sql: "SELECT count(*) FROM record_issues WHERE run_id = ?", arguments: [runID]) ?? 0
            let status = end.listingComplete ? "succeeded" : "partial"
            for table in ["run_staging", "run_http_cache"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [runID])
            }
            try Self.save(end.counters, runID: runID, db: db)
            try db.execute(sql: """
                UPDATE harvest_runs SET ended_at = ?, status = ?, listing_complete = ?, expected = ?, seen = ?, added = ?,
                    updated = ?, unchanged = ?, deleted = ?, skipped = ?, issues = ?, checkpoint = NULL, error = NULL WHERE id = ?
                """, arguments: [now, status, end.listingComplete, end.expected, counts.seen, counts.added, counts.updated,
                                 counts.unchanged, deleted, counts.skipped, issues, runID])
            lap("cleanup")
            return RunCommit(status: status, counts: counts, deleted: deleted, keptMissing: missing - deleted,
                             deletionsHeld: held, issues: issues)
        }
        lap("commit")
        commit.steps = steps
        return commit
    }

    /// Closes a run that could not finish: the catalogue keeps its records as they were, and what the run
    /// staged stays, with its checkpoint, for the next run to resume from.
    public func failRun(runID: Int64, sourceID: String, error: String, counters: FetchCounters, issues: [RecordIssue],
                        at date: Date) throws(StoreError) -> (counts: RunCounts, issues: Int) {
        try write("recording the failed harvest of '\(sourceID)'") { db in
            try Self.insert(issues: issues, runID: runID, sourceID: sourceID, db: db)
            try Self.save(counters, runID: runID, db: db)
            let counts = try Self.counts(runID: runID, db: db)
            let issueCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM record_issues WHERE run_id = ?", arguments: [runID]) ?? 0
            try db.execute(sql: """
                UPDATE harvest_runs SET ended_at = ?, status = 'failed', seen = ?, added = ?, updated = ?, unchanged = ?,
                    skipped = ?, issues = ?, error = ? WHERE id = ?
                """, arguments: [Timestamp.text(date), counts.seen, counts.added, counts.updated, counts.unchanged,
                                 counts.skipped, issueCount, error, runID])
            return (counts, issueCount)
        }
    }

    /// Keeps the raw payloads the run staged.
    static func keepRaw(runID: Int64, sourceID: String, at now: String, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO raw_records (source_id, local_id, payload, payload_codec, payload_hash, media_type, page_url, fetched_at)
            SELECT ?, local_id, payload, payload_codec, payload_hash, media_type, page_url, ? FROM run_staging NOT INDEXED
            WHERE run_id = ? AND payload IS NOT NULL AND change != 'skipped'
            \(Self.rawUpsert)
            """, arguments: [sourceID, now, runID])
    }

    static func counts(runID: Int64, db: Database) throws -> RunCounts {
        var counts = RunCounts()
        for row in try Row.fetchAll(db, sql: "SELECT change, count(*) FROM run_staging INDEXED BY run_staging_by_change WHERE run_id = ? GROUP BY change",
                                    arguments: [runID]) {
            let n: Int = row[1]
            switch row[0] as String {
            case "added": counts.added = n
            case "updated": counts.updated = n
            case "unchanged": counts.unchanged = n
            default: counts.skipped = n
            }
        }
        counts.seen = counts.added + counts.updated + counts.unchanged + counts.skipped
        return counts
    }

    static func save(_ counters: FetchCounters, runID: Int64, db: Database) throws {
        try db.execute(sql: """
            UPDATE harvest_runs SET pages = ?, requests = ?, bytes = ?, not_modified = ?, retries = ?, unchanged_pages = ? WHERE id = ?
            """, arguments: [counters.pages, counters.requests, counters.bytes, counters.notModified, counters.retries,
                             counters.unchangedPages, runID])
    }

    /// Keeps the dictionaries `sourceID`'s harvest trained (see `CompressionDictionary`).
    static func insert(dictionaries: [CompressionDictionary], sourceID: String, at date: Date, db: Database) throws {
        for dictionary in dictionaries {
            try db.execute(sql: """
                INSERT OR IGNORE INTO compression_dictionaries (id, source_id, trained_at, samples, bytes) VALUES (?, ?, ?, ?, ?)
                """, arguments: [Int64(dictionary.id), sourceID, Timestamp.text(date), dictionary.samples, Data(dictionary.bytes)])
        }
    }

    /// The dictionary `sourceID`'s records are compressed with: the last one its harvests trained, or nil.
    public func compressionDictionary(sourceID: String) throws(StoreError) -> CompressionDictionary? {
        let bytes = try read("reading the compression dictionary of '\(sourceID)'") { db in
            try Data.fetchOne(db, sql: """
                SELECT bytes FROM compression_dictionaries WHERE source_id = ? ORDER BY trained_at DESC, rowid DESC LIMIT 1
                """, arguments: [sourceID])
        }
        guard let bytes, let dictionary = CompressionDictionary(bytes: [UInt8](bytes)) else { return nil }
        CompressionDictionaries.register(dictionary)
        return dictionary
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
