public import CatalogStore
import GRDB

/// One search: what to look for and which page of results.
public struct SearchRequest: Sendable {
    public var text: String
    public var limit: Int
    public var offset: Int

    public init(text: String, limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.limit = limit
        self.offset = offset
    }
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
}

/// Runs searches over the full-text index, ranked by bm25 with title, keywords and publisher weighted above text,
/// one hit per dataset: records of one cluster (the same dataset on several portals) come back as one hit,
/// shown by their canonical record.
public struct SearchEngine: Sendable {
    public let store: CatalogStore

    /// bm25 weights for title, description, keywords, publisher (the FTS5 column order).
    public static let weights = (title: 10.0, description: 2.0, keywords: 5.0, publisher: 3.0)

    public init(store: CatalogStore) {
        self.store = store
    }

    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResults {
        guard (1...1000).contains(request.limit) else { throw .badLimit(request.limit) }
        let expression = try QueryCompiler.compile(request.text)
        let offset = max(0, request.offset)
        do {
            return try store.read("searching for '\(request.text)'") { db in
                let total: Int
                var hits: [(cluster: String, score: Double?, snippet: String?)] = []
                if let expression {
                    total = try Int.fetchOne(db, sql: """
                        SELECT count(DISTINCT r.cluster_id) FROM records_fts JOIN records r ON r.seq = records_fts.rowid
                        WHERE records_fts MATCH ?
                        """, arguments: [expression]) ?? 0
                    let w = Self.weights
                    // The best-scoring record of each cluster stands for it; one hit per cluster.
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT cluster, score, snippet FROM (
                            SELECT cluster, score, snippet, row_number() OVER (PARTITION BY cluster ORDER BY score DESC) AS rn FROM (
                                SELECT r.cluster_id AS cluster,
                                       -bm25(records_fts, \(w.title), \(w.description), \(w.keywords), \(w.publisher)) AS score,
                                       snippet(records_fts, 1, '[', ']', '…', 12) AS snippet
                                FROM records_fts JOIN records r ON r.seq = records_fts.rowid
                                WHERE records_fts MATCH ?
                            )
                        ) WHERE rn = 1
                        ORDER BY score DESC, cluster
                        LIMIT ? OFFSET ?
                        """, arguments: [expression, request.limit, offset])
                    hits = rows.map { ($0["cluster"], $0["score"], $0["snippet"]) }
                } else {
                    total = try Int.fetchOne(db, sql: "SELECT count(DISTINCT cluster_id) FROM records") ?? 0
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT r.cluster_id AS cluster FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
                        WHERE r.id = coalesce(c.canonical_id, r.cluster_id)
                        ORDER BY r.modified DESC, r.id LIMIT ? OFFSET ?
                        """, arguments: [request.limit, offset])
                    hits = rows.map { ($0["cluster"], nil, nil) }
                }
                let results = try hits.map { hit -> SearchHit in
                    let members = try Row.fetchAll(db, sql: """
                        SELECT r.id, r.title, r.publisher, r.source_id, r.modified, r.id = coalesce(c.canonical_id, r.cluster_id) AS canonical
                        FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.cluster_id = ?
                        ORDER BY canonical DESC, r.id
                        """, arguments: [hit.cluster])
                    let first = members.first
                    let title: String = first?["title"] ?? ""
                    return SearchHit(id: first?["id"] ?? hit.cluster, title: String(title.prefix { $0 != "\n" }),
                                     publisher: first?["publisher"],
                                     sources: Array(Set(members.map { $0["source_id"] as String })).sorted(),
                                     modified: first?["modified"], score: hit.score,
                                     snippet: hit.snippet.flatMap { $0.contains("[") ? $0.replacingOccurrences(of: "\n", with: " ") : nil },
                                     records: members.map { $0["id"] as String })
                }
                return SearchResults(query: request.text, total: total, offset: offset, results: results)
            }
        } catch {
            throw .store(error.description)
        }
    }
}

import Foundation
