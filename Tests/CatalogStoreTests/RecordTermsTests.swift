import CatalogModel
import CatalogStore
import GRDB
import Testing

@Suite("Record terms for filters and facets")
struct RecordTermsTests {
    private static func record(_ id: String, format: String?, fileType: String? = nil, media: String? = nil,
                               theme: Concept? = nil, languages: [String] = []) -> CatalogRecord {
        var record = StoreFixture.record(id, title: "Dataset \(id)")
        var distribution = Distribution(accessURL: "https://city.example/\(id)")
        distribution.format = format
        distribution.fileType = fileType
        distribution.mediaType = media
        record.distributions = [distribution]
        record.themes = theme.map { [$0] } ?? []
        record.languages = languages
        return record
    }

    private func terms(_ fixture: StoreFixture, _ id: String) throws -> [String] {
        try fixture.store.read("terms") { db in
            try String.fetchAll(db, sql: """
                SELECT t.field || '=' || t.value FROM record_terms t JOIN records r ON r.seq = t.seq WHERE r.id = ? ORDER BY 1
                """, arguments: ["city/\(id)"])
        }
    }

    @Test func followEveryInsertUpdateAndDelete() throws {
        let fixture = try StoreFixture()
        let theme = Concept(uri: "http://publications.europa.eu/resource/authority/data-theme/ENVI", label: "Environment")
        try fixture.harvest([Self.record("a", format: ".csv", fileType: "http://publications.europa.eu/resource/authority/file-type/CSV",
                                         media: "text/CSV", theme: theme, languages: ["EN"]),
                             Self.record("b", format: "Shapefile")])
        #expect(try terms(fixture, "a") == [
            "format.raw=CSV", "format=CSV", "language.facet=EN", "language=en", "media=text/csv",
            "theme.facet=Environment", "theme=envi", "theme=environment",
            "theme=http://publications.europa.eu/resource/authority/data-theme/envi",
        ])
        #expect(try terms(fixture, "b") == ["format.raw=SHAPEFILE", "format=SHAPEFILE"])

        // An update replaces the terms; a record gone from a complete listing takes its terms with it.
        try fixture.harvest([Self.record("a", format: "JSON")])
        #expect(try terms(fixture, "a") == ["format.raw=JSON", "format=JSON"])
        let orphans = try fixture.store.read("orphans") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM record_terms WHERE seq NOT IN (SELECT seq FROM records)") ?? -1
        }
        #expect(orphans == 0)
    }
}
