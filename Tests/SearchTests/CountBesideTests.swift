import CatalogStore
import Foundation
import Testing
@testable import Search

/// A query of several words, or with a filter, counts its total on another connection while it ranks
/// (`CatalogStore.readBeside`); when another side read is running it counts inline first. Both give the same results,
/// title-first pages of broad queries included.
@Suite("Totals counted beside the ranking")
struct CountBesideTests {
    static let queries = ["air quality", "quality OR stops", "air quality format:csv", "quality -air", "water quality OR bus",
                          "air", "\"air quality\"", "qual*", "title:air quality"]

    private func results(_ engine: SearchEngine, limits: [Int]) throws -> [SearchResults] {
        try Self.queries.flatMap { query in try limits.map { try engine.search(SearchRequest(text: query, limit: $0)) } }
    }

    @Test(arguments: [20_000, 0])
    func countingBesideOrInlineGivesTheSameResults(broadQuery: Int) throws {
        var engine = try CatalogueFixture.engine()
        engine.broadQuery = broadQuery
        let beside = try results(engine, limits: [1, 2, 20])
        // Hold the catalogue's side read: every search now counts inline.
        let release = DispatchSemaphore(value: 0)
        let holder = try #require(engine.store.readBeside("holding") { _ in release.wait() })
        let inline = try results(engine, limits: [1, 2, 20])
        release.signal()
        try holder.wait()
        #expect(beside == inline)
        #expect(beside.contains { !$0.results.isEmpty })
    }
}
