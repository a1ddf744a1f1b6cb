import CSQLiteConfig
import GRDB

/// Writes the full-text entries of many records in one statement each, in the index's rowid order, instead of by the
/// triggers on `records` row by row.
///
/// Row by row costs far more than it looks, for two reasons inside FTS5. FTS5 writes its pending terms to disk as a new
/// index segment whenever a statement of the transaction ends (its savepoint), so a trigger fired by each record's own
/// statement made one segment per record, and the merging that follows. And it also writes them out whenever a row
/// comes with a lower rowid than the previous one: since the rowid is the static rank (`StaticRank`), records
/// arriving in harvest order do that about every other row. Here the rows are removed or added by one statement,
/// sorted by rowid, so the pending terms grow until FTS5's own size limit.
enum FullTextBatch {
    static let columns = "title, description, keywords, publisher"

    /// Runs `body` with the connection's triggers off (the full-text triggers, and `records_terms_delete`), and turns
    /// them back on whatever happens. `body` must keep the index right itself: `remove` the entries of the records
    /// it will change before it changes them, and `add` the entries of the records it added or changed after.
    /// Calls nest: inside another such call, `body` just runs.
    static func withoutTriggers<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "\(db.description) is closed") }
        if fc_sqlite_enable_triggers(connection, -1) == 0 { return try body() }
        guard fc_sqlite_enable_triggers(connection, 0) == 0 else {
            throw DatabaseError(message: "SQLite would not turn off the triggers of \(db.description) for a batch of records")
        }
        let result: T
        do {
            result = try body()
        } catch {
            _ = fc_sqlite_enable_triggers(connection, 1)
            throw error
        }
        guard fc_sqlite_enable_triggers(connection, 1) == 1 else {
            throw DatabaseError(message: "SQLite would not turn the triggers of \(db.description) back on after a batch of records")
        }
        return result
    }

    /// Removes the entries of the records whose `seq` is listed, as they stand now (an external-content index must
    /// be told the values it indexed).
    static func remove(seqs: [Int64], db: Database) throws {
        guard !seqs.isEmpty else { return }
        try db.execute(sql: """
            INSERT INTO records_fts(records_fts, rowid, \(columns))
            SELECT 'delete', rank_key, \(columns) FROM records
            WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY +rank_key
            """, arguments: [NumberList.json(seqs)])
        try db.execute(sql: """
            DELETE FROM record_months WHERE rank_key IN (SELECT rank_key FROM records WHERE seq IN (SELECT value FROM json_each(?)))
            """, arguments: [NumberList.json(seqs)])
    }

    /// Adds the entries of the records with a `seq` above `above` (the rows a batch inserted) and of those listed.
    static func add(above: Int64, seqs: [Int64] = [], db: Database) throws {
        let listed = seqs.isEmpty ? "" : " OR seq IN (SELECT value FROM json_each(?))"
        try db.execute(sql: """
            INSERT INTO records_fts(rowid, \(columns))
            SELECT rank_key, \(columns) FROM records WHERE seq > ?\(listed) ORDER BY +rank_key
            """, arguments: seqs.isEmpty ? [above] : [above, NumberList.json(seqs)])
        try addMonths("seq > ?\(listed)", arguments: seqs.isEmpty ? [above] : [above, NumberList.json(seqs)], db: db)
    }

    /// Adds the months of the records `condition` selects (`RecordMonths`), as the full-text entries are added.
    private static func addMonths(_ condition: String, arguments: StatementArguments, db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO record_months (rank_key, month)
            SELECT rank_key, month FROM (SELECT rank_key, \(RecordMonths.of("modified")) AS month FROM records WHERE \(condition))
            WHERE month IS NOT NULL ORDER BY rank_key
            """, arguments: arguments)
    }


    /// Records whose static rank a change is about to move (clusters forming or splitting change `cluster_seq`), with
    /// the rowid each has in the index now; `apply` moves them all in two statements.
    struct Moves {
        private var indexed: [Int64: Int64] = [:]

        /// Notes a record whose rank is about to change, with its `rank_key` now (its rowid in the index); a record
        /// noted twice keeps the rowid it was first noted with, the one in the index.
        mutating func note(seq: Int64, rankKey: Int64) {
            if indexed[seq] == nil { indexed[seq] = rankKey }
        }

        /// Moves the entries of the noted rows whose rank changed from their old rowid to their new one.
        func apply(db: Database) throws {
            guard !indexed.isEmpty else { return }
            let pairs = indexed.map { "[\($0.key),\($0.value)]" }.joined(separator: ",")
            let moved = try Int64.fetchAll(db, sql: """
                SELECT r.seq FROM json_each(?) m JOIN records r ON r.seq = m.value ->> 0 WHERE r.rank_key IS NOT m.value ->> 1
                """, arguments: ["[" + pairs + "]"])
            guard !moved.isEmpty else { return }
            let old = "[" + moved.map { "[\($0),\(indexed[$0]!)]" }.joined(separator: ",") + "]"
            try db.execute(sql: """
                INSERT INTO records_fts(records_fts, rowid, \(columns))
                SELECT 'delete', m.value ->> 1, \(columns) FROM json_each(?) m JOIN records r ON r.seq = m.value ->> 0
                ORDER BY m.value ->> 1
                """, arguments: [old])
            try db.execute(sql: "DELETE FROM record_months WHERE rank_key IN (SELECT value ->> 1 FROM json_each(?))", arguments: [old])
            try db.execute(sql: """
                INSERT INTO records_fts(rowid, \(columns))
                SELECT rank_key, \(columns) FROM records WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY +rank_key
                """, arguments: [NumberList.json(moved)])
            try addMonths("seq IN (SELECT value FROM json_each(?))", arguments: [NumberList.json(moved)], db: db)
        }
    }
}
