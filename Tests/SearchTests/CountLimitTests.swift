import CatalogModel
import Foundation
import Testing
@testable import Search

/// A query stops counting its total once more than `countLimit` datasets match and reports at least `countLimit`
/// (with a filter, after `countLimit` matching records, and the datasets among those that pass), unless the request
/// asks for the exact total.
@Suite("Totals past the count limit")
struct CountLimitTests {
    /// 1,200 datasets standing alone: even ones about water, odd ones about soil; every fourth one a CSV file, the rest
    /// PDF; every hundredth mentions the harbour.
    static func specs() -> [CatalogueFixture.Spec] {
        (0..<1200).map { i in
            CatalogueFixture.Spec(id: "d\(i)", title: i % 2 == 0 ? "Water quality \(i)" : "Soil map \(i)",
                                  description: i % 100 == 0 ? "Samples near the harbour." : "Samples.", publisher: "City",
                                  modified: CatalogueFixture.iso("2024-01-01"), formats: [i % 4 == 0 ? "CSV" : "PDF"])
        }
    }

    static let engine: Result<SearchEngine, any Error> = Result { try CatalogueFixture.engine(specs()) }

    private func engine(limit: Int) throws -> SearchEngine {
        var engine = try Self.engine.get()
        engine.countLimit = limit
        return engine
    }

    @Test func aQueryWithMoreMatchesThanTheLimitReportsALowerBound() throws {
        let engine = try engine(limit: 100)
        let bounded = try engine.search(SearchRequest(text: "water", limit: 5))
        #expect(bounded.totalIsLowerBound)
        // Counting stopped at the 101st dataset: at least 100.
        #expect(bounded.total == 100)
        #expect(bounded.results.count == 5)
        let counted = try engine.search(SearchRequest(text: "water", limit: 5, exactTotal: true))
        #expect(!counted.totalIsLowerBound)
        #expect(counted.total == 600)
        #expect(counted.results.map(\.id) == bounded.results.map(\.id), "the page does not depend on how the total was found")
    }

    @Test func aQueryWithinTheLimitIsCounted() throws {
        let engine = try engine(limit: 100)
        let harbour = try engine.search(SearchRequest(text: "harbour"))
        #expect(!harbour.totalIsLowerBound && harbour.total == 12)
        // Twelve datasets: counted while within the limit, a lower bound of the limit past that.
        let exactlyAtTheLimit = try self.engine(limit: 12).search(SearchRequest(text: "harbour"))
        #expect(!exactlyAtTheLimit.totalIsLowerBound && exactlyAtTheLimit.total == 12)
        let oneOver = try self.engine(limit: 11).search(SearchRequest(text: "harbour"))
        #expect(oneOver.totalIsLowerBound && oneOver.total == 11)
        #expect(try engine.search(SearchRequest(text: "volcano")).total == 0)
        // The default limit (10,000) is above this catalogue: everything is counted.
        let unlimited = try Self.engine.get().search(SearchRequest(text: "water"))
        #expect(!unlimited.totalIsLowerBound && unlimited.total == 600)
    }

    @Test func theCountNotesTheCandidatesBoundsOnItsWay() throws {
        let engine = try Self.engine.get()
        try engine.store.read("counting") { db in
            let counted = try DatasetTotal.counts(match: "\"water\"", limit: 100, marks: [9, 99, 500], in: db)
            #expect(counted.isLowerBound && counted.datasets == 100)
            #expect(counted.marked[9] == (try SearchEngine.candidateBound(match: "\"water\"", candidates: 10, in: db)))
            #expect(counted.marked[99] == (try SearchEngine.candidateBound(match: "\"water\"", candidates: 100, in: db)))
            #expect(counted.marked[500] == nil, "the walk stopped at the 101st dataset")
            let all = try DatasetTotal.counts(match: "\"harbour\"", limit: 100, marks: [3], in: db)
            #expect(all.matches == 12 && all.datasets == 12 && !all.isLowerBound)
            #expect(all.marked[3] == (try SearchEngine.candidateBound(match: "\"harbour\"", candidates: 4, in: db)))
        }
    }

    @Test func aFilterCountsThePassingRecordsAmongTheFirstMatches() throws {
        let engine = try engine(limit: 100)
        // Water and CSV: every fourth record; among the first 101 water matches (rows 0, 2, … 200), 51 pass.
        let bounded = try engine.search(SearchRequest(text: "water format:csv", limit: 3))
        #expect(bounded.totalIsLowerBound && bounded.total == 51)
        let counted = try engine.search(SearchRequest(text: "water format:csv", limit: 3, exactTotal: true))
        #expect(!counted.totalIsLowerBound && counted.total == 300)
        #expect(counted.results.map(\.id) == bounded.results.map(\.id))
        // Soil and CSV: none of the first matches pass, a lower bound of 0; counted, none at all.
        let none = try engine.search(SearchRequest(text: "soil format:csv"))
        #expect(none.totalIsLowerBound && none.total == 0 && none.results.isEmpty)
        #expect(try engine.search(SearchRequest(text: "soil format:csv", exactTotal: true)).total == 0)
        // Within the limit a filtered total is exact.
        let harbour = try engine.search(SearchRequest(text: "harbour format:csv"))
        #expect(!harbour.totalIsLowerBound && harbour.total == 12)
    }

    @Test func theOutputsSayWhenTheTotalIsALowerBound() throws {
        let engine = try engine(limit: 100)
        let bounded = try engine.search(SearchRequest(text: "water", limit: 1))
        #expect(ResultTable.render(bounded).hasPrefix("at least 100 results for 'water'"))
        let json = try JSONSerialization.jsonObject(with: Data(JSONOutput.string(bounded).utf8)) as? [String: Any]
        #expect(json?["totalIsLowerBound"] as? Bool == true)
        #expect(json?["total"] as? Int == 100)
        let counted = try engine.search(SearchRequest(text: "water", limit: 1, exactTotal: true))
        #expect(ResultTable.render(counted).hasPrefix("600 results for 'water'"))
    }
}
