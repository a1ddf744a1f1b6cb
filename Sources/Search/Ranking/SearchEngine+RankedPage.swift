import CatalogStore
import GRDB

extension SearchEngine {
    /// The page of clusters by relevance among the matches of `match` whose FTS5 rowid is at most `bound` (all of them
    /// when nil: see `candidatePage`): FTS5's top rows by rank, enough for the page to hold `offset + limit` distinct
    /// clusters (records of one cluster share a page slot, the best-scoring one standing for it) or for the matches to
    /// run out. Ties keep rowid order (static-rank order), so pages are stable. A first window of top rows usually fills
    /// the page; when it does not (a selective filter, clusters repeating), one more pass scores every match with the
    /// filter applied and keeps the best rows that pass, instead of scoring every match again for each wider window.
    func rankedPage(match: String, bound: Int64?, filters: RankFilters, arguments: StatementArguments, limit: Int, offset: Int,
                    in db: Database) throws -> [PageHit] {
        let (filter, perRecord) = (filters.overAll, filters.perRecord)
        let within = bound.map { " AND rowid <= \($0)" } ?? ""
        let seq = StaticRank.seq(ofRowid: "f.rowid")
        let wanted = offset + limit
        let window = max(64, wanted * (filter.isEmpty ? 2 : 8))
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.rowid AS rowid, -f.rank AS score, r.cluster_id AS cluster, f.n AS n FROM (
                SELECT rowid, rank, count(*) OVER () AS n FROM (
                    SELECT rowid, rank FROM records_fts WHERE records_fts MATCH ?\(within) AND rank MATCH '\(Self.rankFunction)'
                    ORDER BY rank LIMIT \(window)
                )
            ) f JOIN records r\(Self.narrowRows(perRecord)) ON r.seq = \(seq) WHERE 1\(perRecord)
            ORDER BY f.rank, f.rowid
            """, arguments: arguments)
        let hits = Self.distinctClusters(rows)
        let ranked = try rows.first.map { $0["n"] as Int } ?? Self.rankedCount(match: match, within: within, window: window, in: db)
        if hits.count >= wanted || ranked < window {
            return Array(hits.dropFirst(offset).prefix(limit))
        }
        var kept = wanted * 4
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.rowid AS rowid, -f.rank AS score, r.cluster_id AS cluster FROM (
                    SELECT rowid, rank FROM records_fts WHERE records_fts MATCH ?\(within) AND rank MATCH '\(Self.rankFunction)'
                ) f JOIN records r\(Self.narrowRows(filter)) ON r.seq = \(seq) WHERE 1\(filter)
                ORDER BY f.rank, f.rowid LIMIT \(kept)
                """, arguments: arguments)
            let hits = Self.distinctClusters(rows)
            if hits.count >= wanted || rows.count < kept {
                return Array(hits.dropFirst(offset).prefix(limit))
            }
            kept *= 4
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

    /// Rows in rank order as hits, the first (best) row of each cluster standing for it.
    private static func distinctClusters(_ rows: [Row]) -> [PageHit] {
        var seen = Set<String>()
        var hits: [PageHit] = []
        for row in rows where seen.insert(row["cluster"]).inserted {
            hits.append((row["cluster"], row["rowid"], row["score"], nil))
        }
        return hits
    }

    /// How many matches (with rowids `within` the bound) a window of `window` top rows held, when none of them passed
    /// the filter.
    private static func rankedCount(match: String, within: String, window: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ?\(within) LIMIT \(window))",
                         arguments: [match]) ?? 0
    }
}
