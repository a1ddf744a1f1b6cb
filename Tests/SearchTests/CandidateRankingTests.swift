import CatalogModel
import Foundation
import Testing
@testable import Search

/// A query with more matches than `candidates` ranks only its first matches in static-rank order (complete, recent,
/// original records first) by bm25; with fewer it is ranked exactly. Filters and short pages widen the candidates.
@Suite("Candidate ranking")
struct CandidateRankingTests {
    private func ids(_ results: SearchResults) -> [String] { results.results.map { String($0.id.split(separator: "/")[1]) } }

    /// The engine as of 2100, when the fixtures' dates no longer earn a boost (`RankBoost`): these tests are about
    /// which candidates are ranked, by bm25 alone.
    private func engine(_ specs: [CatalogueFixture.Spec]) throws -> SearchEngine {
        var engine = try CatalogueFixture.engine(specs)
        engine.now = Date(timeIntervalSince1970: 4_102_444_800)
        return engine
    }

    /// Complete, recent records whose title says "water", and sparse, undated ones that mention it in a long description.
    static func specs(rich: Int = 12, sparse: Int = 12) -> [CatalogueFixture.Spec] {
        let richSpecs = (0..<rich).map { i in
            CatalogueFixture.Spec(id: "rich\(i)", title: "Water quality \(i)", description: "Samples of the water.", keywords: ["lake"],
                                  publisher: "City", modified: CatalogueFixture.iso("2024-0\(1 + i % 9)-01"), issued: "2020-01-01",
                                  license: CatalogueFixture.spdx("CC-BY-4.0"), formats: ["PDF", "JSON"], themes: ["ENVI"], languages: ["en"])
        }
        let sparseSpecs = (0..<sparse).map { i in
            CatalogueFixture.Spec(id: "sparse\(i)", title: "Report \(i)",
                                  description: "A long note about tables, figures, reports, annexes and the water of the harbour \(i).",
                                  publisher: "Office", formats: ["CSV"])
        }
        return richSpecs + sparseSpecs
    }

    @Test func theFirstPageIsTheExactOneWhenTheBestRecordsAreAlsoTheBestRanked() throws {
        var engine = try engine(Self.specs())
        let exact = try engine.search(SearchRequest(text: "water", limit: 5))
        engine.candidates = 6
        let approximate = try engine.search(SearchRequest(text: "water", limit: 5))
        #expect(approximate.results.map(\.id) == exact.results.map(\.id))
        #expect(approximate.results.map(\.score) == exact.results.map(\.score), "the same bm25 scores, over the whole index")
        #expect(approximate.total == 24 && exact.total == 24)
        #expect(ids(approximate).allSatisfy { $0.hasPrefix("rich") })
    }

    @Test func onlyTheCandidatesAreRankedWhenThereAreMoreMatches() throws {
        var specs = Self.specs()
        // The best bm25 match of all (a two-word title), but sparse and undated: last in static-rank order.
        specs.append(CatalogueFixture.Spec(id: "best", title: "Water water", description: "Water.", publisher: "Office"))
        var engine = try engine(specs)
        #expect(ids(try engine.search(SearchRequest(text: "water", limit: 3))).first == "best")
        engine.candidates = 6
        let page = try engine.search(SearchRequest(text: "water", limit: 3))
        #expect(!ids(page).contains("best"))
        #expect(page.total == 25)
        // With as many candidates as matches, the ranking is exact again.
        engine.candidates = 25
        #expect(ids(try engine.search(SearchRequest(text: "water", limit: 3))).first == "best")
    }

    @Test func aFilterTheCandidatesDoNotPassWidensThemUntilThePageFills() throws {
        var engine = try engine(Self.specs(rich: 30, sparse: 3))
        let exact = try engine.search(SearchRequest(text: "water format:csv", limit: 2))
        engine.candidates = 2
        let widened = try engine.search(SearchRequest(text: "water format:csv", limit: 2))
        #expect(widened.total == 3)
        #expect(widened.results.map(\.id) == exact.results.map(\.id))
        #expect(ids(widened).allSatisfy { $0.hasPrefix("sparse") })
        // The last, short page and a page past the end come from every match.
        let last = try engine.search(SearchRequest(text: "water format:csv", limit: 2, offset: 2))
        #expect(last.results.count == 1)
        #expect(try engine.search(SearchRequest(text: "water", limit: 5, offset: 40)).results.isEmpty)
    }

    @Test func broadQueriesTakeTheirCandidatesFromTitleMatches() throws {
        var engine = try engine(Self.specs())
        engine.broadQuery = 0
        engine.candidates = 3
        let page = try engine.search(SearchRequest(text: "water", limit: 3))
        #expect(ids(page).allSatisfy { $0.hasPrefix("rich") })
        #expect(page.total == 24)
        // Title matches that cannot fill the page give way to every match.
        let all = try engine.search(SearchRequest(text: "water", limit: 20))
        #expect(all.results.count == 20)
        #expect(Set(ids(all)).count == 20)
    }
}
