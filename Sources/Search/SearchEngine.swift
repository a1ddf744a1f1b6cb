public import CatalogStore
import GRDB

/// One search: what to look for and which page of results.
public struct SearchRequest: Sendable {
    public var text: String
    public var limit: Int
    public var offset: Int
    public var sort: SearchSort
    /// The fields to count the results by.
    public var facets: [FacetField]

    public init(text: String, limit: Int = 20, offset: Int = 0, sort: SearchSort = .relevance, facets: [FacetField] = []) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.sort = sort
        self.facets = facets
    }
}

/// The order of results: best match first (newest first without words), newest first, or by title.
public enum SearchSort: String, CaseIterable, Sendable, Codable {
    case relevance, modified, title
}

/// One result row.
public struct SearchHit: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var publisher: String?
    /// The sources the dataset is published in.
    public var sources: [String]
    public var modified: String?
    /// bm25 relevance (higher is better); nil when browsing without words.
    public var score: Double?
    /// Matching words in context, marked with `[` and `]`.
    public var snippet: String?
    /// Every record of the dataset's cluster, the canonical one first (the same dataset on several portals).
    public var records: [String]
}

/// A page of results and how many there are in all.
public struct SearchResults: Sendable, Hashable, Codable {
    public var query: String
    public var total: Int
    public var offset: Int
    public var results: [SearchHit]
    /// Counts by the fields asked for, in the order asked; nil when none were.
    public var facets: [Facet]?
}

/// Runs searches over the full-text index, ranked by bm25 with title, keywords and publisher weighted above text,
/// one hit per dataset: records of one cluster (the same dataset on several portals) come back as one hit,
/// shown by their canonical record.
public struct SearchEngine: Sendable {
    public let store: CatalogStore
    /// Above this many matching datasets a query is broad: ranking every match by bm25 would score them all (a
    /// common word matches half a million records of a million), so the matches in titles are ranked first.
    /// (The total is exact whatever the threshold: see `DatasetTotal`.)
    public var broadQuery = 20_000

    /// bm25 weights for title, description, keywords, publisher (the FTS5 column order).
    public static let weights = (title: 10.0, description: 2.0, keywords: 5.0, publisher: 3.0)

    public init(store: CatalogStore) {
        self.store = store
    }

    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResults {
        guard (1...1000).contains(request.limit) else { throw .badLimit(request.limit) }
        let plan: QueryPlan
        do { plan = try QueryPlan.compile(request.text) } catch { throw .query(error) }
        let offset = max(0, request.offset)
        do {
            return try store.read("searching for '\(request.text)'") { db in
                let page = try self.page(plan, request: request, offset: offset, in: db)
                let results = try page.hits.map { try self.hit($0, in: db) }
                var facets: [Facet]?
                if !request.facets.isEmpty {
                    let (hits, arguments) = Self.matching(plan)
                    facets = try request.facets.map { try Facet.count($0, hits: hits, arguments: arguments, in: db) }
                }
                return SearchResults(query: request.text, total: page.total, offset: offset, results: results, facets: facets)
            }
        } catch {
            throw .store(error.description)
        }
    }

    /// The date a record was last modified, in ISO 8601 (nil when the published date could not be read): the `modified`
    /// column holds the ISO form when there is one, else the text as published.
    static let modifiedISO = "CASE WHEN r.modified GLOB '[0-9][0-9][0-9][0-9]*' THEN r.modified END"

    /// A cluster on the page: the record that stands for it in the ranking (its `seq`), the score and snippet.
    private typealias PageHit = (cluster: String, seq: Int64?, score: Double?, snippet: String?)

    /// The records the plan selects, as a query returning `seq` and `cluster_id`, with its arguments.
    static func matching(_ plan: QueryPlan) -> (sql: String, arguments: StatementArguments) {
        let filter = plan.filter.map { " AND \($0)" } ?? ""
        if let match = plan.match {
            // The narrow (seq, cluster_id) index spares reading each matching record's wide row.
            return ("SELECT r.seq, r.cluster_id FROM records_fts JOIN records r INDEXED BY records_seq_cluster ON r.seq = records_fts.rowid WHERE records_fts MATCH ?\(filter)",
                    StatementArguments([match.databaseValue] + plan.arguments))
        }
        return ("SELECT r.seq, r.cluster_id FROM records r WHERE 1\(filter)", StatementArguments(plan.arguments))
    }

    /// FTS5's own ranking function with fedcat's column weights: `ORDER BY rank` then takes FTS5's top-N path, which
    /// keeps only the best rows instead of sorting every match.
    static var rankFunction: String {
        let w = weights
        return "bm25(\(w.title), \(w.description), \(w.keywords), \(w.publisher))"
    }

    /// One page of clusters and how many clusters match in all.
    private func page(_ plan: QueryPlan, request: SearchRequest, offset: Int, in db: Database) throws -> (total: Int, hits: [PageHit]) {
        let filter = plan.filter.map { " AND \($0)" } ?? ""
        let page: StatementArguments = [request.limit, offset]
        if let match = plan.match {
            let arguments = StatementArguments([match.databaseValue] + plan.arguments)
            let hits: [PageHit]
            let total = try plan.filter.map { try DatasetTotal.of(match: match, filter: $0, arguments: arguments, in: db) }
                ?? DatasetTotal.of(match: match, in: db)
            if request.sort == .relevance {
                let filters = RankFilters(plan)
                hits = try broadRankedPage(match: match, total: total, filters: filters, filterArguments: plan.arguments,
                                           limit: request.limit, offset: offset, in: db)
                    ?? rankedPage(match: match, filters: filters, arguments: arguments, limit: request.limit, offset: offset, in: db)
            } else {
                let order = request.sort == .modified ? "modified IS NULL, modified DESC, score DESC, cluster" : "title COLLATE NOCASE, cluster"
                // The best-scoring record of each cluster stands for it; one hit per cluster.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT cluster, seq, score FROM (
                        SELECT cluster, seq, score, modified, title,
                               row_number() OVER (PARTITION BY cluster ORDER BY score DESC, seq) AS rn FROM (
                            SELECT r.cluster_id AS cluster, r.seq AS seq, \(Self.modifiedISO) AS modified, r.title AS title,
                                   -bm25(records_fts, \(Self.weights.title), \(Self.weights.description), \(Self.weights.keywords),
                                         \(Self.weights.publisher)) AS score
                            FROM records_fts JOIN records r ON r.seq = records_fts.rowid
                            WHERE records_fts MATCH ?\(filter)
                        )
                    ) WHERE rn = 1
                    ORDER BY \(order)
                    LIMIT ? OFFSET ?
                    """, arguments: arguments + page)
                hits = rows.map { ($0["cluster"], $0["seq"], $0["score"], nil) }
            }
            // Snippets only for the records on the page: FTS5 builds one by re-reading the text.
            let snippet = try db.cachedStatement(sql: """
                SELECT snippet(records_fts, 1, '[', ']', '…', 12) FROM records_fts WHERE records_fts MATCH ? AND rowid = ?
                """)
            return (total, try hits.map { hit in
                guard let seq = hit.seq else { return hit }
                return (hit.cluster, seq, hit.score, try String.fetchOne(snippet, arguments: [match, seq]))
            })
        }
        let order = request.sort == .title ? "title COLLATE NOCASE, cluster" : "modified IS NULL, modified DESC, cluster"
        if let filter = plan.filter {
            let arguments = StatementArguments(plan.arguments)
            // Any matching record brings its cluster; the cluster sorts by its newest matching record. The filter may read
            // every record's JSON, so the page carries the total instead of a second pass counting.
            let rows = try Row.fetchAll(db, sql: """
                SELECT cluster, count(*) OVER () AS total FROM (
                    SELECT r.cluster_id AS cluster, max(\(Self.modifiedISO)) AS modified, min(r.title) AS title FROM records r
                    WHERE \(filter) GROUP BY r.cluster_id
                ) ORDER BY \(order) LIMIT ? OFFSET ?
                """, arguments: arguments + page)
            let total = try rows.first.map { $0["total"] as Int }
                ?? (offset == 0 ? 0 : Int.fetchOne(db, sql: "SELECT count(DISTINCT r.cluster_id) FROM records r WHERE \(filter)", arguments: arguments) ?? 0)
            return (total, rows.map { ($0["cluster"], nil, nil, nil) })
        }
        // Every record is one cluster, less the extra members of the clusters of several records.
        let total = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM records) - (SELECT coalesce(sum(size - 1), 0) FROM clusters)") ?? 0
        let browseOrder = request.sort == .title ? "r.title COLLATE NOCASE, r.id" : "\(Self.modifiedISO) IS NULL, \(Self.modifiedISO) DESC, r.id"
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.cluster_id AS cluster FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
            WHERE r.id = coalesce(c.canonical_id, r.cluster_id)
            ORDER BY \(browseOrder) LIMIT ? OFFSET ?
            """, arguments: page)
        return (total, rows.map { ($0["cluster"], nil, nil, nil) })
    }

    /// ` INDEXED BY records_seq_cluster` when `filter` reads nothing of a record but its `seq` (the format, theme and
    /// language filters go through `record_terms`): the narrow (seq, cluster_id) index then stands for the record,
    /// instead of each matching record's wide row (its JSON) being read.
    static func narrowRows(_ filter: String) -> String {
        filter.replacingOccurrences(of: "r.seq", with: "").contains("r.") ? "" : " INDEXED BY records_seq_cluster"
    }

    /// The page of clusters by relevance: FTS5's top rows by rank, enough for the page to hold `offset + limit`
    /// distinct clusters (records of one cluster share a page slot, the best-scoring one standing for it) or for the
    /// matches to run out. Ties keep rowid order, so pages are stable. A first window of top rows usually fills the
    /// page; when it does not (a selective filter, clusters repeating), one more pass scores every match with the
    /// filter applied and keeps the best rows that pass, instead of scoring every match again for each wider window.
    private func rankedPage(match: String, filters: RankFilters, arguments: StatementArguments, limit: Int, offset: Int,
                            in db: Database) throws -> [PageHit] {
        let (filter, perRecord) = (filters.overAll, filters.perRecord)
        let wanted = offset + limit
        let window = max(64, wanted * (filter.isEmpty ? 2 : 8))
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.rowid AS seq, -f.rank AS score, r.cluster_id AS cluster, f.n AS n FROM (
                SELECT rowid, rank, count(*) OVER () AS n FROM (
                    SELECT rowid, rank FROM records_fts WHERE records_fts MATCH ? AND rank MATCH '\(Self.rankFunction)'
                    ORDER BY rank LIMIT \(window)
                )
            ) f JOIN records r\(Self.narrowRows(perRecord)) ON r.seq = f.rowid WHERE 1\(perRecord)
            ORDER BY f.rank, f.rowid
            """, arguments: arguments)
        let hits = Self.distinctClusters(rows)
        let ranked = try rows.first.map { $0["n"] as Int } ?? Self.rankedCount(match: match, window: window, in: db)
        if hits.count >= wanted || ranked < window {
            return Array(hits.dropFirst(offset).prefix(limit))
        }
        var kept = wanted * 4
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.rowid AS seq, -f.rank AS score, r.cluster_id AS cluster FROM (
                    SELECT rowid, rank FROM records_fts WHERE records_fts MATCH ? AND rank MATCH '\(Self.rankFunction)'
                ) f JOIN records r\(Self.narrowRows(filter)) ON r.seq = f.rowid WHERE 1\(filter)
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
    private struct RankFilters {
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
            hits.append((row["cluster"], row["seq"], row["score"], nil))
        }
        return hits
    }

    /// The page of a broad query from the records whose title matches it: those records, ranked by bm25 over the
    /// query and its title part (so title matches come first, ordered by how well the whole record and its title
    /// match), when they fill the page; nil otherwise, and for queries that are not broad. A record matching only in
    /// its description ranks after every title match. In every case the query is the whole query (a `-word`
    /// excludes the word from every field), and the total counts every match.
    private func broadRankedPage(match: String, total: Int, filters: RankFilters, filterArguments: [DatabaseValue], limit: Int,
                                 offset: Int, in db: Database) throws -> [PageHit]? {
        guard total > broadQuery else { return nil }
        let titled = "(\(match)) AND ({title}: (\(match)))"
        let hits = try rankedPage(match: titled, filters: filters, arguments: StatementArguments([titled.databaseValue] + filterArguments),
                                  limit: limit, offset: offset, in: db)
        return hits.count == limit ? hits : nil
    }

    /// How many matches a window of `window` top rows held, when none of them passed the filter.
    private static func rankedCount(match: String, window: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT rowid FROM records_fts WHERE records_fts MATCH ? LIMIT \(window))",
                         arguments: [match]) ?? 0
    }

    /// A cluster as a result (see `SearchHit.init(cluster:members:)`).
    private func hit(_ hit: PageHit, in db: Database) throws -> SearchHit {
        let members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.title, r.publisher, r.source_id, r.modified, r.id = coalesce(c.canonical_id, r.cluster_id) AS canonical
            FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.cluster_id = ?
            """), arguments: [hit.cluster]).map {
            SearchHit.Member(id: $0["id"], title: $0["title"], publisher: $0["publisher"], source: $0["source_id"],
                             modified: $0["modified"], isCanonical: $0["canonical"])
        }
        return SearchHit(cluster: hit.cluster, members: members, score: hit.score, snippet: hit.snippet)
    }
}
