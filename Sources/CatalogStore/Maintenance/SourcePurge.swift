import GRDB

/// How many rows purging a source removed, by table.
public struct PurgeCounts: Sendable, Hashable, Encodable {
    public var records = 0
    public var rawRecords = 0
    public var keys = 0
    public var issues = 0
    public var runs = 0
    public var pages = 0
    /// Withdrawn-record entries of the change feed.
    public var withdrawn = 0
    /// Records of other sources that shared a cluster with the source's records and were clustered again.
    public var reclustered = 0

    enum CodingKeys: String, CodingKey {
        case records, rawRecords = "raw_records", keys, issues, runs, pages, withdrawn, reclustered
    }
}

extension CatalogStore {
    /// Deletes everything the catalogue holds of `sourceID` (records and their index and term rows, raw records,
    /// match keys, issues, runs with what they staged and their quality scores, remembered pages, withdrawn-record
    /// entries, schedule state and locks, compression dictionaries, the source row) in one transaction, then
    /// clusters again the records of other sources that shared a cluster with them.
    public func purge(sourceID: String) throws(StoreError) -> PurgeCounts {
        try write("purging source '\(sourceID)'") { db in
            var counts = PurgeCounts()
            let clusters = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT cluster_id FROM records WHERE source_id = ? AND cluster_id IS NOT NULL
                """, arguments: [sourceID]))
            func delete(_ sql: String) throws -> Int {
                try db.execute(sql: sql, arguments: [sourceID])
                return db.changesCount
            }
            let formerKeys = try KeyPostings.remove(keysWhere: "k.source_id = ?", arguments: [sourceID], db: db)
            counts.keys = try delete("DELETE FROM record_keys WHERE source_id = ?")
            counts.records = try delete("DELETE FROM records WHERE source_id = ?")
            counts.rawRecords = try delete("DELETE FROM raw_records WHERE source_id = ?")
            counts.issues = try delete("DELETE FROM record_issues WHERE source_id = ?")
            counts.pages = try delete("DELETE FROM http_cache WHERE source_id = ?")
            // Quality scores go with their runs (ON DELETE CASCADE); the rest is keyed by source.
            counts.runs = try delete("DELETE FROM harvest_runs WHERE source_id = ?")
            counts.withdrawn = try delete("DELETE FROM withdrawn_records WHERE source_id = ?")
            _ = try delete("DELETE FROM quality_records WHERE source_id = ?")
            _ = try delete("DELETE FROM quality_runs WHERE source_id = ?")
            _ = try delete("DELETE FROM schedule_state WHERE source_id = ?")
            _ = try delete("DELETE FROM schedule_locks WHERE source_id = ?")
            // Trained on its records, so holding fragments of them; nothing else was compressed with them.
            _ = try delete("DELETE FROM compression_dictionaries WHERE source_id = ?")
            _ = try delete("DELETE FROM sources WHERE id = ?")
            var remaining: [String] = []
            for chunk in Array(clusters).chunked(500) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                try db.execute(sql: "DELETE FROM clusters WHERE id IN (\(marks))", arguments: StatementArguments(Array(chunk)))
                remaining += try String.fetchAll(db, sql: "SELECT id FROM records WHERE cluster_id IN (\(marks))",
                                                 arguments: StatementArguments(Array(chunk)))
            }
            counts.reclustered = remaining.count
            try Clusters.update(affected: remaining, removedClusters: clusters, formerKeys: formerKeys, db: db)
            return counts
        }
    }
}
