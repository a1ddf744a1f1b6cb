import CatalogStore
import GRDB

/// How many datasets a query's matching records make: the matching records less the extra members of the clusters (the
/// same dataset on several portals) that matched more than once. The full-text index keeps the records of such clusters
/// below `StaticRank.standAlone`, each cluster's records sharing their rowid's high bits, so the extra members are
/// counted from the index alone: FTS5 seeks to that part of each doclist and reads no record.
///
/// Counting every match of a common word walks half of a large index (18 ms for `quality`, 575,244 of a million
/// records), more than ranking the page does; so, unless asked for an exact total, a query stops counting after
/// `2 × limit` matching records and reports at least `limit` datasets ("at least 10000", as a web search engine says
/// "more than 10,000"; fewer only when those records are mostly clusters of three or more); with a filter, after `limit`
/// matching records, whose filter is looked up one by one, and its total is the datasets among those that pass. An estimate from a sample of the index would be biased: the index's order is static
/// rank (complete records first) and, within it, harvest order (one portal's records after another's), and both
/// correlate with words and formats.
enum DatasetTotal {
    /// How many datasets match, and how many records when they were all counted.
    struct Count: Sendable, Hashable {
        /// The matching records, nil when not all were counted (or a filter applied).
        var matches: Int?
        var datasets: Int
        /// True when counting stopped at the limit: at least `datasets` match.
        var isLowerBound = false
    }

    /// SQL: the datasets among the FTS5 rows `rowid` of a query: each row counts, less the rows of a cluster of several
    /// whose cluster another row already counted.
    static func datasets(_ rowid: String) -> String {
        let clustered = "\(rowid) < \(StaticRank.standAlone)"
        return "count(*) - (count(CASE WHEN \(clustered) THEN 1 END) - count(DISTINCT CASE WHEN \(clustered) THEN \(StaticRank.cluster(ofRowid: rowid)) END))"
    }

    /// The datasets among the records matching the FTS5 expression `match` that pass `filter` (an SQL condition over
    /// `records r` whose values follow the expression in `arguments`; nil for none). With a `limit`, counting stops
    /// after `2 × limit` matches (with a filter, `limit` matches, whose filter is looked up one by one, `perRecord`),
    /// and the count is then a lower bound; without one, every match is counted (a filter's records listed once).
    static func counts(match: String, filter: String? = nil, perRecord: String? = nil, arguments: StatementArguments? = nil,
                       limit: Int? = nil, in db: Database) throws -> Count {
        let arguments = arguments ?? [match]
        guard let limit else {
            let matching = "SELECT rowid FROM records_fts WHERE records_fts MATCH ?"
            let passing = filter.map { SearchEngine.passing(" AND \($0)", rowid: "m.rowid") } ?? ""
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT count(*), \(datasets("m.rowid")) FROM (\(matching)) m\(passing)
                """), arguments: arguments)
            return Count(matches: filter == nil ? row?[0] : nil, datasets: row?[1] ?? 0)
        }
        let bound = max(limit, 1)
        if filter == nil {
            // Without a filter, the first `2 × limit + 1` matches, which hold `limit` datasets unless most of them are
            // clusters of three records or more: all the matches, counted, when there are no more; else at least `limit`
            // datasets (or as many as those matches hold, when fewer).
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT count(*), \(datasets("m.rowid")) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT \(2 * bound + 1)) m
                """), arguments: arguments)
            let (records, datasets): (Int, Int) = (row?[0] ?? 0, row?[1] ?? 0)
            guard records > 2 * bound else { return Count(matches: records, datasets: datasets) }
            return Count(matches: nil, datasets: min(datasets, bound), isLowerBound: true)
        }
        // With a filter, the first `limit + 1` matches (each match's filter looked up, which costs more than the walk),
        // and the datasets among those that pass: a lower bound when there were more matches.
        let first = "SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT \(bound + 1)"
        let passing = SearchEngine.passing(" AND \(perRecord ?? filter ?? "1")", rowid: "m.rowid")
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            WITH m AS MATERIALIZED (\(first)), p AS (SELECT m.rowid AS rowid FROM m\(passing))
            SELECT (SELECT count(*) FROM m), \(datasets("p.rowid")) FROM p
            """), arguments: arguments)
        let walked: Int = row?[0] ?? 0
        guard walked > bound else { return Count(matches: nil, datasets: row?[1] ?? 0) }
        return Count(matches: nil, datasets: row?[1] ?? 0, isLowerBound: true)
    }
}
