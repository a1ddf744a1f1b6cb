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
}

/// A page of results and how many there are in all.
public struct SearchResults: Sendable, Hashable, Codable {
    public var query: String
    public var total: Int
    public var offset: Int
    public var results: [SearchHit]
}

/// Runs searches over the full-text index, ranked by bm25 with title, keywords and publisher weighted above text.
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
                let rows: [Row]
                if let expression {
                    total = try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", arguments: [expression]) ?? 0
                    let w = Self.weights
                    rows = try Row.fetchAll(db, sql: """
                        SELECT r.id, r.title, r.publisher, r.source_id, r.modified,
                               -bm25(records_fts, \(w.title), \(w.description), \(w.keywords), \(w.publisher)) AS score,
                               snippet(records_fts, 1, '[', ']', '…', 12) AS snippet
                        FROM records_fts JOIN records r ON r.seq = records_fts.rowid
                        WHERE records_fts MATCH ?
                        ORDER BY score DESC, r.modified DESC, r.id
                        LIMIT ? OFFSET ?
                        """, arguments: [expression, request.limit, offset])
                } else {
                    total = try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
                    rows = try Row.fetchAll(db, sql: """
                        SELECT id, title, publisher, source_id, modified, NULL AS score, NULL AS snippet FROM records
                        ORDER BY modified DESC, id LIMIT ? OFFSET ?
                        """, arguments: [request.limit, offset])
                }
                let hits = rows.map { row -> SearchHit in
                    let title: String = row["title"]
                    let snippet: String? = row["snippet"]
                    return SearchHit(id: row["id"], title: String(title.prefix { $0 != "\n" }), publisher: row["publisher"],
                                     sources: [row["source_id"]], modified: row["modified"], score: row["score"],
                                     snippet: snippet.flatMap { $0.contains("[") ? $0.replacingOccurrences(of: "\n", with: " ") : nil })
                }
                return SearchResults(query: request.text, total: total, offset: offset, results: hits)
            }
        } catch {
            throw .store(error.description)
        }
    }
}

import Foundation
