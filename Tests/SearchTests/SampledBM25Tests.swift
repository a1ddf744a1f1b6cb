import CatalogStore
import Foundation
import GRDB
import Testing
@testable import Search

/// `fedcat_rank` is FTS5's bm25 except for each phrase's document frequency, which it may estimate from the first rows
/// of the index: without a sample its scores are bm25's; with one, a phrase's inverse document frequency follows the
/// share of the sample's rows holding it.
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
    private func scores(_ match: String, sample: String = "", in db: Database) throws -> [(bm25: Double, sampled: Double)] {
        try Row.fetchAll(db, sql: """
            SELECT bm25(records_fts, \(Self.weights)) AS b, fedcat_rank(records_fts, \(Self.weights), NULL\(sample)) AS s
            FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid
            """, arguments: [match]).map { ($0["b"], $0["s"]) }
    }

    @Test(arguments: ["\"water\"", "(\"water\" AND \"lake\")", "{title} : \"water\"", "(\"river\" OR \"lake\")",
                      "(\"water\" NOT \"lake\")", "(\"water\" AND ({title}: (\"water\")))", "\"wat\"*"])
    func withoutASampleTheScoresAreBm25s(match: String) throws {
        let engine = try CatalogueFixture.engine(Self.specs())
        let rows = try engine.store.read("scoring") { try scores(match, in: $0) }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row.sampled == row.bm25) }
        // A sample holding every row counts every phrase in full: bm25 again.
        let whole = try engine.store.read("scoring") { db in
            let end = try Int64.fetchOne(db, sql: "SELECT max(rank_key) FROM records")!
            return try scores(match, sample: ", \(end), 40, 1", in: db)
        }
        for row in whole { #expect(row.sampled == row.bm25) }
    }

    @Test func aPhraseCommonEnoughInTheSampleIsEstimatedFromIt() throws {
        let engine = try CatalogueFixture.engine(Self.specs())
        try engine.store.read("scoring") { db in
            let keys = try Int64.fetchAll(db, sql: "SELECT rank_key FROM records ORDER BY rank_key")
            let rows = Double(keys.count), sampleRows = 16
            let end = keys[sampleRows - 1]
            func idf(_ hits: Double) -> Double { max(log((rows - hits + 0.5) / (hits + 0.5)), 1e-6) }
            func count(_ match: String, upTo end: Int64 = .max) throws -> Double {
                Double(try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ? AND rowid <= ?", arguments: [match, end])!)
            }
            for word in ["lake", "water"] {
                let match = "\"\(word)\""
                let sampled = try count(match, upTo: end)
                #expect(sampled > 0)
                let expected = idf(min(rows, sampled * rows / Double(sampleRows))) / idf(try count(match))
                // One phrase: the score is its inverse document frequency times the same term-frequency part.
                for row in try scores(match, sample: ", \(end), \(sampleRows), 1", in: db) {
                    #expect(abs(row.sampled / row.bm25 - expected) < 1e-9)
                }
                // A count the caller knows is taken as it is, and spares the walk.
                let exact = try count(match)
                for row in try scores(match, sample: ", NULL, 0, 0, \(Int(exact))", in: db) { #expect(row.sampled == row.bm25) }
                for row in try scores(match, sample: ", NULL, 0, 0, 3", in: db) {
                    #expect(abs(row.sampled / row.bm25 - idf(3) / idf(exact)) < 1e-9)
                }
                // Fewer sampled rows than the minimum: counted in full, bm25's score.
                for row in try scores(match, sample: ", \(end), \(sampleRows), \(Int(sampled) + 1)", in: db) {
                    #expect(row.sampled == row.bm25)
                }
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
                FROM records_fts \(QueryRanking.lengths) WHERE records_fts MATCH '"water"' ORDER BY records_fts.rowid
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
