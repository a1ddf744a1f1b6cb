import CatalogModel
import FeedParsing
import Foundation
import Testing
@testable import Harvesters

@Suite("CKAN mapping")
struct CKANMapperTests {
    static let source = SourceConfig(id: "fixture", kind: "ckan", url: "https://data.fixture.example/")

    /// Maps every package of a page the way the harvester hands them over.
    static func mapPage(_ bytes: [UInt8], source: SourceConfig = source) throws -> (records: [CatalogRecord], issues: [RecordIssue]) {
        let envelope = try CKANEnvelope.parse(bytes)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        let context = MappingContext(source: source, harvestedAt: Date(timeIntervalSince1970: 1_700_000_000))
        for package in envelope.packages {
            let raw = RawRecord(localID: CKANHarvester.localID(of: package.value), payload: JSONWriter.write(package.value),
                                mediaType: "application/json", pageURL: "https://data.fixture.example/page1", location: package.pointer)
            let result = CKANMapper().map(raw, context: context)
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues)
    }

    @Test func mapsAFullPackage() throws {
        let (records, _) = try Self.mapPage(TestData.fixture("ckan_package_search_page.json"))
        let record = try #require(records.first)
        #expect(record.id == "fixture/0a1b2c3d-0000-4000-8000-000000000001")
        #expect(record.title.value == "Air quality 2020")
        #expect(record.description?.value.hasPrefix("Hourly NO2") == true)
        #expect(record.keywords == ["air quality", "NO2", "Air Quality"])
        #expect(record.themes == [Concept(label: "Environment", scheme: "ckan-group")])
        #expect(record.publisher == Agent(name: "Environment Office", identifier: "environment-office"))
        #expect(record.creator == Agent(name: "Environment Office", email: "env@fixture.example"))
        #expect(record.contactPoint == Contact(name: "Air Team", email: "air@fixture.example"))
        #expect(record.license == LicenseRef(raw: "cc-by", title: "Creative Commons Attribution", uri: "http://www.opendefinition.org/licenses/cc-by"))
        #expect(record.issued?.raw == "2020-02-03T10:11:12.123456")
        #expect(record.modified?.raw == "2021-05-06T07:08:09.654321")
        #expect(record.temporal == [TemporalCoverage(start: CatalogDate(raw: "2020-01-01"), end: CatalogDate(raw: "2020-12-31"))])
        #expect(record.spatial.first?.geometry?.contains("Point") == true)
        #expect(record.languages == ["en", "fr"])
        #expect(record.frequency?.uri == "http://publications.europa.eu/resource/authority/frequency/MONTHLY")
        #expect(record.landingPage == "https://city.fixture.example/air")
        #expect(record.version == "1.2")
        #expect(record.extras == ["custom_field": "kept as an extra"])
        #expect(record.identifiers.map(\.value) == ["0a1b2c3d-0000-4000-8000-000000000001", "air-quality-2020"])
        #expect(record.provenance.originalURL == "https://data.fixture.example/dataset/air-quality-2020")
        #expect(record.provenance.kind == "ckan")
        #expect(record.distributions.count == 3)
        #expect(record.distributions[0].byteSize == 10_004_794_304)
        #expect(record.distributions[0].downloadURL == "https://data.fixture.example/dataset/r1/air.csv")
        #expect(record.distributions[0].mediaType == "text/csv")
        #expect(record.distributions[1].byteSize == 2048)
        #expect(record.distributions[1].downloadURL == nil)
        #expect(record.distributions[2].byteSize == nil)
    }

    @Test func mapsTranslatedFieldsAndExtrasAsADict() throws {
        let (records, _) = try Self.mapPage(TestData.fixture("ckan_package_search_page.json"))
        let record = try #require(records.first { $0.provenance.originalID.hasSuffix("2") })
        #expect(record.title.value == "Population census")
        #expect(record.title.variants["fr"] == "Recensement de la population")
        #expect(record.description?.variants["fr"] == "Population par quartier.")
        #expect(record.keywords == ["census", "population", "Population"])
        #expect(record.publisher?.name == "Fixture Statistics Office")
        #expect(record.issued?.raw == "2019")
    }

    @Test func reportsMalformedPackagesAsIssues() throws {
        let (records, issues) = try Self.mapPage(TestData.fixture("ckan_package_search_page.json"))
        #expect(records.count == 3)
        let river = try #require(records.first { $0.provenance.originalID.hasSuffix("3") })
        #expect(river.title.value == "river-levels")
        #expect(river.distributions.isEmpty)
        #expect(river.contactPoint?.email == "rivers@fixture.example")
        let codes = Dictionary(grouping: issues, by: \.code)
        #expect(codes["ckan.package.missing-id"]?.count == 1)
        #expect(codes["ckan.package.missing-id"]?.first?.severity == .error)
        #expect(codes["ckan.package.missing-id"]?.first?.location == "/result/results/3")
        #expect(codes["ckan.package.missing-title"]?.first?.localID == "0a1b2c3d-0000-4000-8000-000000000003")
        #expect(codes["ckan.package.resources-not-list"]?.first?.location == "/resources")
        #expect(codes["ckan.resource.bad-size"]?.first?.location == "/resources/2/size")
        let message = try #require(codes["ckan.package.resources-not-list"]?.first?.message)
        #expect(message.contains("Source 'fixture'"))
        #expect(message.contains("https://data.fixture.example/page1"))
        #expect(message.contains("'resources' is a string"))
    }

    @Test func readsEveryEnvelopeShape() throws {
        let search = try CKANEnvelope.parse(Array(#"{"success":true,"result":{"count":9,"results":[{"id":"a","title":"A"}]}}"#.utf8))
        #expect(search.shape == .search)
        #expect(search.count == 9)
        let show = try CKANEnvelope.parse(Array(#"{"help":"x","success":true,"result":{"id":"a","name":"a","title":"A","resources":[]}}"#.utf8))
        #expect(show.shape == .package)
        let dkan = try CKANEnvelope.parse(Array(#"{"help":"docstring","success":true,"result":[{"id":"a","title":"A"},{"id":"b","title":"B"}]}"#.utf8))
        #expect(dkan.shape == .packageList)
        #expect(dkan.packages.map(\.pointer) == ["/result/0", "/result/1"])
        let bare = try CKANEnvelope.parse(Array(#"[{"name":"a","notes":"x"}]"#.utf8))
        #expect(bare.shape == .packageList)
        let names = try CKANEnvelope.parse(Array(#"{"success":true,"result":["a","b"]}"#.utf8))
        #expect(names.shape == .other)
        #expect(throws: CKANResponseError.portalError("Not Found Error: Not found")) {
            try CKANEnvelope.parse(Array(#"{"success":false,"error":{"__type":"Not Found Error","message":"Not found"}}"#.utf8))
        }
        #expect(throws: CKANResponseError.self) { try CKANEnvelope.parse(Array("<html>oops</html>".utf8)) }
    }

    @Test("a search page's packages are stored as the portal sent them; other shapes are written from the parsed value")
    func packagePayloads() throws {
        let page = #"{"success": true, "result": {"count": 2, "results": [ {"id": "a", "title": "A \u00e9"} ,{"id":"b","notes":"[}"}]}}"#
        let search = try CKANEnvelope.parse(Array(page.utf8))
        #expect(search.packages.map { String(decoding: $0.payload, as: UTF8.self) } == [#"{"id": "a", "title": "A \u00e9"}"#, #"{"id":"b","notes":"[}"}"#])
        for package in search.packages { #expect(try JSONParser.parse(package.payload) == package.value) }
        let dkan = try CKANEnvelope.parse(Array(#"{"result": [ {"id": "a", "title": "A"} ]}"#.utf8))
        #expect(dkan.packages.map { String(decoding: $0.payload, as: UTF8.self) } == [#"{"id":"a","title":"A"}"#])
    }

    @Test("derives the Action API from any registered URL", arguments: [
        ("https://demo.ckan.org", "https://demo.ckan.org"),
        ("https://demo.ckan.org/", "https://demo.ckan.org"),
        ("https://data.example/portal/api/3/action/", "https://data.example/portal"),
        ("https://data.example/api/3", "https://data.example"),
        ("http://127.0.0.1:8080/lakeside/api", "http://127.0.0.1:8080/lakeside"),
    ])
    func endpoint(url: String, root: String) throws {
        let endpoint = try #require(CKANEndpoint(url: url))
        #expect(endpoint.portalRoot == root)
        #expect(endpoint.actionBase == root + "/api/3/action")
        #expect(endpoint.action("package_search", [("q", "*:*"), ("sort", "id asc")])
                == root + "/api/3/action/package_search?q=*:*&sort=id%20asc")
    }

    @Test func refusesNonHTTPURLs() {
        #expect(CKANEndpoint(url: "ftp://x.example") == nil)
        #expect(CKANEndpoint(url: "file:///etc/passwd") == nil)
        #expect(throws: HarvestError.self) { try CKANHarvester(source: SourceConfig(id: "x", kind: "ckan", url: "nonsense")) }
        #expect(throws: HarvestError.self) {
            try CKANHarvester(source: SourceConfig(id: "x", kind: "ckan", url: "https://a.example", options: ["rows": "5000"]))
        }
    }
}
