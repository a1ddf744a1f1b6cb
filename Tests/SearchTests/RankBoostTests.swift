import Foundation
import Testing
@testable import Search

/// Ranking gives a small boost (`RankBoost`, up to 5%) to recently modified records, so that of two datasets that
/// match about as well the recent one comes first, while a clearly better match still wins.
@Suite("Boost for recent records")
struct RankBoostTests {
    static let specs: [CatalogueFixture.Spec] = [
        CatalogueFixture.Spec(id: "old", title: "Lake water levels", description: "Levels of the lake.", publisher: "City",
                              modified: CatalogueFixture.iso("2001-05-01")),
        CatalogueFixture.Spec(id: "recent", title: "Lake water levels, gauges", description: "Levels of the lake.", publisher: "City",
                              modified: CatalogueFixture.iso("2026-10-01")),
        CatalogueFixture.Spec(id: "best", title: "Lake water", description: "Lake water.", publisher: "City"),
    ] + (0..<20).map { CatalogueFixture.Spec(id: "other\($0)", title: "Street trees \($0)", description: "Trees.", publisher: "City") }

    private func ids(_ results: SearchResults) -> [String] { results.results.map { String($0.id.split(separator: "/")[1]) } }

    @Test func aRecentRecordOvertakesAnOlderOneThatMatchesAboutAsWell() throws {
        var engine = try CatalogueFixture.engine(Self.specs)
        // As of 2100 no date earns a boost: bm25 alone puts the shorter old title before the recent one.
        engine.now = Date(timeIntervalSince1970: 4_102_444_800)
        let plain = try engine.search(SearchRequest(text: "lake levels"))
        #expect(ids(plain) == ["old", "recent"])
        // In November 2026 the recent one (a month old) gets almost 5%, the old one nothing.
        engine.now = Date(timeIntervalSince1970: 1_795_000_000)
        let boosted = try engine.search(SearchRequest(text: "lake levels"))
        #expect(ids(boosted) == ["recent", "old"])
        let recent = try #require(boosted.results.first?.score), unboosted = try #require(plain.results.last?.score)
        #expect(abs(recent / unboosted - (1 + 0.05 * (1 - 1.0 / 120))) < 1e-9)
        #expect(boosted.results.last?.score == plain.results.first?.score, "no boost for a record 25 years old")
        // Sorted by date or title, each result shows the same score.
        for sort in [SearchSort.modified, .title] {
            let sorted = try engine.search(SearchRequest(text: "lake levels", sort: sort))
            #expect(Dictionary(uniqueKeysWithValues: sorted.results.map { ($0.id, $0.score) })
                    == Dictionary(uniqueKeysWithValues: boosted.results.map { ($0.id, $0.score) }))
        }
        // A clearly better match (and undated) stays first.
        #expect(ids(try engine.search(SearchRequest(text: "lake water"))).first == "best")
    }
}
