import CatalogModel
import Foundation
import Testing
@testable import Search

@Suite("Facets")
struct FacetTests {
    /// The values a record counts under for a facet, computed from the record itself.
    static func values(_ record: CatalogRecord, _ field: FacetField) -> Set<String> {
        let values: [String?] = switch field {
        case .publisher: [record.publisher?.name]
        case .source: [record.provenance.sourceID]
        case .year: [record.modified?.iso.map { String($0.prefix(4)) }]
        case .license: [record.license.flatMap { $0.spdx ?? $0.label ?? $0.raw }]
        case .format: record.distributions.map { $0.format.map { String($0.drop { $0 == "." }).uppercased() } }
        case .theme: record.themes.map { $0.label ?? $0.uri }
        case .language: record.languages
        case .keyword: record.keywords
        }
        return Set(values.compactMap { $0 }.filter { !$0.isEmpty })
    }

    @Test("facet counts equal a brute-force count over the matching records",
          arguments: ["", "air", "quality", "format:csv", "source:state -bus", "modified:>=2021", "theme:ENVI OR language:fr", "nomatch"])
    func countsMatchBruteForce(query: String) throws {
        let engine = try CatalogueFixture.engine()
        let results = try engine.search(SearchRequest(text: query, limit: 1000, facets: FacetField.allCases))
        let facets = try #require(results.facets)
        #expect(facets.map(\.field) == FacetField.allCases)
        var records: [CatalogRecord] = []
        for hit in results.results {
            #expect(hit.records.count == 1)
            records.append(try #require(try engine.store.record(hit.id)).record)
        }
        for facet in facets {
            var counts: [String: Int] = [:]
            for record in records { for value in Self.values(record, facet.field) { counts[value, default: 0] += 1 } }
            let expected = counts.map { FacetValue(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }.prefix(Facet.size)
            #expect(facet.values == Array(expected), "\(query): \(facet.field)")
        }
    }

    @Test func countsForAQuery() throws {
        let results = try CatalogueFixture.engine().search(SearchRequest(text: "format:csv", facets: [.source, .year, .format]))
        let facets = try #require(results.facets)
        #expect(facets[0].values == [FacetValue(value: "city", count: 2), FacetValue(value: "state", count: 2)])
        #expect(facets[1].values.map(\.value) == ["2021", "2023", "2024"])
        #expect(facets[2].values.first == FacetValue(value: "CSV", count: 4))
        #expect(try CatalogueFixture.engine().search(SearchRequest(text: "air")).facets == nil)
    }

    @Test func readsAFacetList() throws {
        #expect(try FacetField.list("publisher, Format,,year,format").get() == [.publisher, .format, .year])
        guard case .failure(let error) = FacetField.list("publisher,colour") else { Issue.record("colour is no facet"); return }
        #expect(error.description.hasPrefix("There is no facet 'colour'; the facets are publisher, format"))
    }
}
