import GRDB

extension CatalogStore {
    /// Remembers the records of `sourceID` that run `runID` is about to delete (missing from its complete listing).
    static func recordWithdrawn(runID: Int64, sourceID: String, at now: String, db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO withdrawn_records (record_id, source_id, local_id, title, original_url, run_id, first_run, withdrawn_at)
            SELECT id, source_id, local_id, title, json_extract(fedcat_json(record_json), '$.provenance.originalURL'), ?, first_run, ?
            FROM records WHERE source_id = ? AND local_id NOT IN (SELECT local_id FROM run_staging WHERE run_id = ?)
            """, arguments: [runID, now, sourceID, runID])
    }

    /// A record withdrawn earlier and published again by run `runID` is an update: it keeps its first run and
    /// leaves the withdrawn list.
    static func restoreWithdrawn(runID: Int64, sourceID: String, db: Database) throws {
        // Both statements start from the source's withdrawn rows (few, usually none) and look records up by id: started
        // from the source's records, they read every one of them (a 100,000-record first harvest spent 0.8 s here).
        try db.execute(sql: """
            UPDATE records SET first_run = coalesce((SELECT w.first_run FROM withdrawn_records w WHERE w.record_id = records.id), first_run)
            WHERE id IN (SELECT record_id FROM withdrawn_records WHERE source_id = ?) AND +source_id = ? AND first_run = ?
            """, arguments: [sourceID, sourceID, runID])
        try db.execute(sql: """
            DELETE FROM withdrawn_records WHERE source_id = ? AND EXISTS (SELECT 1 FROM records r WHERE r.id = withdrawn_records.record_id)
            """, arguments: [sourceID])
    }
}
