import Testing
@testable import Search

/// Queries matching more datasets than `broadQuery` (or more records than their count stops at) rank the candidates
/// whose title matches first (bm25 over the query and its title part) when they fill the page; the total counts the
/// same matches, and pages the title matches cannot fill use the ranking over every candidate.
@Suite("Broad queries")
struct BroadQueryTests {
    private func ids(_ results: SearchResults) -> [String] { results.results.map { String($0.id.split(separator: "/")[1]) } }

    @Test func titleMatchesFillThePageAndTheTotalCountsEveryMatch() throws {
        var engine = try CatalogueFixture.engine()
        let exact = try engine.search(SearchRequest(text: "quality", limit: 100))
        #expect(Set(ids(exact)) == ["air", "traffic", "lakes"])
        engine.broadQuery = 0
        // "Counts near air quality stations" matches in its description only: the two title matches come first.
        let page = try engine.search(SearchRequest(text: "quality", limit: 2))
        #expect(Set(ids(page)) == ["air", "lakes"])
        #expect(page.total == 3)
        #expect(page.results.allSatisfy { $0.score != nil })
        // A page the title matches cannot fill is ranked over every match, as without the threshold.
        #expect(ids(try engine.search(SearchRequest(text: "quality", limit: 100))) == ids(exact))
    }

    @Test func aTitleMatchOutranksARecordThatOnlyRepeatsTheWordInItsDescription() throws {
        var specs = CatalogueFixture.specs
        specs.append(CatalogueFixture.Spec(id: "noise", title: "Street lamps",
                                           description: "Noise noise noise: noise maps, noise levels, noise complaints.",
                                           keywords: ["noise"], publisher: "City"))
        specs.append(CatalogueFixture.Spec(id: "survey", title: "Noise survey of the harbour district with long titles",
                                           description: "Measured at night.", publisher: "City"))
        specs.append(CatalogueFixture.Spec(id: "benches", title: "Street furniture", description: "Benches, and the noise they hide.",
                                           publisher: "City"))
        var engine = try CatalogueFixture.engine(specs)
        let exact = ids(try engine.search(SearchRequest(text: "noise", limit: 1)))
        #expect(exact == ["noise"], "bm25 over every field puts the repeated word first")
        engine.broadQuery = 0
        let broad = try engine.search(SearchRequest(text: "noise", limit: 1))
        #expect(ids(broad) == ["survey"])
        #expect(broad.total == 3)
        // A query whose count stopped at the limit (past 2 × 1 matches) is broad whatever its total.
        engine.broadQuery = 20_000
        engine.countLimit = 1
        let bounded = try engine.search(SearchRequest(text: "noise", limit: 1))
        #expect(bounded.totalIsLowerBound && ids(bounded) == ["survey"])
    }

    @Test func exclusionsFiltersAndFieldsKeepTheirMeaning() throws {
        var broad = try CatalogueFixture.engine()
        broad.broadQuery = 0
        let exact = try CatalogueFixture.engine()
        // An excluded word is excluded from every field, not only from titles.
        #expect(ids(try broad.search(SearchRequest(text: "quality -stops -lakes", limit: 1))) == ["air"])
        #expect(ids(try broad.search(SearchRequest(text: "air -hourly", limit: 1))) == ["pollution"])
        #expect(ids(try broad.search(SearchRequest(text: "quality source:state", limit: 1))) == ["lakes"])
        #expect(Set(ids(try broad.search(SearchRequest(text: "quality format:csv", limit: 2)))) == ["air", "lakes"])
        #expect(try broad.search(SearchRequest(text: "quality format:csv", limit: 2)).total == 3)
        // A field the title part cannot match (publisher) falls back to the exact ranking.
        for query in ["publisher:state", "publisher:city air", "publisher:state -bus"] {
            #expect(ids(try broad.search(SearchRequest(text: query, limit: 1))) == ids(try exact.search(SearchRequest(text: query, limit: 1))),
                    "\(query)")
            #expect(try broad.search(SearchRequest(text: query)).total == (try exact.search(SearchRequest(text: query))).total, "\(query)")
        }
    }
}
