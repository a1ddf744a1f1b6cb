import GRDB

/// Description snippets for the records on a page, matched words marked `[` and `]`: FTS5 builds one by re-reading the
/// record's text, so only the page's records get one.
enum Snippets {
    /// The page's hits with their snippets.
    static func add(to hits: [SearchEngine.PageHit], match: String, in db: Database) throws -> [SearchEngine.PageHit] {
        let snippets = try of(hits.compactMap(\.rowid), match: match, in: db)
        return hits.map { hit in (hit.cluster, hit.rowid, hit.score, hit.rowid.flatMap { snippets[$0] }) }
    }

    /// The snippet of each of `rowids` (FTS5 rowids of records matching `match`), by rowid. Each FTS5 query of a prefix
    /// (`wat*`) first merges the doclists of every word with that prefix (about 20 ms for a common prefix in a million
    /// records), so a query with a prefix builds the page's snippets in one statement, over the matches between the
    /// page's first and last rowid; other queries look each record up by its rowid, which reads only its own entries.
    static func of(_ rowids: [Int64], match: String, in db: Database) throws -> [Int64: String] {
        guard let low = rowids.min(), let high = rowids.max() else { return [:] }
        var snippets: [Int64: String] = [:]
        if match.contains("\"*") {
            let marks = rowids.map { _ in "?" }.joined(separator: ",")
            // `+rowid` keeps the list a filter, so FTS5 runs one query (a rowid list would be one query per rowid).
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, snippet(records_fts, 1, '[', ']', '…', 12) AS snippet FROM records_fts
                WHERE records_fts MATCH ? AND rowid >= ? AND rowid <= ? AND +rowid IN (\(marks))
                """, arguments: StatementArguments([match.databaseValue, low.databaseValue, high.databaseValue] + rowids.map(\.databaseValue)))
            for row in rows { snippets[row["rowid"]] = row["snippet"] }
            return snippets
        }
        let statement = try db.cachedStatement(sql: """
            SELECT snippet(records_fts, 1, '[', ']', '…', 12) FROM records_fts WHERE records_fts MATCH ? AND rowid = ?
            """)
        for rowid in rowids {
            snippets[rowid] = try String.fetchOne(statement, arguments: [match, rowid])
        }
        return snippets
    }
}
