import CatalogStore
import GRDB
import GRDBSQLite

/// How many datasets a query's matching records make: the matching records less the extra members of the clusters (the
/// same dataset on several portals) that matched more than once. The full-text index keeps the records of such clusters
/// below `StaticRank.standAlone`, each cluster's records sharing their rowid's high bits, so the extra members are
/// counted from the index alone: FTS5 seeks to that part of each doclist and reads no record.
///
/// Counting every match of a common word walks half of a large index (18 ms for `quality`, 575,244 of a million
/// records), more than ranking the page does; so, unless asked for an exact total, a query stops counting once more than
/// `limit` datasets match and reports at least `limit` ("at least 10000", as a web search engine says "more than
/// 10,000"). Without a filter the matches are walked in rowid order, where a cluster's records are next to each other,
/// so the datasets are counted as they come (no set of the clusters seen) and the walk stops at the `limit + 1`-th; the
/// same walk notes the rowids that bound the query's ranking candidates. With a filter, it stops after `limit` matching
/// records, whose filter is looked up one by one, and its total is the datasets among those that pass. An estimate from
/// a sample of the index would be biased: the index's order is static rank (complete records first) and, within it,
/// harvest order (one portal's records after another's), and both correlate with words and formats.
enum DatasetTotal {
    /// How many datasets match, and how many records when they were all counted.
    struct Count: Sendable, Hashable {
        /// The matching records, nil when not all were counted (or a filter applied).
        var matches: Int?
        var datasets: Int
        /// True when counting stopped at the limit: at least `datasets` match.
        var isLowerBound = false
        /// The rowids of matches at the positions asked for (`marks` of `counts`), where the walk reached them.
        var marked: [Int: Int64] = [:]
        /// How many matches lie up to the rowid `sampleEnd` given to `counts`, when the walk went past it (or ended).
        var sampled: Int?
    }

    /// SQL: the datasets among the FTS5 rows `rowid` of a query: each row counts, less the rows of a cluster of several
    /// whose cluster another row already counted.
    static func datasets(_ rowid: String) -> String {
        let clustered = "\(rowid) < \(StaticRank.standAlone)"
        return "count(*) - (count(CASE WHEN \(clustered) THEN 1 END) - count(DISTINCT CASE WHEN \(clustered) THEN \(StaticRank.cluster(ofRowid: rowid)) END))"
    }

    /// The datasets among the records matching the FTS5 expression `match` that pass `filter` (an SQL condition over
    /// `records r` whose values follow the expression in `arguments`; nil for none). With a `limit`, counting stops
    /// once more than `limit` datasets match (with a filter, after `limit` matches, whose filter is looked up one by
    /// one, `perRecord`), and the count is then a lower bound; without one, every match is counted (a filter's records
    /// listed once). `marks`: positions (from 0, in rowid order) of matches whose rowid to report, when the count
    /// walks past them without a filter (the bounds of a query's ranking candidates, found on the way); the same walk
    /// counts the matches up to `sampleEnd` (the ranking sample's end, `Count.sampled`).
    static func counts(match: String, filter: String? = nil, perRecord: String? = nil, arguments: StatementArguments? = nil,
                       limit: Int? = nil, marks: [Int] = [], sampleEnd: Int64? = nil, in db: Database) throws -> Count {
        let arguments = arguments ?? [match]
        guard let filter else { return try walk(match: match, limit: limit, marks: marks, sampleEnd: sampleEnd, in: db) }
        guard let limit else {
            let matching = "SELECT rowid FROM records_fts WHERE records_fts MATCH ?"
            let passing = SearchEngine.passing(" AND \(filter)", rowid: "m.rowid")
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(datasets("m.rowid")) FROM (\(matching)) m\(passing)
                """), arguments: arguments)
            return Count(matches: nil, datasets: row?[0] ?? 0)
        }
        let bound = max(limit, 1)
        // With a filter, the first `limit + 1` matches (each match's filter looked up, which costs more than the walk),
        // and the datasets among those that pass: a lower bound when there were more matches.
        let first = "SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT \(bound + 1)"
        let passing = SearchEngine.passing(" AND \(perRecord ?? filter)", rowid: "m.rowid")
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            WITH m AS MATERIALIZED (\(first)), p AS (SELECT m.rowid AS rowid FROM m\(passing))
            SELECT (SELECT count(*) FROM m), \(datasets("p.rowid")) FROM p
            """), arguments: arguments)
        let walked: Int = row?[0] ?? 0
        guard walked > bound else { return Count(matches: nil, datasets: row?[1] ?? 0) }
        return Count(matches: nil, datasets: row?[1] ?? 0, isLowerBound: true)
    }

    /// The matches of `match` walked in rowid order, without a filter: a row is a new dataset when its dataset key
    /// (`StaticRank.dataset(ofRowid:)`) differs from the row before, as the records of a cluster are next to each
    /// other in that order. Stops at the `limit + 1`-th dataset (the count is then a lower bound of `limit`), so a
    /// common word walks about `limit` rows, and neither an SQL aggregate nor a set of the clusters seen is needed.
    private static func walk(match: String, limit: Int?, marks: [Int], sampleEnd: Int64?, in db: Database) throws -> Count {
        let statement = try db.cachedStatement(sql: "SELECT rowid FROM records_fts WHERE records_fts MATCH ?")
        try statement.setArguments([match])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let stop = limit.map { max($0, 1) + 1 } ?? Int.max
        let marks = marks.sorted()
        var next = 0
        var count = Count(matches: nil, datasets: 0)
        var rows = 0, last: Int64?
        var sampled = 0
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql, arguments: [match])
            }
            let rowid = sqlite3_column_int64(handle, 0)
            if let sampleEnd {
                if rowid <= sampleEnd { sampled += 1 } else if count.sampled == nil { count.sampled = sampled }
            }
            let key = StaticRank.dataset(ofRowid: rowid)
            if key != last {
                last = key
                count.datasets += 1
                if count.datasets == stop {
                    count.datasets = stop - 1
                    count.isLowerBound = true
                    return count
                }
            }
            while next < marks.count && marks[next] < rows { next += 1 }
            if next < marks.count && marks[next] == rows { count.marked[rows] = rowid }
            rows += 1
        }
        count.matches = rows
        if sampleEnd != nil && count.sampled == nil { count.sampled = sampled }
        return count
    }
}
