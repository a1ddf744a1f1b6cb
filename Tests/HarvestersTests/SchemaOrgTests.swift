import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

@Suite("schema.org Dataset JSON-LD")
struct SchemaOrgTests {
    static let source = SourceConfig(id: "repo", kind: "schemaorg", url: "https://repo.example.org/catalog.jsonld")

    static func map(_ bytes: [UInt8], html: Bool? = nil) throws -> (records: [CatalogRecord], issues: [RecordIssue], document: SchemaOrgDocument) {
        let document = try SchemaOrgDocument.parse(bytes, html: html)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for dataset in document.datasets {
            let raw = RawRecord(localID: SchemaOrgMapper.localID(of: dataset.value), payload: JSONWriter.write(dataset.value),
                                mediaType: "application/ld+json", pageURL: source.url, location: dataset.location)
            let result = SchemaOrgMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, document)
    }

    @Test func mapsADataCatalog() throws {
        let (records, issues, document) = try Self.map(try TestData.fixture("schemaorg_catalog.jsonld"))
        #expect(document.datasets.map(\.location) == ["/dataset/0", "/dataset/1", "/dataset/2"])
        #expect(document.problems.isEmpty)
        #expect(records.count == 2)

        let sst = try #require(records.first)
        #expect(sst.id == "repo/10.1234/sst.2020")
        #expect(sst.identifiers == [Identifier("10.1234/sst.2020", scheme: "doi"), Identifier("https://data.example.org/dataset/sst-2020", scheme: "uri")])
        #expect(sst.title.value == "Sea surface temperature, North Atlantic, 2020")
        #expect(sst.description?.value == "Daily gridded sea surface temperature.")
        #expect(sst.keywords == ["oceans", "temperature", "sea surface"])
        #expect(sst.license == LicenseRef(raw: "https://creativecommons.org/licenses/by/4.0/", title: "CC BY 4.0", uri: "https://creativecommons.org/licenses/by/4.0/"))
        #expect(sst.creator?.name == "Ana Silva")
        #expect(sst.creator?.uri == "https://orcid.org/0000-0001-2345-6789")
        #expect(sst.creator?.email == "ana@example.org")
        #expect(sst.extras["creators"] == "Ana Silva; Ocean Institute")
        #expect(sst.publisher?.name == "Example Data Centre")
        #expect(sst.issued?.raw == "2021-02-01")
        #expect(sst.modified?.raw == "2023-07-15T10:00:00Z")
        #expect(sst.temporal == [TemporalCoverage(start: CatalogDate(raw: "2020-01-01"), end: CatalogDate(raw: "2020-12-31"))])
        #expect(sst.spatial.first?.label == "North Atlantic")
        #expect(sst.spatial.first?.bbox == BoundingBox(west: -80, south: 20, east: 0, north: 65))
        #expect(sst.languages == ["en"])
        #expect(sst.landingPage == "https://data.example.org/dataset/sst-2020")
        #expect(sst.version == "2")
        #expect(sst.distributions.map(\.downloadURL) == ["https://data.example.org/files/sst-2020.nc", "https://data.example.org/files/sst-2020.csv"])
        #expect(sst.distributions[0].mediaType == "application/x-netcdf")
        #expect(sst.distributions[0].byteSize == 104857600)
        #expect(sst.distributions[1].format == "CSV")
        #expect(sst.distributions[1].byteSize == nil)
        #expect(sst.extras["catalog"] == "Example Ocean Data Catalog")
        #expect(sst.extras["sameAs"] == "https://doi.org/10.1234/sst.2020")
        #expect(sst.extras["measurementTechnique"] == "satellite radiometry")
        #expect(sst.provenance.kind == "schemaorg")

        let buoys = records[1]
        #expect(buoys.id == "repo/https://data.example.org/dataset/buoys")
        #expect(buoys.keywords == ["buoys", "positions", "drifters"])
        #expect(buoys.license?.uri == "https://creativecommons.org/publicdomain/zero/1.0/")
        #expect(buoys.creator?.name == "Buoy Team")
        #expect(buoys.temporal == [TemporalCoverage(start: CatalogDate(raw: "2019-06"))])
        #expect(buoys.spatial.map(\.geometry) == [
            #"{"type":"Polygon","coordinates":[[[-70.0,40.0],[-70.0,45.0],[-60.0,45.0],[-60.0,40.0],[-70.0,40.0]]]}"#,
            #"{"type":"Point","coordinates":[-65.25,42.5]}"#,
        ])
        #expect(buoys.distributions.first?.mediaType == "application/json")

        #expect(issues.map(\.code) == ["schemaorg.agent.not-object", "schemaorg.dataset.missing-identifier"])
        #expect(issues[0].location == "/dataset/1/creator")
        #expect(issues[1].severity == .error)
        #expect(issues[1].location == "/dataset/2")
    }

    @Test func findsDatasetsInEveryDocumentShape() throws {
        let single = try SchemaOrgDocument.parse(Array(#"{"@type": "Dataset", "name": "One", "url": "https://x.example/1"}"#.utf8))
        #expect(single.datasets.map(\.location) == [""])
        let array = try SchemaOrgDocument.parse(Array(#"[{"@type": "Dataset", "name": "One"}, {"@type": "Person", "name": "P"}, {"@type": ["Thing", "schema:Dataset"], "name": "Two"}]"#.utf8))
        #expect(array.datasets.map(\.location) == ["/0", "/2"])
        let graph = try SchemaOrgDocument.parse(Array(#"{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "Dataset", "name": "G"}]}"#.utf8))
        #expect(graph.datasets.map(\.location) == ["/@graph/1"])
        let catalog = try SchemaOrgDocument.parse(Array(#"{"@type": "DataCatalog", "dataset": {"@type": "Dataset", "name": "Only"}}"#.utf8))
        #expect(catalog.datasets.map(\.location) == ["/dataset"])
        let none = try SchemaOrgDocument.parse(Array(#"{"@type": "BlogPosting", "name": "Not data"}"#.utf8))
        #expect(none.datasets.isEmpty)
        #expect(none.problems.map(\.code) == ["schemaorg.document.no-dataset"])
        #expect(none.problems[0].message.contains("BlogPosting"))
        #expect(throws: SchemaOrgError.self) { try SchemaOrgDocument.parse(Array("\"text\"".utf8)) }
        #expect(throws: SchemaOrgError.self) { try SchemaOrgDocument.parse(Array("{oops".utf8)) }
        #expect(throws: SchemaOrgError.noJSONLD) { try SchemaOrgDocument.parse(Array("<html><body>no data</body></html>".utf8)) }
    }

    @Test func extractsScriptsFromHTML() throws {
        let html = try TestData.fixture("schemaorg_landing.html")
        #expect(JSONLDScripts.looksLikeHTML(html))
        let blocks = JSONLDScripts.extract(html)
        #expect(blocks.map(\.number) == [1, 2])
        #expect(String(decoding: blocks[0].body, as: UTF8.self).contains("WebSite"))
        let (records, issues, document) = try Self.map(html)
        #expect(document.datasets.map(\.location) == ["script[2]/@graph/1"])
        #expect(issues.isEmpty)
        let rain = try #require(records.first)
        #expect(rain.id == "repo/https://doi.org/10.5555/rain.1990")
        #expect(rain.title.value == "Rainfall 1990&ndash;2020 <daily>")
        #expect(rain.distributions.first?.mediaType == "text/csv")

        // Odd pages end the scan instead of trapping.
        for page in ["<script type=application/ld+json>{\"@type\":\"Dataset\"}", "<script type=\"application/ld+json", "<!-- <script", "<scr", "<",
                     "<script type='application/ld+json'>[1,</script><script type=\"application/ld+json\">{\"@type\":\"Dataset\",\"name\":\"x\"}</script>"] {
            _ = JSONLDScripts.extract(Array(page.utf8))
        }
        let broken = try SchemaOrgDocument.parse(Array("<script type='application/ld+json'>[1,</script><script type=application/ld+json>{\"@type\":\"Dataset\",\"name\":\"x\"}</script>".utf8))
        #expect(broken.datasets.map(\.location) == ["script[2]"])
        #expect(broken.problems.map(\.code) == ["schemaorg.script.invalid-json"])
    }

    /// The corpus schema.org files: Datasets map without an error; BlogPostings hold no Dataset.
    @Test func everyCorpusFileMaps() throws {
        let files = Corpus.files(under: "other_portals", endingIn: [".json"]).filter {
            $0.contains("/schemaorg_") || $0.hasSuffix("dataverse_schemaorg_max.json")
        }
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var expected: [String: Int] = [
            "other_portals/schemaorg_dataset.json": 0, "other_portals/schemaorg_type_as_array.json": 0,
            "other_portals/schemaorg_gtex.json": 1, "other_portals/schemaorg_pangaea_geoshape.json": 1,
            "other_portals/dataverse_schemaorg_max.json": 1,
        ]
        var all: [String: CatalogRecord] = [:]
        for file in files {
            let (records, issues, document) = try Self.map(try Corpus.bytes(file))
            #expect(!issues.contains { $0.severity == .error }, "\(file): \(issues.map(\.message))")
            #expect(records.count == document.datasets.count, "\(file)")
            if let count = expected.removeValue(forKey: file) { #expect(records.count == count, "\(file)") }
            if records.isEmpty { #expect(document.problems.map(\.code) == ["schemaorg.document.no-dataset"], "\(file)") }
            for record in records { all[file] = record }
        }
        #expect(expected.isEmpty, "missing corpus files: \(expected.keys.sorted())")
        let pangaea = try #require(all["other_portals/schemaorg_pangaea_geoshape.json"])
        #expect(pangaea.id == "repo/https://doi.org/10.1594/PANGAEA.842237")
        #expect(pangaea.spatial.first?.bbox == BoundingBox(west: -168.5182, south: -64.3088, east: 174.9006, north: 79.6753))
        #expect(pangaea.creator?.name == "Tara Oceans Consortium, Coordinators")
        #expect(pangaea.temporal.first?.end?.raw == "2013-10-27T00:00:00")
        #expect(pangaea.distributions.count >= 2)
        let gtex = try #require(all["other_portals/schemaorg_gtex.json"])
        #expect(gtex.identifiers.first == Identifier("687610993", scheme: "md5"))
        #expect(gtex.distributions.first?.downloadURL?.hasSuffix("expression_matrices.tar.gz") == true)
        #expect(gtex.creator?.name == "The GTEx Consortium")
        #expect(gtex.version == "v7")
        let dataverse = try #require(all["other_portals/dataverse_schemaorg_max.json"])
        #expect(dataverse.keywords == ["Social Sciences", "Other", "foo", "bar"])
        #expect(dataverse.creator?.name == "Durbin, Philip")
        #expect(dataverse.creator?.uri?.contains("orcid.org") == true)
        #expect(dataverse.spatial == [SpatialCoverage(label: "Cambridge, MA, United States, Harvard Square")])
        #expect(dataverse.distributions.first?.byteSize == 27)
    }

    @Test func theBadCorpusFileGivesItsIssues() throws {
        guard Corpus.directory != nil else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        let (records, issues, document) = try Self.map(try Corpus.bytes("bad/schemaorg_tdl_iodp_invalid_authors.json"))
        #expect(document.datasets.count == 1)   // "@type": "DataSet" is still read as a Dataset
        #expect(records.isEmpty)
        #expect(issues.map(\.code) == ["schemaorg.dataset.type-case", "schemaorg.agent.name-list-as-text",
                                       "schemaorg.spatial.coordinates-out-of-range", "schemaorg.dataset.missing-identifier"])
        #expect(issues[1].location == "/author")
        #expect(issues[2].location == "/spatialCoverage/geo/latitude")
        #expect(issues[3].severity == .error)
    }

    // MARK: - Over loopback HTTP

    static func serve(_ routes: [String: (type: String, body: [UInt8])]) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            guard let route = routes[request.path] else { return .status(404) }
            return HTTPResponse(status: 200, headers: [("Content-Type", route.type)], body: route.body)
        }
        try server.start()
        return server
    }

    @Test func harvestsAJSONLDDocumentAndSkipsItWhenUnchanged() throws {
        let server = try Self.serve(["/catalog.jsonld": ("application/ld+json", try TestData.fixture("schemaorg_catalog.jsonld"))])
        defer { server.stop() }
        let source = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/catalog.jsonld")
        let sink = CollectingSink()
        let outcome = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 3, pages: 1))
        #expect(sink.records.map(\.localID) == ["10.1234/sst.2020", "https://data.example.org/dataset/buoys", nil])
        #expect(sink.records.map(\.location) == ["/dataset/0", "/dataset/1", "/dataset/2"])
        let results = sink.records.map { SchemaOrgMapper().map($0, context: MappingContext(source: source, harvestedAt: Date())) }
        #expect(results.compactMap(\.record).count == 2)
        let memo = try #require(sink.pages.first?.memo)
        let again = CollectingSink()
        _ = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: [memo.url: memo]), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged == ["10.1234/sst.2020", "https://data.example.org/dataset/buoys"])
    }

    @Test func harvestsAnHTMLPageWithTwoScripts() throws {
        let server = try Self.serve([
            "/dataset/rainfall": ("text/html; charset=utf-8", try TestData.fixture("schemaorg_landing.html")),
            "/empty": ("text/html", Array("<html><head><title>x</title></head></html>".utf8)),
            "/blog": ("application/ld+json", Array(#"{"@type": "BlogPosting", "name": "x"}"#.utf8)),
        ])
        defer { server.stop() }
        let source = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/dataset/rainfall")
        let sink = CollectingSink()
        let outcome = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 1, pages: 1))
        #expect(sink.records.map(\.localID) == ["https://doi.org/10.5555/rain.1990"])
        #expect(sink.records.first?.location == "script[2]/@graph/1")
        #expect(sink.issues.isEmpty)

        let empty = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/empty")
        #expect {
            try SchemaOrgHarvester(source: empty).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        } throws: { error in
            "\(error)".contains("application/ld+json")
        }
        let blog = CollectingSink()
        let blogOutcome = try SchemaOrgHarvester(source: SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/blog"))
            .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: blog)
        #expect(blogOutcome.expectedTotal == 0)
        #expect(blog.issues.map(\.code) == ["schemaorg.document.no-dataset"])
        #expect(throws: HarvestError.self) { try SchemaOrgHarvester(source: SourceConfig(id: "repo", kind: "schemaorg", url: "ftp://x")) }
    }
}
