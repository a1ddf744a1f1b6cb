import CatalogModel
import CatalogStore
import Foundation
import Testing
@testable import Search

@Suite("Search ranking")
struct SearchEngineTests {
    /// A small catalogue where the right answer is known.
    static func engine() throws -> SearchEngine {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try CatalogStore(path: directory.appendingPathComponent("s.db").path)
        let source = SourceConfig(id: "city", kind: "ckan", url: "https://city.example")
        func record(_ id: String, _ title: String, _ description: String, keywords: [String] = [], publisher: String = "City",
                    modified: String) -> StagedRecord {
            var record = CatalogRecord(id: "city/\(id)", title: LocalizedText(title),
                                       provenance: Provenance(sourceID: "city", kind: "ckan", originalID: id, harvestedAt: Date()))
            record.description = LocalizedText(description)
            record.keywords = keywords
            record.publisher = Agent(name: publisher)
            record.modified = CatalogDate(raw: modified, iso: modified)
            return StagedRecord(localID: id, change: .added, encoded: EncodedRecord(record), raw: nil)
        }
        let records = [
            record("1", "Air quality measurements", "Hourly NO2 readings.", keywords: ["air"], modified: "2021-01-01"),
            record("2", "Road traffic counts", "Counts near air quality stations.", modified: "2024-01-01"),
            record("3", "Straßenbäume", "Street trees of the old town.", keywords: ["trees"], modified: "2020-01-01"),
            record("4", "Budget 2023", "Spending by department.", publisher: "Finance Department", modified: "2023-01-01"),
            record("5", "Bus stops", "Stops of the bus network.", keywords: ["transport"], modified: "2022-01-01"),
            record("6", "Tree planting programme", "Where new trees were planted.", modified: "2019-01-01"),
        ]
        let run = try store.beginRun(source: source, configJSON: "{}", at: Date()).runID
        var batch = StageBatch()
        batch.records = records
        try store.stage(runID: run, sourceID: "city", batch: batch, at: Date())
        _ = try store.commitRun(runID: run, sourceID: "city",
                                end: RunEnd(listingComplete: true, expected: 6, counters: FetchCounters()), at: Date())
        return SearchEngine(store: store)
    }

    @Test func titleMatchesRankAboveDescriptionMatches() throws {
        let results = try Self.engine().search(SearchRequest(text: "air quality"))
        #expect(results.total == 2)
        #expect(results.results.map(\.id) == ["city/1", "city/2"])
        #expect(results.results[0].score! > results.results[1].score!)
        #expect(results.results[1].snippet?.contains("[air]") == true)
    }

    @Test func ignoresDiacriticsAndStems() throws {
        let engine = try Self.engine()
        #expect(try engine.search(SearchRequest(text: "strassenbaume")).total == 0) // ß is not ss in unicode61
        #expect(try engine.search(SearchRequest(text: "straßenbaume")).results.map(\.id) == ["city/3"])
        #expect(try engine.search(SearchRequest(text: "tree")).results.map(\.id).sorted() == ["city/3", "city/6"])
        #expect(try engine.search(SearchRequest(text: "planted")).results.map(\.id) == ["city/6"])
    }

    @Test func searchesPublisherExclusionsPhrasesAndPrefixes() throws {
        let engine = try Self.engine()
        #expect(try engine.search(SearchRequest(text: "finance")).results.map(\.id) == ["city/4"])
        #expect(try engine.search(SearchRequest(text: "air -traffic")).results.map(\.id) == ["city/1"])
        #expect(try engine.search(SearchRequest(text: #""bus network""#)).results.map(\.id) == ["city/5"])
        #expect(try engine.search(SearchRequest(text: "bud*")).results.map(\.id) == ["city/4"])
        #expect(try engine.search(SearchRequest(text: "budget OR transport")).total == 2)
    }

    @Test func pagesAndBrowses() throws {
        let engine = try Self.engine()
        let all = try engine.search(SearchRequest(text: "", limit: 4))
        #expect(all.total == 6)
        #expect(all.results.map(\.id) == ["city/2", "city/4", "city/5", "city/1"])
        let next = try engine.search(SearchRequest(text: "", limit: 4, offset: 4))
        #expect(next.results.map(\.id) == ["city/3", "city/6"])
        #expect(next.results.first?.sources == ["city"])
        #expect(try engine.search(SearchRequest(text: "nothingmatchesthis")).total == 0)
        #expect(throws: SearchError.self) { try engine.search(SearchRequest(text: "x", limit: 0)) }
    }

    @Test func rendersATable() throws {
        let results = try Self.engine().search(SearchRequest(text: "air quality"))
        let table = ResultTable.render(results, width: 90)
        #expect(table.hasPrefix("2 results for 'air quality' (showing 1–2)\n"))
        #expect(table.contains("Air quality measurements"))
        #expect(table.contains("city/1"))
        for line in table.split(separator: "\n") { #expect(line.count <= 90) }
    }
}
