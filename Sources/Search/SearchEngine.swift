public import Foundation
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
    /// Count every match, even past `SearchEngine.countLimit` (see `SearchResults.totalIsLowerBound`).
    public var exactTotal: Bool

    public init(text: String, limit: Int = 20, offset: Int = 0, sort: SearchSort = .relevance, facets: [FacetField] = [],
                exactTotal: Bool = false) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.sort = sort
        self.facets = facets
        self.exactTotal = exactTotal
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
    /// How many datasets match; at least so many when `totalIsLowerBound`.
    public var total: Int
    /// True when counting stopped (past twice `SearchEngine.countLimit` matching records, with a filter past as many;
    /// unless the request asked for an exact total): more than `total` datasets match.
    public var totalIsLowerBound: Bool = false
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
    /// common word matches half a million records of a million), so the matches in titles are ranked first. So is a
    /// query whose total stopped at `countLimit` matching records. (The total does not depend on the threshold.)
    public var broadQuery = 20_000
    /// How many matches, the first in static-rank order (the full-text index's rowid order, see `StaticRank`), a query
    /// ranks by bm25 when it has more: the page is the best of those, widened (8 times as many, then more) until the
    /// page fills. A query with fewer matches is ranked over all of them, exactly.
    public var candidates = 1_000
    /// The time recent records are boosted from (`RankBoost`); nil: now, at each search.
    public var now: Date?
    /// How many datasets a query's total counts to, unless asked for an exact total: past twice as many matching
    /// records (with a filter, as many), the total is a lower bound (see `DatasetTotal`).
    public var countLimit = 10_000

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
                return SearchResults(query: request.text, total: page.total.datasets, totalIsLowerBound: page.total.isLowerBound, offset: offset,
                                     results: results, facets: facets)
            }
        } catch {
            throw .store(error.description)
        }
    }

    /// The date a record was last modified, in ISO 8601 (nil when the published date could not be read): the `modified`
    /// column holds the ISO form when there is one, else the text as published.
    static let modifiedISO = "CASE WHEN r.modified GLOB '[0-9][0-9][0-9][0-9]*' THEN r.modified END"

    /// A cluster on the page: the record that stands for it in the ranking (its FTS5 rowid), the score and snippet.
    typealias PageHit = (cluster: String, rowid: Int64?, score: Double?, snippet: String?)

    /// The records the plan selects, as a query returning `seq` and `cluster_id`, with its arguments.
    static func matching(_ plan: QueryPlan) -> (sql: String, arguments: StatementArguments) {
        let filter = plan.filter.map { " AND \($0)" } ?? ""
        if let match = plan.match {
            // The narrow (seq, cluster_id) index spares reading each matching record's wide row.
            return ("SELECT r.seq, r.cluster_id FROM records_fts JOIN records r INDEXED BY records_seq_cluster ON r.seq = \(StaticRank.seq(ofRowid: "records_fts.rowid")) WHERE records_fts MATCH ?\(filter)",
                    StatementArguments([match.databaseValue] + plan.arguments))
        }
        return ("SELECT r.seq, r.cluster_id FROM records r WHERE 1\(filter)", StatementArguments(plan.arguments))
    }

    /// One page of clusters and how many clusters match in all.
    private func page(_ plan: QueryPlan, request: SearchRequest, offset: Int, in db: Database) throws -> (total: DatasetTotal.Count, hits: [PageHit]) {
        let filter = plan.filter.map { " AND \($0)" } ?? ""
        let page: StatementArguments = [request.limit, offset]
        if let match = plan.match {
            let arguments = StatementArguments([match.databaseValue] + plan.arguments)
            let hits: [PageHit]
            let limit = request.exactTotal ? nil : countLimit
            let (condition, perRecord, candidates) = (plan.filter, plan.filterPerRecord, candidates)
            let now = self.now ?? Date()
            // A query of several words, or with a filter, counts its total beside the ranking, on another connection
            // (an AND of two words walks about 3 ms to reach 10,000 datasets at a million records, a filter looks up
            // each of 10,000 matches). One word counts first (a walk of its own list, cheap) and hands its count to the
            // ranking; so do a phrase of several words (the ranking's own walk to its 1,000th match would repeat the
            // count's costliest part, checking positions) and a prefix (each statement expands it again).
            let phrases = FTSPhrases.of(match)
            let alone = request.sort != .relevance || match.contains("\"*")
                || (condition == nil && (phrases.count < 2 || phrases.contains { !$0.countable }))
            let beside = alone ? nil : store.readBeside("counting the matches of '\(request.text)'") { db in
                try DatasetTotal.counts(match: match, filter: condition, perRecord: perRecord, arguments: arguments, limit: limit, in: db)
            }
            if let beside {
                let broad = { () throws -> Bool in
                    let counted = try beside.wait()
                    return counted.datasets > broadQuery || counted.isLowerBound
                }
                hits = try relevancePage(match: match, matches: nil, broad: nil, broadLater: broad, ranking: QueryRanking(now: now, in: db),
                                         filters: RankFilters(plan), filterArguments: plan.arguments, limit: request.limit, offset: offset, in: db)
                return (try beside.wait(), try Snippets.add(to: hits, match: match, in: db))
            }
            // Without a filter, the count of matches also tells whether they are fewer than the candidates.
            let counted = try DatasetTotal.counts(match: match, filter: condition, perRecord: perRecord, arguments: arguments,
                                                  limit: limit, marks: [candidates - 1, 8 * candidates - 1],
                                                  sampleEnd: plan.isOnePhrase ? SampledBM25.sampleEnd(in: db) : nil, in: db)
            let (matches, total) = (counted.matches, counted.datasets)
            // A query of one phrase has counted the rows it occurs in (also the first phrase of its title part), or those
            // in the ranking sample, from which they are estimated (for a prefix, each count expands it again).
            var known: [String: Int] = [:]
            if plan.isOnePhrase, let phrase = phrases.first {
                if let matches {
                    known[phrase.expression] = matches
                } else if let sampled = counted.sampled, let estimate = try SampledBM25.estimate(sampled: sampled, in: db) {
                    known[phrase.expression] = estimate
                }
            }
            let ranking = QueryRanking(known: known, now: now, in: db)
            if request.sort == .relevance {
                hits = try relevancePage(match: match, matches: matches, marked: counted.marked, broad: total > broadQuery || counted.isLowerBound, ranking: ranking,
                                         filters: RankFilters(plan),
                                         filterArguments: plan.arguments, limit: request.limit, offset: offset, in: db)
            } else {
                let order = request.sort == .modified ? "modified IS NULL, modified DESC, score DESC, cluster" : "title COLLATE NOCASE, cluster"
                // The best-scoring record of each cluster stands for it; one hit per cluster.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT cluster, rowid, score FROM (
                        SELECT cluster, rowid, score, modified, title,
                               row_number() OVER (PARTITION BY cluster ORDER BY score DESC, rowid) AS rn FROM (
                            SELECT r.cluster_id AS cluster, records_fts.rowid AS rowid, \(Self.modifiedISO) AS modified, r.title AS title,
                                   -\(ranking.function(for: match, record: "r")) AS score
                            FROM records_fts JOIN records r ON r.seq = \(StaticRank.seq(ofRowid: "records_fts.rowid"))
                            WHERE records_fts MATCH ?\(filter)
                        )
                    ) WHERE rn = 1
                    ORDER BY \(order)
                    LIMIT ? OFFSET ?
                    """, arguments: arguments + page)
                hits = rows.map { ($0["cluster"], $0["rowid"], $0["score"], nil) }
            }
            return (counted, try Snippets.add(to: hits, match: match, in: db))
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
            return (DatasetTotal.Count(datasets: total), rows.map { ($0["cluster"], nil, nil, nil) })
        }
        // Every record is one cluster, less the extra members of the clusters of several records.
        let total = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM records) - (SELECT coalesce(sum(size - 1), 0) FROM clusters)") ?? 0
        let browseOrder = request.sort == .title ? "r.title COLLATE NOCASE, r.id" : "\(Self.modifiedISO) IS NULL, \(Self.modifiedISO) DESC, r.id"
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.cluster_id AS cluster FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
            WHERE r.id = coalesce(c.canonical_id, r.cluster_id)
            ORDER BY \(browseOrder) LIMIT ? OFFSET ?
            """, arguments: page)
        return (DatasetTotal.Count(datasets: total), rows.map { ($0["cluster"], nil, nil, nil) })
    }

    /// ` INDEXED BY records_seq_cluster` when `filter` reads nothing of a record but its `seq` (the format, theme and
    /// language filters go through `record_terms`): the narrow (seq, cluster_id) index then stands for the record,
    /// instead of each matching record's wide row (its JSON) being read.
    static func narrowRows(_ filter: String) -> String {
        filter.replacingOccurrences(of: "r.seq", with: "").contains("r.") ? "" : " INDEXED BY records_seq_cluster"
    }

    /// `filter` over the FTS5 row `rowid` instead of the record `r`, when it reads nothing of a record but its `seq`
    /// (the `seq` is the rowid's low bits, see `StaticRank`): matches then need no record at all. Nil otherwise.
    static func overIndex(_ filter: String, rowid: String) -> String? {
        guard narrowRows(filter) != "" else { return nil }
        return filter.replacingOccurrences(of: "r.seq", with: StaticRank.seq(ofRowid: rowid))
    }

    /// A cluster as a result (see `SearchHit.init(cluster:members:)`).
    private func hit(_ hit: PageHit, in db: Database) throws -> SearchHit {
        let members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.title, r.publisher, r.source_id, r.modified, r.id = coalesce(c.canonical_id, r.cluster_id) AS canonical
            FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.cluster_id = ?
            """), arguments: [hit.cluster]).map {
            // By position: a name is found by comparing lowercased names, column by column.
            SearchHit.Member(id: $0[0], title: $0[1], publisher: $0[2], source: $0[3], modified: $0[4], isCanonical: $0[5])
        }
        return SearchHit(cluster: hit.cluster, members: members, score: hit.score, snippet: hit.snippet)
    }
}
