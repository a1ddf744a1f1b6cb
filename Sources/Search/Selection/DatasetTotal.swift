import CatalogStore
import GRDB

/// How many datasets a query's matching records make, exactly: the matching records less the extra members of the
/// clusters (the same dataset on several portals) that matched more than once. Only the records of clusters of
/// several records (the `clusters` table) can be extra, so the cost follows the fewer of the matches and those records:
/// a catalogue without such clusters counts its matches and nothing else.
enum DatasetTotal {
    /// How many records belong to clusters of more than one record.
    static func clusteredRecords(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(size), 0) FROM clusters WHERE size > 1")) ?? 0
    }

    /// The datasets among the records matching the FTS5 expression `match`.
    static func of(match: String, in db: Database) throws -> Int {
        let matches = try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", arguments: [match]) ?? 0
        guard matches > 0 else { return 0 }
        let clustered = try clusteredRecords(in: db)
        guard clustered > 0 else { return matches }
        // Few matches: each one looks its cluster up. Many: each clustered record looks for itself among the matches,
        // which SQLite lists once; `+r.seq` keeps that list a filter (as an index constraint SQLite probed every
        // listed rowid for every cluster, minutes at a million records).
        let extra = matches <= clustered
            ? try Int.fetchOne(db, sql: """
                SELECT count(*) - count(DISTINCT r.cluster_id) FROM records_fts
                JOIN records r INDEXED BY records_seq_cluster ON r.seq = \(StaticRank.seq(ofRowid: "records_fts.rowid")) JOIN clusters c ON c.id = r.cluster_id
                WHERE records_fts MATCH ?
                """, arguments: [match]) ?? 0
            : try Int.fetchOne(db, sql: """
                SELECT count(*) - count(DISTINCT r.cluster_id) FROM clusters c
                CROSS JOIN records r INDEXED BY records_by_cluster ON r.cluster_id = c.id
                WHERE +r.seq IN (SELECT \(StaticRank.seq(ofRowid: "rowid")) FROM records_fts WHERE records_fts MATCH ?)
                """, arguments: [match]) ?? 0
        return matches - extra
    }

    /// The datasets among the records matching `match` that pass `filter` (an SQL condition over `records r`, its values
    /// in `arguments` after the expression), in one pass over the matches: each passing record counts, less those
    /// whose cluster another passing record already counted.
    static func of(match: String, filter: String, arguments: StatementArguments, in db: Database) throws -> Int {
        let rows = "records_fts JOIN records r\(SearchEngine.narrowRows(filter)) ON r.seq = \(StaticRank.seq(ofRowid: "records_fts.rowid"))"
        guard try clusteredRecords(in: db) > 0 else {
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(rows) WHERE records_fts MATCH ? AND \(filter)", arguments: arguments) ?? 0
        }
        return try Int.fetchOne(db, sql: """
            SELECT count(*) - (count(c.id) - count(DISTINCT c.id)) FROM \(rows) LEFT JOIN clusters c ON c.id = r.cluster_id
            WHERE records_fts MATCH ? AND \(filter)
            """, arguments: arguments) ?? 0
    }
}
