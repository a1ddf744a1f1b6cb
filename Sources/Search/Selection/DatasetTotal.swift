import CatalogStore
import GRDB

/// How many datasets a query's matching records make, exactly: the matching records less the extra members of the
/// clusters (the same dataset on several portals) that matched more than once. The full-text index keeps the records
/// of such clusters below `StaticRank.standAlone`, each cluster's records sharing their rowid's high bits, so the
/// extra members are counted from the index alone: FTS5 seeks to that part of each doclist and reads no record.
enum DatasetTotal {
    /// The datasets among the records matching the FTS5 expression `match`.
    static func of(match: String, in db: Database) throws -> Int {
        try counts(match: match, in: db).datasets
    }

    /// The records matching the FTS5 expression `match`, and the datasets they make.
    static func counts(match: String, in db: Database) throws -> (matches: Int, datasets: Int) {
        let matches = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?"),
                                       arguments: [match]) ?? 0
        guard matches > 0 else { return (0, 0) }
        let extra = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) - count(DISTINCT \(StaticRank.cluster(ofRowid: "rowid"))) FROM records_fts
            WHERE records_fts MATCH ? AND rowid < \(StaticRank.standAlone)
            """), arguments: [match]) ?? 0
        return (matches, matches - extra)
    }

    /// The datasets among the records matching `match` that pass `filter` (an SQL condition over `records r`, its values
    /// in `arguments` after the expression), in one pass over the matches: each passing record counts, less those
    /// whose cluster another passing record already counted.
    static func of(match: String, filter: String, arguments: StatementArguments, in db: Database) throws -> Int {
        let clustered = "records_fts.rowid < \(StaticRank.standAlone)"
        let datasets = """
            SELECT count(*) - (count(CASE WHEN \(clustered) THEN 1 END)
                - count(DISTINCT CASE WHEN \(clustered) THEN \(StaticRank.cluster(ofRowid: "records_fts.rowid")) END))
            """
        // A filter of `record_terms` (format, theme, language) reads no record: the matches' rowids are enough.
        if let overIndex = SearchEngine.overIndex(filter, rowid: "records_fts.rowid") {
            return try Int.fetchOne(db, sql: "\(datasets) FROM records_fts WHERE records_fts MATCH ? AND \(overIndex)",
                                    arguments: arguments) ?? 0
        }
        return try Int.fetchOne(db, sql: """
            \(datasets) FROM records_fts JOIN records r ON r.seq = \(StaticRank.seq(ofRowid: "records_fts.rowid"))
            WHERE records_fts MATCH ? AND \(filter)
            """, arguments: arguments) ?? 0
    }
}
