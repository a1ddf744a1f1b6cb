import GRDB

extension CatalogStore {
    /// Remembers the records of `sourceID` that run `runID` is about to delete (missing from its complete listing).
    static func recordWithdrawn(runID: Int64, sourceID: String, at now: String, db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO withdrawn_records (record_id, source_id, local_id, title, original_url, run_id, first_run, withdrawn_at)
            SELECT id, source_id, local_id, title, json_extract(record_json, '$.provenance.originalURL'), ?, first_run, ?
            FROM records WHERE source_id = ? AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)
            """, arguments: [runID, now, sourceID, runID])
    }

    /// A record withdrawn earlier and published again by run `runID` is an update: it keeps its first run and
    /// leaves the withdrawn list.
    static func restoreWithdrawn(runID: Int64, sourceID: String, db: Database) throws {
        try db.execute(sql: """
            UPDATE records SET first_run = coalesce((SELECT w.first_run FROM withdrawn_records w WHERE w.record_id = records.id), first_run)
            WHERE source_id = ? AND first_run = ? AND id IN (SELECT record_id FROM withdrawn_records WHERE source_id = ?)
            """, arguments: [sourceID, runID, sourceID])
        try db.execute(sql: """
            DELETE FROM withdrawn_records WHERE source_id = ? AND record_id IN (SELECT id FROM records WHERE source_id = ?)
            """, arguments: [sourceID, sourceID])
    }
}
