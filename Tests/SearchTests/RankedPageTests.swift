import Testing
@testable import Search

/// A page ranked by relevance holds the same datasets, in the same order, as the top of the whole ranked list, also when
/// the filter passes none of the first window of top-ranked matches and a second pass scores every match.
@Suite("Ranked pages")
struct RankedPageTests {
    /// 150 well-ranked PDF records about water, and 3 lower-ranked CSV ones with a theme.
    static func engine() throws -> SearchEngine {
        var specs = (0..<150).map { i in
            CatalogueFixture.Spec(id: "pdf\(i)", title: "Water levels \(i)", description: "Water gauge readings.", publisher: "City",
                                  formats: ["PDF"])
        }
        specs += (0..<3).map { i in
            CatalogueFixture.Spec(id: "csv\(i)", title: "Gauges \(i)",
                                  description: "Readings of gauges \(String(repeating: "along the river ", count: i + 2))near the water.",
                                  publisher: "City", formats: ["CSV"], themes: ["ENVI"])
        }
        return try CatalogueFixture.engine(specs)
    }

    @Test func aSelectiveFilterBeyondTheFirstWindowPagesLikeTheWholeList() throws {
        let engine = try Self.engine()
        for query in ["water format:csv", "water theme:envi", "water -format:pdf", "water (format:csv OR theme:tran)"] {
            let all = try engine.search(SearchRequest(text: query, limit: 1000))
            #expect(all.total == 3, "\(query)")
            #expect(all.results.map(\.id).allSatisfy { $0.hasPrefix("city/csv") }, "\(query)")
            let first = try engine.search(SearchRequest(text: query, limit: 2))
            #expect(first.total == 3, "\(query)")
            #expect(first.results.map(\.id) == all.results.prefix(2).map(\.id), "\(query)")
            let second = try engine.search(SearchRequest(text: query, limit: 2, offset: 2))
            #expect(second.results.map(\.id) == all.results.dropFirst(2).map(\.id), "\(query)")
        }
    }

    @Test func theWholeListIsInScoreOrder() throws {
        let all = try Self.engine().search(SearchRequest(text: "water", limit: 1000))
        #expect(all.total == 153)
        let scores = all.results.compactMap(\.score)
        #expect(scores.count == 153)
        #expect(scores == scores.sorted(by: >))
    }
}
