import CatalogModel
@testable import CatalogStore
import GRDB
import TestSupport
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
            "format=CSV", "language.facet=EN", "language=en", "media=text/csv",
            "theme.facet=Environment", "theme=envi", "theme=environment",
            "theme=http://publications.europa.eu/resource/authority/data-theme/envi",
        ])
        #expect(try terms(fixture, "b") == ["format=SHAPEFILE"], "a published format equal to the format code is not repeated")

        // An update replaces the terms; a record gone from a complete listing takes its terms with it.
        try fixture.harvest([Self.record("a", format: "JSON")])
        #expect(try terms(fixture, "a") == ["format=JSON"])
        let orphans = try fixture.store.read("orphans") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM record_terms WHERE seq NOT IN (SELECT seq FROM records)") ?? -1
        }
        #expect(orphans == 0)
    }
}

@Suite("A record's terms, as computed before they are written")
struct RecordTermsOrderTests {
    @Test func bytesCompareAsSQLiteComparesThem() {
        var random = SeededGenerator(seed: 7)
        let pieces = ["", "a", "A", "csv", "CSV", "caf\u{E9}", "cafe\u{301}", "\u{1F600}", "z", " ", "long text of a theme label"]
        for _ in 0..<2_000 {
            let a = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let b = (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let order = RecordTerms.compareBytes(a, b)
            #expect((order < 0) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
            #expect((order == 0) == a.utf8.elementsEqual(b.utf8), "\(a) \(b)")
        }
    }

    @Test func comeInKeyOrderEachOnceByItsBytes() {
        var record = StoreFixture.record("a", title: "Dataset a")
        var csv = Distribution(accessURL: "https://city.example/a.csv")
        csv.format = "csv"
        csv.mediaType = "text/csv"
        var zip = Distribution(accessURL: "https://city.example/a.zip")
        zip.format = "Shapefile"
        zip.fileType = "http://publications.europa.eu/resource/authority/file-type/SHP"
        record.distributions = [zip, csv, csv]
        // "café" precomposed and decomposed: equal as Swift strings, two keys for SQLite's BINARY collation.
        record.keywords = ["water", "caf\u{E9}", "cafe\u{301}", "air", "water"]
        record.languages = ["EN"]
        let terms = RecordTerms.terms(of: record).map { "\($0.field)=\($0.value)" }
        #expect(terms == [
            "format=CSV", "format=SHP", "format.raw=SHAPEFILE",
            "keyword=air", "keyword=cafe\u{301}", "keyword=caf\u{E9}", "keyword=water",
            "language=en", "language.facet=EN", "media=text/csv",
        ])
        let pairs = RecordTerms.terms(of: record)
        #expect(Swift.zip(pairs, pairs.dropFirst()).allSatisfy { RecordTerms.Term.inKeyOrder($0, $1) })
    }
}

/// The terms a merge inserts are computed in Swift (`RecordTerms`) since v8; they must be the rows the v7 SQL gives
/// from the stored JSON, which the search side's `lower`/`upper` comparisons were written against.
@Suite("Record terms computed in Swift equal the SQL ones")
struct RecordTermsEquivalenceTests {
    private static func records() -> [CatalogRecord] {
        func make(_ id: String, _ edit: (inout CatalogRecord) -> Void) -> CatalogRecord {
            var record = StoreFixture.record(id, title: "Dataset \(id)")
            edit(&record)
            return record
        }
        func distribution(_ format: String?, _ fileType: String? = nil, _ media: String? = nil) -> Distribution {
            var d = Distribution(accessURL: "https://city.example/file")
            d.format = format
            d.fileType = fileType
            d.mediaType = media
            return d
        }
        return [
            make("plain") { $0.distributions = [distribution("csv"), distribution("..Csv"), distribution("CSV")] },
            make("eu") {
                $0.distributions = [distribution("Comma", "http://publications.europa.eu/resource/authority/file-type/CSV", "Text/CSV"),
                                    distribution(nil, "https://example.org/types/geojson", nil),
                                    distribution(nil, "x-http://publications.europa.eu/resource/authority/file-type/TSV", nil),
                                    distribution(nil, "http://publications.europa.eu/resource/authority/file-type/http://publications.europa.eu/resource/authority/file-type/ZIP", nil),
                                    distribution(nil, "http://publications.europa.eu/resource/authority/file-type/", nil),
                                    distribution(nil, "http://publications.europa.eu/resource/authority/file-type", nil),
                                    distribution("", "", "")]
            },
            make("unicode") {
                $0.distributions = [distribution("Géo-ÉTAT", nil, "application/ÉXAMPLE")]
                $0.themes = [Concept(uri: "https://thèmes.example/Économie", label: "Économie ÉTÉ")]
                $0.languages = ["FR", "Ελληνικά", ""]
                $0.keywords = ["Wasser", "wasser", "Éau", "Wasser"]
            },
            make("uris") {
                $0.themes = [Concept(uri: "http://example.org/themes/", label: nil), Concept(uri: "ENVI", label: ""),
                             Concept(uri: nil, label: "Only A Label"), Concept(uri: "urn:x:y/z//", label: "Z")]
            },
            make("empty") { _ in },
        ]
    }

    @Test func swiftTermsEqualTheSQLBackfill() throws {
        let fixture = try StoreFixture()
        try fixture.harvest(Self.records())
        let query = "SELECT r.id || ' ' || t.field || '=' || t.value FROM record_terms t JOIN records r ON r.seq = t.seq ORDER BY 1"
        let merged = try fixture.store.read("merged terms") { db in try String.fetchAll(db, sql: query) }
        #expect(merged.count > 20)
        try fixture.store.pool.write { db in
            try db.execute(sql: "DELETE FROM record_terms")
            try db.execute(sql: TermsMigration.insertTerms(of: "r", from: "FROM records r"))
        }
        // The backfill also writes the `format.raw` rows that repeat a `format` row of the record; Swift leaves them out.
        let backfilled = try fixture.store.read("backfilled terms") { db in
            try String.fetchAll(db, sql: """
                SELECT r.id || ' ' || t.field || '=' || t.value FROM record_terms t JOIN records r ON r.seq = t.seq
                WHERE t.field <> 'format.raw' OR NOT EXISTS (SELECT 1 FROM record_terms f WHERE f.seq = t.seq AND f.field = 'format' AND f.value = t.value)
                ORDER BY 1
                """)
        }
        #expect(merged == backfilled)
        #expect(merged.contains("city/eu format.raw=COMMA"), "a published format other than the code is kept")
        #expect(!merged.contains("city/plain format.raw=CSV"))
    }
}
