import CatalogModel
import Foundation
import GRDB
import Testing
@testable import Search

/// Filters and facets that read the record JSON in SQL (licence, issued date, bounding box) give the same results
/// whether the JSON is stored compressed, as fedcat writes it now, or as text, as an older fedcat wrote it.
@Suite("Search over compressed and text record JSON")
struct StoredJSONSearchTests {
    static let queries = ["license:cc-by", "license:CC0-1.0", "license:other-open", "issued:<2020", "issued:2024",
                          "bbox:8.5,47.36,8.52,47.37", "air license:cc-by", ""]

    func answers(_ engine: SearchEngine) throws -> [String] {
        try Self.queries.map { query in
            let results = try engine.search(SearchRequest(text: query, limit: 100, facets: [.license]))
            let licences = (results.facets?.first?.values ?? []).map { "\($0.value)=\($0.count)" }
            return "\(query): \(results.results.map(\.id).sorted()) \(licences)"
        }
    }

    @Test func filtersAndFacetsReadBothKindsOfRows() throws {
        let engine = try CatalogueFixture.engine()
        let types = try engine.store.pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT typeof(record_json) FROM records") }
        #expect(types == ["blob"])
        let compressed = try answers(engine)
        // Every query finds something, and the licence facet counts something, or the comparison below proves nothing.
        for answer in compressed { #expect(!answer.contains(": []") && !answer.hasSuffix("[]"), "\(answer)") }
        try engine.store.pool.write { db in try db.execute(sql: "UPDATE records SET record_json = fedcat_json(record_json)") }
        let types2 = try engine.store.pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT typeof(record_json) FROM records") }
        #expect(types2 == ["text"])
        #expect(try answers(engine) == compressed)
    }
}
