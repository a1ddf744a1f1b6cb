import CatalogStore
import Foundation
import GRDB
import Testing
@testable import Search

/// `fedcat_rank` is FTS5's bm25 except that it may be told each phrase's document frequency (an estimate from the
/// index's first rows, `SampledBM25.phraseRows`) instead of counting it: told nothing, or the exact counts, its scores
/// are bm25's; told a count, a phrase's inverse document frequency follows it.
@Suite("Sampled bm25")
struct SampledBM25Tests {
    static let weights = "10.0, 2.0, 5.0, 3.0"

    /// Forty records: "water" in every other one (twice in every fourth, and in every third publisher), "lake" in every
    /// fifth, "river" in three.
    static func specs() -> [CatalogueFixture.Spec] {
        (0..<40).map { i in
            let words = [i % 2 == 0 ? "water" : "soil", i % 5 == 0 ? "lake" : "field", i < 3 ? "river" : "hill"]
            return CatalogueFixture.Spec(id: "r\(i)", title: i % 4 == 0 ? "Water \(words.joined(separator: " ")) \(i)" : "Survey \(i)",
                                         description: "Notes on the \(words.joined(separator: " and ")) of area \(i).",
                                         keywords: [words[1]], publisher: i % 3 == 0 ? "Water Office" : "Office",
                                         modified: CatalogueFixture.iso("20\(10 + i % 15)-01-01"))
        }
    }

    /// Each matching row's score by both functions, in rowid order.
    private func scores(_ match: String, known: String = "", in db: Database) throws -> [(bm25: Double, sampled: Double)] {
        try Row.fetchAll(db, sql: """
            SELECT bm25(records_fts, \(Self.weights)) AS b, fedcat_rank(records_fts, \(Self.weights), NULL, NULL, NULL\(known)) AS s
            FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid
            """, arguments: [match]).map { ($0["b"], $0["s"]) }
    }

    @Test(arguments: ["\"water\"", "(\"water\" AND \"lake\")", "{title} : \"water\"", "(\"river\" OR \"lake\")",
                      "(\"water\" NOT \"lake\")", "(\"water\" AND ({title}: (\"water\")))", "\"wat\"*"])
    func withoutKnownRowsOrWithTheExactOnesTheScoresAreBm25s(match: String) throws {
        let engine = try CatalogueFixture.engine(Self.specs())
        let rows = try engine.store.read("scoring") { try scores(match, in: $0) }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row.sampled == row.bm25) }
        // Each phrase's rows counted apart, in FTS5's numbering (`FTSPhrases`), and handed over: bm25 again.
        let known = try engine.store.read("scoring") { db in
            let counts = try FTSPhrases.of(match).map { phrase in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", arguments: [phrase.expression]) ?? 0
            }
            return try scores(match, known: counts.map { ", \($0)" }.joined(), in: db)
        }
        #expect(known.count == rows.count)
        for row in known { #expect(row.sampled == row.bm25) }
    }

    @Test func aKnownCountIsTakenAsItIs() throws {
        let engine = try CatalogueFixture.engine(Self.specs())
        try engine.store.read("scoring") { db in
            let rows = Double(try Int.fetchOne(db, sql: "SELECT count(*) FROM records")!)
            func idf(_ hits: Double) -> Double { max(log((rows - hits + 0.5) / (hits + 0.5)), 1e-6) }
            for word in ["lake", "water"] {
                let match = "\"\(word)\""
                let exact = Double(try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", arguments: [match])!)
                // One phrase: the score is its inverse document frequency times the same term-frequency part.
                for row in try scores(match, known: ", 3", in: db) {
                    #expect(abs(row.sampled / row.bm25 - idf(3) / idf(exact)) < 1e-9)
                }
                for row in try scores(match, known: ", NULL", in: db) { #expect(row.sampled == row.bm25, "NULL: counted") }
            }
        }
    }

    @Test func aRowsLengthFromTheJoinedDocsizeGivesTheSameScores() throws {
        // Descriptions of 3 to 400 words: lengths of one and two bytes in the docsize entries.
        let specs = (0..<12).map { i in
            CatalogueFixture.Spec(id: "l\(i)", title: "Water \(i)", description: Array(repeating: i % 2 == 0 ? "water" : "soil", count: 3 + 36 * i).joined(separator: " "),
                                  publisher: "Office")
        }
        let engine = try CatalogueFixture.engine(specs)
        let rows = try engine.store.read("scoring") { db in
            try Row.fetchAll(db, sql: """
                SELECT bm25(records_fts, \(Self.weights)) AS b, fedcat_rank(records_fts, \(Self.weights), d.sz) AS s
                FROM records_fts \(QueryRanking.joins) WHERE records_fts MATCH '"water"' ORDER BY records_fts.rowid
                """).map { ($0["b"] as Double, $0["s"] as Double) }
        }
        #expect(rows.count == 12)
        for (bm25, sampled) in rows { #expect(sampled == bm25) }
        // Not a docsize entry: FTS5 looks the length up.
        let looked = try engine.store.read("scoring") { db in
            try Double.fetchAll(db, sql: """
                SELECT fedcat_rank(records_fts, \(Self.weights), 'text') FROM records_fts WHERE records_fts MATCH '"water"' ORDER BY rowid
                """)
        }
        #expect(looked == rows.map(\.1))
    }

    @Test func searchRanksWithItWhateverTheSample() throws {
        let engine = try CatalogueFixture.engine(Self.specs())
        let page = try engine.search(SearchRequest(text: "water lake", limit: 5))
        let exact = try engine.store.read("ranking") { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id FROM records_fts JOIN records r ON r.rank_key = records_fts.rowid
                WHERE records_fts MATCH '("water" AND "lake")' AND rank MATCH 'bm25(\(Self.weights))' ORDER BY rank, records_fts.rowid LIMIT 5
                """).map { $0["id"] as String }
        }
        #expect(page.results.map(\.id) == exact)
        #expect(page.total == 5, "0, 10, 20 and 30 say both words, and 15 through its publisher")
    }
}
