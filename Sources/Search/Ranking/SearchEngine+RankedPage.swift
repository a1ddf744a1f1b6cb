import CatalogStore
import GRDB

extension SearchEngine {
    /// The page of clusters by relevance among the matches of `match` whose FTS5 rowid is at most `bound` (all of them
    /// when nil: see `candidatePage`): FTS5's top rows by rank, enough for the page to hold `offset + limit` distinct
    /// clusters (records of one cluster share a page slot, the best-scoring one standing for it) or for the matches to
    /// run out. Ties keep rowid order (static-rank order), so pages are stable. A first window of top rows usually fills
    /// the page; when it does not (a selective filter, clusters repeating), one more pass scores every match with the
    /// filter applied and keeps the best rows that pass, instead of scoring every match again for each wider window.
    func rankedPage(match: String, bound: Int64?, ranking: QueryRanking, filters: RankFilters, arguments: StatementArguments, limit: Int, offset: Int,
                    in db: Database) throws -> [PageHit] {
        let within = bound.map { " AND records_fts.rowid <= \($0)" } ?? ""
        let wanted = offset + limit
        let window = max(64, wanted * (filters.overAll.isEmpty ? 2 : 8))
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.rowid AS rowid, -f.bm AS score, \(Self.datasetKey("f.rowid")) AS dataset, f.n AS n FROM (
                SELECT rowid, bm, count(*) OVER () AS n FROM (
                    SELECT records_fts.rowid AS rowid, \(try ranking.function(for: match, joined: true)) AS bm
                    FROM records_fts \(QueryRanking.joins) WHERE records_fts MATCH ?\(within)
                    ORDER BY bm, rowid LIMIT \(window)
                )
            ) f\(Self.passing(filters.perRecord, rowid: "f.rowid"))
            ORDER BY f.bm, f.rowid
            """, arguments: arguments)
        let best = Self.distinctDatasets(rows)
        let ranked = try rows.first.map { $0[3] as Int } ?? Self.rankedCount(match: match, within: within, window: window, in: db)
        if best.count >= wanted || ranked < window {
            return try Self.clusters(of: Array(best.dropFirst(offset).prefix(limit)), in: db)
        }
        var kept = wanted * 4
        // Among a bounded set of candidates, each one's filter is looked up (a few thousand lookups at most); over every
        // match, the filter's records are listed once instead.
        let filter = bound == nil ? filters.overAll : filters.perRecord
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.rowid AS rowid, -f.bm AS score, \(Self.datasetKey("f.rowid")) AS dataset FROM (
                    SELECT records_fts.rowid AS rowid, \(try ranking.function(for: match, joined: true)) AS bm
                    FROM records_fts \(QueryRanking.joins) WHERE records_fts MATCH ?\(within)
                ) f\(Self.passing(filter, rowid: "f.rowid"))
                ORDER BY f.bm, f.rowid LIMIT \(kept)
                """, arguments: arguments)
            let best = Self.distinctDatasets(rows)
            if best.count >= wanted || rows.count < kept {
                return try Self.clusters(of: Array(best.dropFirst(offset).prefix(limit)), in: db)
            }
            kept *= 4
        }
    }

    /// SQL: which dataset an FTS5 rowid belongs to, from the rowid alone (see `StaticRank`): the records of a cluster of
    /// several share their high bits, a record standing alone is its own dataset.
    static func datasetKey(_ rowid: String) -> String {
        "CASE WHEN \(rowid) < \(StaticRank.standAlone) THEN \(StaticRank.cluster(ofRowid: rowid)) ELSE \(rowid) END"
    }

    /// ` WHERE filter` over the FTS5 rows `rowid`: over the rowid alone when the filter reads nothing of a record but
    /// its `seq`, else through a join with the record `r`. Empty without a filter.
    static func passing(_ filter: String, rowid: String) -> String {
        guard !filter.isEmpty else { return "" }
        if let overIndex = overIndex(filter, rowid: rowid) { return " WHERE 1\(overIndex)" }
        return " JOIN records r ON r.seq = \(StaticRank.seq(ofRowid: rowid)) WHERE 1\(filter)"
    }

    /// The page's rows as hits, each with its record's cluster.
    private static func clusters(of rows: [(rowid: Int64, score: Double)], in db: Database) throws -> [PageHit] {
        let statement = try db.cachedStatement(sql: "SELECT cluster_id FROM records WHERE seq = ?")
        return try rows.map { row in
            let cluster = try String.fetchOne(statement, arguments: [row.rowid & 0xFFFF_FFFF]) ?? ""
            return (cluster, row.rowid, row.score, nil)
        }
    }

    /// A query's filter as ranking reads it: ` AND condition`, or empty without a filter; `perRecord` looks its
    /// `record_terms` up record by record, for the first window of top rows, `overAll` lists them once, for a pass
    /// over every match.
    struct RankFilters {
        var overAll: String
        var perRecord: String

        init(_ plan: QueryPlan) {
            overAll = plan.filter.map { " AND \($0)" } ?? ""
            perRecord = plan.filterPerRecord.map { " AND \($0)" } ?? ""
        }
    }

    /// Rows in rank order (`rowid`, `score`, `dataset` first, read by position), the first (best) row of each dataset
    /// standing for it.
    private static func distinctDatasets(_ rows: [Row]) -> [(rowid: Int64, score: Double)] {
        var seen = Set<Int64>()
        var best: [(rowid: Int64, score: Double)] = []
        for row in rows where seen.insert(row[2]).inserted {
            best.append((row[0], row[1]))
        }
        return best
    }

    /// How many matches (with rowids `within` the bound) a window of `window` top rows held, when none of them passed
    /// the filter.
    private static func rankedCount(match: String, within: String, window: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ?\(within) LIMIT \(window))",
                         arguments: [match]) ?? 0
    }
}
