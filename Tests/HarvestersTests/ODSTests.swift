import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing
@testable import Harvesters

/// The OpenDataSoft kind: envelopes (v2.1, v2.0, v1), mapping, the corpus, and a harvest over loopback HTTP.
/// Uses `CollectingSink` and `testFetchOptions` from CKANHarvesterTests.swift.
@Suite("OpenDataSoft")
struct ODSTests {
    static let source = SourceConfig(id: "ods", kind: "opendatasoft", url: "https://data.example.org")

    /// Maps every dataset of a response body.
    static func map(_ bytes: [UInt8], source: SourceConfig = source) throws -> (records: [CatalogRecord], issues: [RecordIssue], envelope: ODSEnvelope) {
        let envelope = try ODSEnvelope.parse(bytes)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for dataset in envelope.datasets {
            let raw = RawRecord(localID: ODSMapper.localID(of: dataset.value), payload: JSONWriter.write(dataset.value),
                                mediaType: "application/json", pageURL: source.url, location: dataset.pointer)
            let result = ODSMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, envelope)
    }

    /// A catalogue page in the Explore API v2.1 shape (`/api/explore/v2.1/catalog/datasets`).
    static let v21Page = #"""
    {"total_count": 2, "results": [
      {"visibility": "domain", "dataset_id": "arbres-remarquables", "dataset_uid": "da_x7k2pq",
       "has_records": true, "data_visible": true, "features": ["analyze", "geo"],
       "attachments": [{"id": "notice_pdf", "title": "Notice.pdf", "mimetype": "application/pdf", "url": "odsfile://notice.pdf"}],
       "alternative_exports": [{"id": "arbres_shp_zip", "title": "arbres.shp.zip", "mimetype": "application/zip",
                                "url": "https://files.example.org/arbres.shp.zip", "description": "Shapefile"}],
       "fields": [
         {"name": "libelle", "label": "Libellé", "type": "text", "annotations": {}, "description": null},
         {"name": "hauteur", "label": "Hauteur (m)", "type": "double", "annotations": {}, "description": null},
         {"name": "geo_point_2d", "label": "geo_point_2d", "type": "geo_point_2d", "annotations": {}, "description": null}],
       "metas": {
         "default": {
           "title": "Arbres remarquables", "description": "<p>Les arbres <b>remarquables</b> de la ville.</p>",
           "theme": ["Environnement", "Culture, Patrimoine"], "keyword": ["arbres", "patrimoine"],
           "license": "Open Database License (ODbL)", "license_url": "http://opendatacommons.org/licenses/odbl/",
           "language": "fr", "metadata_languages": ["fr"], "timezone": null,
           "modified": "2024-03-05T10:12:00+00:00", "modified_updates_on_metadata_change": false,
           "modified_updates_on_data_change": true, "geographic_reference": ["fr_40_75"], "geographic_reference_auto": true,
           "territory": ["Paris"], "geometry_types": ["Point"],
           "bbox": {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[2.25, 48.81], [2.41, 48.81], [2.41, 48.90], [2.25, 48.90], [2.25, 48.81]]]}, "properties": {}},
           "publisher": "Ville de Paris", "references": "https://opendata.paris.fr/", "records_count": 183,
           "data_processed": "2024-03-05T10:15:22+00:00", "metadata_processed": "2024-03-05T10:15:40+00:00",
           "federated": false, "attributions": null},
         "dcat": {"created": "2016-01-01", "issued": "2016-02-01T00:00:00+00:00", "creator": "Direction des Espaces Verts",
           "contributor": null, "contact_name": "Service open data", "contact_email": "opendata@example.org",
           "accrualperiodicity": "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
           "spatial": "Paris", "temporal": "2010-01-01/2023-12-31", "granularity": "arbre", "dataquality": null,
           "publisher_type": null, "conforms_to": null, "temporal_coverage_start": null, "temporal_coverage_end": null,
           "accessRights": null, "relation": null}}},
      {"visibility": "domain", "dataset_id": "budget-doc", "dataset_uid": "da_00aa11", "has_records": false,
       "data_visible": false, "features": [], "attachments": [], "alternative_exports": [], "fields": [],
       "metas": {"default": {"title": "Budget (documents)", "description": null, "theme": null, "keyword": null,
         "license": "Licence Ouverte v2.0", "license_url": null, "language": "fr", "modified": "2023-01-10",
         "territory": null, "publisher": null, "records_count": 0}}}
    ]}
    """#

    @Test func mapsAV21CatalogPage() throws {
        let (records, issues, envelope) = try Self.map(Array(Self.v21Page.utf8))
        #expect(envelope.shape == .v21)
        #expect(envelope.totalCount == 2)
        #expect(envelope.datasets.map(\.pointer) == ["/results/0", "/results/1"])
        #expect(issues.isEmpty, "\(issues)")
        #expect(records.count == 2)
        let trees = try #require(records.first)
        #expect(trees.id == "ods/arbres-remarquables")
        #expect(trees.provenance.kind == "opendatasoft")
        #expect(trees.identifiers.map(\.scheme) == ["ods-dataset-id", "ods-dataset-uid"])
        #expect(trees.title.value == "Arbres remarquables")
        #expect(trees.description?.value == "<p>Les arbres <b>remarquables</b> de la ville.</p>")
        #expect(trees.keywords == ["arbres", "patrimoine"])
        #expect(trees.themes == [Concept(label: "Environnement", scheme: "ods-theme"), Concept(label: "Culture, Patrimoine", scheme: "ods-theme")])
        #expect(trees.publisher?.name == "Ville de Paris")
        #expect(trees.creator?.name == "Direction des Espaces Verts")
        #expect(trees.contactPoint == Contact(name: "Service open data", email: "opendata@example.org"))
        #expect(trees.license == LicenseRef(raw: "Open Database License (ODbL)", uri: "http://opendatacommons.org/licenses/odbl/"))
        #expect(trees.modified?.raw == "2024-03-05T10:12:00+00:00")
        #expect(trees.issued?.raw == "2016-02-01T00:00:00+00:00")
        #expect(trees.temporal == [TemporalCoverage(start: CatalogDate(raw: "2010-01-01"), end: CatalogDate(raw: "2023-12-31"))])
        #expect(trees.languages == ["fr"])
        #expect(trees.spatial.compactMap(\.label) == ["Paris", "Paris"])
        #expect(trees.spatial.last?.bbox == BoundingBox(west: 2.25, south: 48.81, east: 2.41, north: 48.90))
        #expect(trees.frequency?.uri == "http://publications.europa.eu/resource/authority/frequency/ANNUAL")
        #expect(trees.landingPage == "https://data.example.org/explore/dataset/arbres-remarquables/")
        #expect(trees.provenance.originalURL == trees.landingPage)
        let api = "https://data.example.org/api/explore/v2.1/catalog/datasets/arbres-remarquables"
        #expect(trees.distributions.map(\.downloadURL) == [
            "\(api)/exports/csv", "\(api)/exports/json", "\(api)/exports/geojson",
            "\(api)/attachments/notice_pdf", "https://files.example.org/arbres.shp.zip"])
        #expect(trees.distributions.map(\.format) == ["CSV", "JSON", "GeoJSON", "PDF", "ZIP"])
        #expect(trees.distributions[3].mediaType == "application/pdf")
        #expect(trees.distributions[4].description == "Shapefile")
        #expect(trees.extras["data_processed"] == "2024-03-05T10:15:22+00:00")
        #expect(trees.extras["metadata_processed"] == "2024-03-05T10:15:40+00:00")
        #expect(trees.extras["records_count"] == "183")
        #expect(trees.extras["references"] == "https://opendata.paris.fr/")
        #expect(trees.extras["geographic_reference"] == "fr_40_75")
        #expect(trees.extras["dcat.granularity"] == "arbre")
        #expect(trees.extras["dcat.created"] == nil)        // used as the fallback for issued
        #expect(trees.extras["timezone"] == nil)            // null metas are dropped
        #expect(trees.extras["features"] == "analyze, geo")

        let documents = records[1]
        #expect(documents.distributions.isEmpty)            // no records: no exports
        #expect(documents.license == LicenseRef(raw: "Licence Ouverte v2.0"))
        #expect(documents.keywords.isEmpty && documents.themes.isEmpty && documents.publisher == nil)
        #expect(documents.extras["has_records"] == "false")
    }

    @Test func readsV20AndV1Envelopes() throws {
        let v20 = #"{"total_count": 1, "links": [], "datasets": [{"links": [], "dataset": {"dataset_id": "a", "metas": {"default": {"title": "A"}}}}]}"#
        let (records, _, envelope) = try Self.map(Array(v20.utf8))
        #expect(envelope.shape == .v20)
        #expect(envelope.datasets.map(\.pointer) == ["/datasets/0/dataset"])
        #expect(records.map(\.title.value) == ["A"])
        let v1 = #"{"nhits": 5, "parameters": {}, "datasets": [{"datasetid": "b", "metas": {"title": "B", "keyword": "x; y"}}]}"#
        let (v1Records, _, v1Envelope) = try Self.map(Array(v1.utf8))
        #expect(v1Envelope.shape == .v1Search)
        #expect(v1Envelope.totalCount == 5)
        #expect(v1Records.first?.keywords == ["x", "y"])
        #expect(throws: ODSResponseError.portalError("InvalidRESTParameterError: Invalid value for limit")) {
            try ODSEnvelope.parse(Array(#"{"error_code": "InvalidRESTParameterError", "message": "Invalid value for limit"}"#.utf8))
        }
    }

    @Test func endpointsAndOptions() throws {
        for url in ["https://d.example.org", "https://d.example.org/", "https://d.example.org/explore/",
                    "https://d.example.org/api/explore/v2.1/catalog/datasets?limit=5", "https://d.example.org/api/datasets/1.0/search/"] {
            #expect(ODSEndpoint(url: url)?.portalRoot == "https://d.example.org", "\(url)")
        }
        #expect(ODSEndpoint(url: "ftp://d.example.org") == nil)
        let harvester = try ODSHarvester(source: SourceConfig(id: "s", kind: "opendatasoft", url: "https://d.example.org",
                                                              options: ["limit": "20", "where": #"theme="Transport""#]))
        #expect(harvester.pageURL(offset: 40) ==
                "https://d.example.org/api/explore/v2.1/catalog/datasets?limit=20&offset=40&where=theme%3D%22Transport%22")
        #expect(throws: HarvestError.self) {
            try ODSHarvester(source: SourceConfig(id: "s", kind: "opendatasoft", url: "https://d.example.org", options: ["limit": "101"]))
        }
        #expect(throws: HarvestError.self) { try ODSHarvester(source: SourceConfig(id: "s", kind: "opendatasoft", url: "d.example.org")) }
    }

    /// Every OpenDataSoft file of the shared corpus (`other_portals/ods_*.json`) maps without an error.
    @Test func mapsEveryCorpusFile() throws {
        let files = TestData.corpusFiles("other_portals").filter { $0.lastPathComponent.hasPrefix("ods_") }
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var byName: [String: [CatalogRecord]] = [:]
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let (records, issues, envelope) = try Self.map(bytes)
            #expect(!issues.contains { $0.severity == .error }, "\(file.lastPathComponent): \(issues)")
            #expect(records.count == envelope.datasets.count, "\(file.lastPathComponent)")
            #expect(records.allSatisfy { !$0.title.value.isEmpty && $0.landingPage != nil })
            byName[file.lastPathComponent] = records
        }
        #expect(byName.values.reduce(0) { $0 + $1.count } >= 5)
        if let testA = byName["ods_v1_dataset_test-a.json"]?.first {
            #expect(testA.id == "ods/test-a")
            #expect(testA.description?.value == "<p>test-a-description</p>")
            #expect(testA.license?.raw == "Licence Ouverte (Etalab)")
            #expect(testA.themes.map(\.label) == ["Culture, Heritage", "Environment"])
            #expect(testA.keywords == ["keyword1", "keyword2"])
            #expect(testA.publisher?.name == "test")
            #expect(testA.extras["references"] == "http://example.com")
            #expect(testA.distributions.map(\.format) == ["CSV", "JSON"])
        }
        if let inspire = byName["ods_v1_dataset_inspire.json"]?.first {
            #expect(inspire.spatial.first?.bbox == BoundingBox(west: 0.1568, south: 46.4944, east: 0.5084, north: 46.6848))
            #expect(inspire.contactPoint == Contact(name: "ACME", email: "tnt@acme.com"))
            #expect(inspire.identifiers.contains(Identifier("{73E--sfA386709}", scheme: "inspire-file-identifier")))
            #expect(inspire.distributions.map(\.format) == ["CSV", "JSON", "GeoJSON"])
        }
        if let attachments = byName["ods_v1_dataset_with-attachments.json"]?.first {
            let api = "https://data.example.org/api/explore/v2.1/catalog/datasets/with-attachments"
            #expect(attachments.distributions.map(\.downloadURL) == ["\(api)/attachments/documentation_pdf", "\(api)/alternative_exports/gtfs_zip"])
            #expect(attachments.themes.count == 1)
        }
        if let noData = byName["ods_v1_dataset_no-data.json"] {
            #expect(noData.map(\.id) == ["ods/test-attachments", "ods/test-empty"])
            #expect(noData.allSatisfy { !$0.distributions.contains { $0.id?.hasPrefix("export-") == true } })
        }
    }

    // MARK: - Harvest over loopback HTTP

    /// A v2.1 page with datasets `ids` saying `total`.
    static func page(total: Int, ids: some Sequence<Int>) -> HTTPResponse {
        let results = ids.map {
            #"{"dataset_id":"d\#($0)","has_records":true,"features":[],"fields":[{"name":"n","type":"text"}],"metas":{"default":{"title":"Dataset \#($0)"}}}"#
        }
        return .json(#"{"total_count":\#(total),"results":[\#(results.joined(separator: ","))]}"#)
    }

    /// A loopback ODS portal answering the v2.1 catalogue listing with `page(offset, limit)`.
    static func fakeODS(_ page: @escaping @Sendable (_ offset: Int, _ limit: Int, _ request: HTTPRequest) -> HTTPResponse) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            guard request.path.hasSuffix("/api/explore/v2.1/catalog/datasets") else { return .status(404) }
            return page(Int(request.queryValue("offset") ?? "0") ?? 0, Int(request.queryValue("limit") ?? "10") ?? 10, request)
        }
        try server.start()
        return server
    }

    @Test func harvestsThreePagesThenFindsThemUnchanged() throws {
        let filters = Mutex<[String]>([])
        let server = try Self.fakeODS { offset, limit, request in
            filters.withLock { $0.append(request.queryValue("where") ?? "") }
            return Self.page(total: 7, ids: offset..<min(offset + limit, 7))
        }
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "opendatasoft", url: server.baseURL + "/explore/",
                                  options: ["limit": "3", "where": "has_records=true"])
        let first = CollectingSink()
        let outcome = try ODSHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 7, pages: 3))
        #expect(first.records.compactMap(\.localID) == (0..<7).map { "d\($0)" })
        #expect(first.records[4].location == "/results/1")
        #expect(first.pages.map(\.number) == [1, 2, 3])
        #expect(first.pages[1].url.hasSuffix("/api/explore/v2.1/catalog/datasets?limit=3&offset=3&where=has_records%3Dtrue"))
        #expect(first.pages[1].checkpoint == #"{"offset":6,"pages":2}"#)
        #expect(first.pages.allSatisfy { $0.memo != nil && !$0.unchanged })
        #expect(first.issues.isEmpty)
        #expect(filters.withLock { $0 } == ["has_records=true", "has_records=true", "has_records=true"])
        let mapped = ODSMapper().map(first.records[0], context: MappingContext(source: source, harvestedAt: Date()))
        #expect(mapped.record?.landingPage == "\(server.baseURL)/explore/dataset/d0/")

        // Second run with the pages remembered: the same bodies are not parsed again.
        let memos = Dictionary(uniqueKeysWithValues: first.pages.compactMap(\.memo).map { ($0.url, $0) })
        let again = CollectingSink()
        let second = try ODSHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(second == GatherOutcome(complete: true, expectedTotal: 7, pages: 3))
        #expect(again.records.isEmpty)
        #expect(again.unchanged == (0..<7).map { "d\($0)" })
        #expect(again.pages.allSatisfy { $0.unchanged })

        // Resuming after page 1 reads pages 2 and 3 only.
        let resumed = CollectingSink()
        _ = try ODSHarvester(source: source).gather(using: Fetcher(options: testFetchOptions),
                                                    context: GatherContext(resumeFrom: first.pages[0].checkpoint), into: resumed)
        #expect(resumed.pages.map(\.number) == [2, 3])
        #expect(resumed.records.count == 4)
    }

    @Test func aCatalogueBeyondTheOffsetCapIsReadFromTheCatalogueExport() throws {
        let asked = Mutex<[String]>([])
        let server = try LoopbackServer { request in
            asked.withLock { $0.append(request.path + (request.queryValue("where").map { "?where=" + $0 } ?? "")) }
            if request.path.hasSuffix("/api/explore/v2.1/catalog/datasets") {
                return Self.page(total: 12_345, ids: 0..<3)
            }
            guard request.path.hasSuffix("/api/explore/v2.1/catalog/exports/json") else { return .status(404) }
            let datasets = (0..<150).map {
                #"{"dataset_id":"d\#($0)","has_records":true,"features":[],"fields":[],"metas":{"default":{"title":"Dataset \#($0)"}}}"#
            }
            return .json("[" + datasets.joined(separator: ",") + "]")
        }
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "big", kind: "opendatasoft", url: server.baseURL, options: ["limit": "3", "where": "has_records=true"])
        let sink = CollectingSink()
        let outcome = try ODSHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 150, pages: 1))
        #expect(sink.records.compactMap(\.localID) == (0..<150).map { "d\($0)" })
        #expect(sink.records[7].location == "/7")
        #expect(sink.pages.map(\.url) == ["\(server.baseURL)/api/explore/v2.1/catalog/exports/json?where=has_records%3Dtrue"])
        #expect(sink.issues.map(\.code) == ["ods.export.count-differs"])
        #expect(asked.withLock { $0 }.last == "/api/explore/v2.1/catalog/exports/json?where=has_records=true")
        // What the export maps to is what the listing's records map to.
        let mapped = ODSMapper().map(sink.records[0], context: MappingContext(source: source, harvestedAt: Date()))
        #expect(mapped.record?.title.value == "Dataset 0")
    }

    @Test func aLargeExportIsStreamedFromAFileAndABrokenEntryIsAnIssue() throws {
        let server = try LoopbackServer { request in
            if request.path.hasSuffix("/api/explore/v2.1/catalog/datasets") { return Self.page(total: 12_345, ids: 0..<3) }
            guard request.path.hasSuffix("/api/explore/v2.1/catalog/exports/json") else { return .status(404) }
            var datasets = (0..<150).map {
                #"{"dataset_id":"d\#($0)","has_records":true,"features":[],"fields":[],"metas":{"default":{"title":"Dataset \#($0)"}}}"#
            }
            datasets[3] = #"{"dataset_id": "d3", "metas": nul}"#
            return .json("[" + datasets.joined(separator: ",\n") + "]")
        }
        try server.start()
        defer { server.stop() }
        let spool = try SpoolFolder()
        defer { spool.remove() }
        let options = spool.options(spoolingAbove: 1024)
        let source = SourceConfig(id: "big", kind: "opendatasoft", url: server.baseURL, options: ["limit": "3"])
        let sink = CollectingSink()
        let outcome = try ODSHarvester(source: source).gather(using: Fetcher(options: options), context: GatherContext(), into: sink)
        #expect(!outcome.complete)                       // the broken entry's dataset is not taken as deleted
        #expect(sink.records.compactMap(\.localID) == (0..<150).filter { $0 != 3 }.map { "d\($0)" })
        #expect(sink.issues.map(\.code) == ["ods.export.unreadable-dataset", "ods.export.count-differs"])
        #expect(sink.issues.first?.location == "/3")
        #expect(spool.isEmpty)
    }

    @Test func malformedResultsBecomeIssuesNotErrors() throws {
        let server = try Self.fakeODS { _, _, _ in
            .json(#"{"total_count": 4, "results": [{"dataset_id": "ok", "metas": {"default": {"title": "Fine"}}}, "oops", {"metas": {"default": {"title": "No id"}}}, {"dataset_id": "bad-metas", "metas": 7, "attachments": {"x": 1}}]}"#)
        }
        defer { server.stop() }
        let source = SourceConfig(id: "messy", kind: "opendatasoft", url: server.baseURL, options: ["limit": "10"])
        let sink = CollectingSink()
        let outcome = try ODSHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete)
        #expect(sink.records.count == 4)
        #expect(sink.issues.map(\.code) == ["ods.catalog.missing-id", "ods.catalog.missing-id"])
        #expect(sink.issues.map(\.location) == ["/results/1", "/results/2"])
        var codes: [String] = []
        var mapped: [CatalogRecord] = []
        for raw in sink.records {
            let result = ODSMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            codes += result.issues.map(\.code)
            mapped += result.record.map { [$0] } ?? []
            #expect(result.issues.allSatisfy { $0.location?.hasPrefix(raw.location) == true && $0.message.contains("Source 'messy'") })
        }
        #expect(mapped.map(\.id) == ["messy/ok", "messy/bad-metas"])
        #expect(codes == ["ods.dataset.not-object", "ods.dataset.missing-id", "ods.dataset.metas-not-object",
                          "ods.dataset.missing-title", "ods.dataset.attachments-not-list"])
    }

    @Test func misbehavingPortals() throws {
        // The portal ignores offset: the same page again is a paging error.
        let loop = try Self.fakeODS { _, _, _ in Self.page(total: 9, ids: 0..<3) }
        defer { loop.stop() }
        #expect {
            try ODSHarvester(source: SourceConfig(id: "loop", kind: "opendatasoft", url: loop.baseURL, options: ["limit": "3"]))
                .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        } throws: { error in
            guard case HarvestError.paging(let id, _, let reason) = error else { return false }
            return id == "loop" && reason.contains("repeats the previous page")
        }
        // A total that lies: the listing is incomplete.
        let liar = try Self.fakeODS { offset, limit, _ in Self.page(total: 50, ids: offset..<min(offset + limit, 5)) }
        defer { liar.stop() }
        let sink = CollectingSink()
        let outcome = try ODSHarvester(source: SourceConfig(id: "liar", kind: "opendatasoft", url: liar.baseURL, options: ["limit": "3"]))
            .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete == false)
        #expect(sink.records.count == 5)
        #expect(sink.issues.map(\.code) == ["ods.paging.short-listing"])
        // An ODS error body and an HTML page.
        for (response, expected) in [
            (HTTPResponse.json(#"{"error_code": "ODSQLError", "message": "Unknown field: foo"}"#, status: 400), "ODSQLError: Unknown field: foo"),
            (HTTPResponse.text("<html>maintenance</html>"), "not JSON"),
            (HTTPResponse.json(#"{"dataset_id": "one", "metas": {}}"#), "single dataset"),
        ] {
            let server = try Self.fakeODS { _, _, _ in response }
            defer { server.stop() }
            do {
                _ = try ODSHarvester(source: SourceConfig(id: "broken", kind: "opendatasoft", url: server.baseURL))
                    .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
                Issue.record("expected an error")
            } catch {
                #expect(error.description.contains("Source 'broken'") && error.description.contains(expected), "\(error.description)")
            }
        }
    }
}
