import GRDB

extension SearchEngine {
    /// The page of clusters by relevance. FTS5 scores every row it ranks (its bm25 reads each row's column sizes, about
    /// 3 µs a row), and a common word matches half of a large catalogue; so a query ranks its first `candidates` matches
    /// in the index's rowid order, which is static-rank order (`StaticRank`: the publisher's own, more complete, more
    /// recent records first), and takes the best of those by bm25. A query with fewer matches is ranked exactly.
    ///
    /// A broad query (more than `broadQuery` datasets, or more matches than its total counted: `totalIsLowerBound`)
    /// without a prefix first ranks the candidates whose title matches it (bm25 over the query and its title part, so a title match
    /// outranks a record that only repeats the word in its description), when they fill the page; else all of them.
    /// In every case the query is the whole query (a `-word` excludes the word from every field) and filters apply.
    /// `ranking` gives the ranking function of each expression. `matches`, when known, is how many records match
    /// (the candidates' bound is then not looked for when they are fewer); `marked` holds the rowids of matches at some
    /// positions, found while counting (the bound of `size` candidates is the rowid at `size - 1`).
    ///
    /// `broad` is whether the query is broad when its total is known before ranking; nil when the total is being
    /// counted beside the ranking (`CatalogStore.readBeside`): the plain candidates are then ranked first and
    /// `broadLater` (which waits for the total) decides whether a title-first page replaces them. The page is the same
    /// either way: the title matches among the first `size` candidates win at the smallest size where they fill it,
    /// unless the plain candidates filled it at a smaller one.
    func relevancePage(match: String, matches: Int?, marked: [Int: Int64] = [:], broad: Bool?, broadLater: () throws -> Bool = { false },
                       ranking: QueryRanking, filters: RankFilters,
                       filterArguments: [DatabaseValue], limit: Int, offset: Int, in db: Database) throws -> [PageHit] {
        // Not for a prefix (`wat*`): FTS5 expands a prefix again for each phrase of each statement, and the title part
        // doubles them (a ranking statement of `just*` took about 80 ms at a million records, `--profile-sql`).
        let titled = match.contains("\"*") ? nil : "(\(match)) AND ({title}: (\(match)))"
        let titledPage = { (bound: Int64?) throws -> [PageHit]? in
            guard let titled else { return nil }
            let hits = try self.rankedPage(match: titled, bound: bound, ranking: ranking, filters: filters,
                                           arguments: StatementArguments([titled.databaseValue] + filterArguments), limit: limit, offset: offset, in: db)
            return hits.count == limit ? hits : nil
        }
        let arguments = StatementArguments([match.databaseValue] + filterArguments)
        var size = max(candidates, 1)
        var bounds: [Int64?] = []
        var plain: [PageHit] = []
        while true {
            // The candidates are the first `size` matches of the whole query: the title matches among them are ranked
            // first, without a walk of their own to find as many title matches (a title part of two words is rare, and
            // that walk went through most of the matches).
            let bound = try matches.map { $0 <= size } == true ? nil : (marked[size - 1] ?? Self.candidateBound(match: match, candidates: size, in: db))
            if broad == true, let hits = try titledPage(bound) { return hits }
            bounds.append(bound)
            plain = try rankedPage(match: match, bound: bound, ranking: ranking, filters: filters, arguments: arguments, limit: limit,
                                   offset: offset, in: db)
            if plain.count == limit || bound == nil { break }
            size = size > Int.max / 8 ? Int.max : size * 8
        }
        if broad == nil, titled != nil, try broadLater() {
            for bound in bounds {
                if let hits = try titledPage(bound) { return hits }
            }
        }
        return plain
    }

    /// The FTS5 rowid of the `candidates`-th match of `match` in rowid order, or nil when there are fewer matches (every
    /// match is then a candidate). FTS5 walks its doclists in rowid order and stops there, without scoring.
    static func candidateBound(match: String, candidates: Int, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid LIMIT 1 OFFSET ?"),
                           arguments: [match, candidates - 1])
    }
}
