import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

@Suite("Socrata")
struct SocrataTests {
    static let source = SourceConfig(id: "chicago", kind: "socrata", url: "https://data.cityofchicago.org")

    static func map(_ bytes: [UInt8], source: SourceConfig = source) throws -> (records: [CatalogRecord], issues: [RecordIssue], page: SocrataPage) {
        let page = try SocrataPage.parse(bytes)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for dataset in page.datasets {
            let raw = RawRecord(localID: SocrataMapper.localID(of: dataset.value), payload: JSONWriter.write(dataset.value),
                                mediaType: "application/json", pageURL: source.url, location: dataset.pointer)
            let result = SocrataMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, page)
    }

    /// A Discovery API result in the shape `/api/catalog/v1` serves.
    static func result(id: String, name: String = "Dataset", domain: String = "data.cityofchicago.org") -> String {
        #"""
        {"resource": {"name": "\#(name)", "id": "\#(id)", "parent_fxf": [], "description": "About \#(name).",
          "attribution": "Chicago Police Department", "attribution_link": "https://home.chicagopolice.org",
          "contact_email": null, "type": "dataset", "updatedAt": "2024-01-10T10:12:33.000Z", "createdAt": "2011-09-30T22:29:33.000Z",
          "metadata_updated_at": "2023-12-01T08:00:00.000Z", "data_updated_at": "2024-01-10T10:12:33.000Z",
          "page_views": {"page_views_last_week": 10, "page_views_total": 2000},
          "columns_name": ["ID", "Date"], "columns_field_name": ["id", "date"], "columns_datatype": ["Number", "Calendar date"],
          "download_count": 123, "provenance": "official", "lens_view_type": "tabular", "lens_display_type": "table",
          "publication_date": "2011-09-30T22:40:00.000Z", "hide_from_data_json": false},
         "classification": {"categories": ["public safety"], "tags": [], "domain_category": "Public Safety",
          "domain_tags": ["crime", "police", "Crime"], "domain_metadata": [{"key": "Metadata_Frequency", "value": "Daily"}]},
         "metadata": {"domain": "\#(domain)", "license": "See Terms of Use"},
         "permalink": "https://\#(domain)/d/\#(id)", "link": "https://\#(domain)/Public-Safety/\#(name.replacingOccurrences(of: " ", with: "-"))/\#(id)",
         "owner": {"id": "kdmp-mt3u", "user_type": "interactive", "display_name": "Chicago Data Portal"},
         "preview_image_url": null}
        """#
    }

    static func discoveryPage(_ results: [String], total: Int) -> String {
        #"{"results": [\#(results.joined(separator: ","))], "resultSetSize": \#(total), "timings": {"service_millis": 12, "search_millis": [3, 4]}, "warnings": []}"#
    }

    @Test func mapsADiscoveryResult() throws {
        let text = Self.discoveryPage([Self.result(id: "ijzp-q8t2", name: "Crimes 2001 to Present")], total: 1)
        let (records, issues, page) = try Self.map(Array(text.utf8))
        #expect(page.shape == .discovery)
        #expect(page.resultSetSize == 1)
        #expect(issues.isEmpty)
        let record = try #require(records.first)
        #expect(record.id == "chicago/ijzp-q8t2")
        #expect(record.title.value == "Crimes 2001 to Present")
        #expect(record.description?.value == "About Crimes 2001 to Present.")
        #expect(record.keywords == ["crime", "police"])
        #expect(record.themes == [Concept(label: "Public Safety", scheme: "socrata-category")])
        #expect(record.publisher?.name == "Chicago Police Department")
        #expect(record.publisher?.homepage == "https://home.chicagopolice.org")
        #expect(record.creator?.name == "Chicago Data Portal")
        #expect(record.license?.raw == "See Terms of Use")
        #expect(record.issued?.raw == "2011-09-30T22:29:33.000Z")
        #expect(record.modified?.raw == "2024-01-10T10:12:33.000Z")
        #expect(record.landingPage == "https://data.cityofchicago.org/Public-Safety/Crimes-2001-to-Present/ijzp-q8t2")
        #expect(record.provenance.originalURL == "https://data.cityofchicago.org/d/ijzp-q8t2")
        #expect(record.provenance.kind == "socrata")
        #expect(record.distributions.map(\.downloadURL) == [
            "https://data.cityofchicago.org/api/views/ijzp-q8t2/rows.csv?accessType=DOWNLOAD",
            "https://data.cityofchicago.org/api/views/ijzp-q8t2/rows.json?accessType=DOWNLOAD",
            nil,
        ])
        #expect(record.distributions.map(\.format) == ["CSV", "JSON", "API"])
        #expect(record.distributions[2].accessURL == "https://data.cityofchicago.org/resource/ijzp-q8t2.json")
        #expect(record.extras["download_count"] == "123")
        #expect(record.extras["provenance"] == "official")
        #expect(record.extras["metadata_updated_at"] == "2023-12-01T08:00:00.000Z")
        #expect(record.extras["domain_metadata.Metadata_Frequency"] == "Daily")
        #expect(record.extras["page_views"] == nil)            // objects and lists are not extras
        #expect(record.extras["columns_name"] == nil)
        #expect(record.extras["preview_image_url"] == nil)     // null
    }

    @Test func mapsAViewsDocumentWithEpochDates() throws {
        let text = #"""
        {"id": "abcd-1234", "name": "Bridge lifts", "description": "Every lift.", "attribution": "Dept. of Transport",
         "attributionLink": "https://transport.example", "category": "Transportation", "tags": ["bridges", "river"],
         "licenseId": "CC_30_BY", "license": {"name": "Creative Commons Attribution 3.0", "termsLink": "https://creativecommons.org/licenses/by/3.0/"},
         "createdAt": 1398014181, "rowsUpdatedAt": 1451289003, "viewLastModified": 1451289100, "publicationDate": 1436655117,
         "viewType": "tabular", "displayType": "table", "downloadCount": 42, "newBackend": false,
         "owner": {"id": "cdqe-xcn5", "displayName": "Brett"}, "columns": [],
         "metadata": {"custom_fields": {"Refresh": {"Frequency": "Weekly"}}}}
        """#
        let source = SourceConfig(id: "city", kind: "socrata", url: "https://data.city.example/api/views/abcd-1234.json")
        let (records, issues, page) = try Self.map(Array(text.utf8), source: source)
        #expect(page.shape == .views)
        #expect(issues.isEmpty)
        let record = try #require(records.first)
        #expect(record.id == "city/abcd-1234")
        #expect(record.title.value == "Bridge lifts")
        #expect(record.issued?.raw == "1398014181")
        #expect(record.modified?.raw == "1451289003")
        #expect(record.themes == [Concept(label: "Transportation", scheme: "socrata-category")])
        #expect(record.keywords == ["bridges", "river"])
        #expect(record.license == LicenseRef(raw: "Creative Commons Attribution 3.0", uri: "https://creativecommons.org/licenses/by/3.0/"))
        #expect(record.publisher?.name == "Dept. of Transport")
        #expect(record.creator?.name == "Brett")
        #expect(record.landingPage == "https://data.city.example/d/abcd-1234")
        #expect(record.distributions.first?.downloadURL == "https://data.city.example/api/views/abcd-1234/rows.csv?accessType=DOWNLOAD")
        #expect(record.extras["licenseId"] == "CC_30_BY")
        #expect(record.extras["viewLastModified"] == "1451289100")
        #expect(record.extras["publicationDate"] == "1436655117")
        #expect(record.extras["downloadCount"] == "42")
        #expect(record.extras["custom_fields.Refresh.Frequency"] == "Weekly")
    }

    @Test func linkDatasetsGetOnlyTheAPIEndpoint() throws {
        let text = #"{"id": "link-0001", "name": "External link", "viewType": "href", "owner": {"displayName": "Portal Admin"}}"#
        let (records, _, _) = try Self.map(Array(text.utf8))
        let record = try #require(records.first)
        #expect(record.distributions.map(\.format) == ["API"])
        #expect(record.publisher?.name == "Portal Admin")
    }

    @Test func reportsBadResultsWithPointers() throws {
        let text = Self.discoveryPage([
            #"{"resource": {"name": "No id"}, "classification": {}}"#,
            #"{"resource": {"id": "nona-me00"}, "classification": {}}"#,
            #"{"classification": {"tags": ["x"]}, "permalink": "https://x/d/1"}"#,
            #""text""#,
            Self.result(id: "good-0001"),
        ], total: 5)
        let (records, issues, _) = try Self.map(Array(text.utf8))
        #expect(records.map(\.title.value) == ["nona-me00", "Dataset"])
        #expect(issues.map(\.code) == ["socrata.dataset.missing-id", "socrata.dataset.missing-name",
                                       "socrata.result.missing-resource", "socrata.dataset.not-object"])
        #expect(issues.map(\.location) == ["/results/0/resource/id", "/results/1/resource/name", "/results/2/resource", "/results/3"])
        #expect(issues.map(\.severity) == [.error, .warning, .error, .error])
        #expect(issues[0].message.contains("Source 'chicago'"))
    }

    @Test func thePageParserRejectsWhatIsNotMetadata() throws {
        #expect(throws: SocrataPageError.self) { try SocrataPage.parse(Array(#"[{"id": "1", "date": "2016-09-21T15:45:00.000", "counts": "100"}]"#.utf8)) }
        #expect(throws: SocrataPageError.portalError("query.compiler.malformed: Invalid SoQL query")) {
            try SocrataPage.parse(Array(#"{"code": "query.compiler.malformed", "error": true, "message": "Invalid SoQL query"}"#.utf8))
        }
        #expect(throws: SocrataPageError.self) { try SocrataPage.parse(Array("<html/>".utf8)) }
        #expect(throws: SocrataPageError.self) { try SocrataPage.parse(Array(#"{"results": {}}"#.utf8)) }
        let views = try SocrataPage.parse(Array(#"[{"id": "aaaa-0001", "name": "A", "viewType": "tabular"}, {"id": "aaaa-0002", "name": "B", "createdAt": 1}]"#.utf8))
        #expect(views.datasets.map(\.pointer) == ["/0", "/1"])
    }

    @Test func everyCorpusFileMaps() throws {
        let files = Corpus.files(under: "other_portals", endingIn: [".json"]).filter { $0.contains("socrata") }
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var mapped = 0
        for file in files {
            let bytes = try Corpus.bytes(file)
            let page: SocrataPage
            do { page = try SocrataPage.parse(bytes) } catch {
                // SODA data rows (sodapy's bike_counts pages) are not catalogue metadata: refused with a reason.
                #expect(file.contains("bike_counts"), "\(file): \(error)")
                #expect(error.description.contains("data rows"), "\(file): \(error)")
                continue
            }
            let (records, issues, _) = try Self.map(bytes)
            #expect(!issues.contains { $0.severity == .error }, "\(file): \(issues.map(\.message))")
            #expect(records.count == page.datasets.count, "\(file)")
            if let size = page.resultSetSize { #expect(page.datasets.count <= size, "\(file)") }
            if file.hasSuffix("socrata_views_metadata_songs.json") {
                // One view; it has no name, so its id is the title.
                #expect(records.count == 1)
                let record = try #require(records.first)
                #expect(record.title.value == "songs")
                #expect(issues.map(\.code) == ["socrata.dataset.missing-name"])
                #expect(record.issued?.raw == "1398014181")
                #expect(record.modified?.raw == "1451289003")
                #expect(record.license?.raw == "CC0_10")
                #expect(record.themes.map(\.label) == ["Public Safety"])
                #expect(record.publisher?.name == "Brett")
                #expect(record.extras["attributionLink"] == "http://foo.bar.com")   // no attribution to link
                #expect(record.extras["publicationDate"] == "1436655117")
            }
            mapped += records.count
        }
        #expect(mapped >= 1)
    }

    // MARK: - Harvesting over loopback HTTP

    /// A loopback Socrata serving `results` through `/api/catalog/v1` by offset and limit.
    static func fakeSocrata(_ results: [String], total: Int? = nil) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            guard request.path == "/api/catalog/v1" else { return .status(404) }
            guard request.queryValue("domains") == "data.example.gov", request.queryValue("only") == "datasets" else {
                return .json(#"{"error": "missing domains"}"#, status: 400)
            }
            let offset = Int(request.queryValue("offset") ?? "0") ?? 0
            let limit = Int(request.queryValue("limit") ?? "100") ?? 100
            let slice = results.dropFirst(offset).prefix(limit)
            return .json(discoveryPage(Array(slice), total: total ?? results.count))
        }
        try server.start()
        return server
    }

    @Test func harvestsThreePagesThenSkipsThemUnchanged() throws {
        let results = [
            Self.result(id: "aaaa-0001", domain: "data.example.gov"), Self.result(id: "aaaa-0002", domain: "data.example.gov"),
            Self.result(id: "aaaa-0003", domain: "data.example.gov"), #"{"resource": {"name": "Broken"}, "classification": {}}"#,
            Self.result(id: "aaaa-0005", domain: "data.example.gov"),
        ]
        let server = try Self.fakeSocrata(results)
        defer { server.stop() }
        let source = SourceConfig(id: "example", kind: "socrata", url: server.baseURL + "/", options: ["domain": "data.example.gov", "limit": "2"])
        let first = CollectingSink()
        let outcome = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 5, pages: 3))
        #expect(first.records.count == 5)
        #expect(first.records.map(\.localID) == ["aaaa-0001", "aaaa-0002", "aaaa-0003", nil, "aaaa-0005"])
        #expect(first.records[3].location == "/results/1")
        #expect(first.pages.map(\.number) == [1, 2, 3])
        #expect(first.pages[1].url == server.baseURL + "/api/catalog/v1?domains=data.example.gov&only=datasets&offset=2&limit=2")
        #expect(first.pages[1].checkpoint == #"{"offset":4,"pages":2}"#)
        #expect(first.pages.allSatisfy { $0.memo != nil && !$0.unchanged })
        #expect(first.issues.isEmpty)
        // The malformed result is the mapper's to report, with its pointer.
        let mapped = first.records.map { SocrataHarvester.mapper.map($0, context: MappingContext(source: source, harvestedAt: Date())) }
        #expect(mapped.compactMap(\.record).count == 4)
        let broken = try #require(mapped[3].issues.first)
        #expect(broken.code == "socrata.dataset.missing-id")
        #expect(broken.location == "/results/1/resource/id")
        #expect(mapped[0].record?.distributions.first?.downloadURL == "https://data.example.gov/api/views/aaaa-0001/rows.csv?accessType=DOWNLOAD")

        // Second run with the pages remembered: nothing is parsed again.
        let memos = Dictionary(uniqueKeysWithValues: first.pages.compactMap(\.memo).map { ($0.url, $0) })
        let again = CollectingSink()
        let second = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(second == GatherOutcome(complete: true, expectedTotal: 5, pages: 3))
        #expect(again.records.isEmpty)
        #expect(again.unchanged == ["aaaa-0001", "aaaa-0002", "aaaa-0003", "aaaa-0005"])
        #expect(again.pages.allSatisfy { $0.unchanged })

        // Resuming after page 2 reads page 3 only.
        let resumed = CollectingSink()
        _ = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions),
                                                        context: GatherContext(resumeFrom: first.pages[1].checkpoint), into: resumed)
        #expect(resumed.pages.map(\.number) == [3])
        #expect(resumed.records.compactMap(\.localID) == ["aaaa-0005"])
    }

    @Test func aResultSetSizeThatLiesMakesTheListingIncomplete() throws {
        let server = try Self.fakeSocrata((1...3).map { Self.result(id: "bbbb-000\($0)") }, total: 10)
        defer { server.stop() }
        let source = SourceConfig(id: "liar", kind: "socrata", url: server.baseURL, options: ["domain": "data.example.gov", "limit": "2"])
        let sink = CollectingSink()
        let outcome = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete == false)
        #expect(sink.records.count == 3)
        #expect(sink.issues.map(\.code) == ["socrata.paging.short-listing"])
    }

    @Test func harvestsOneViewsDocument() throws {
        let body = #"{"id": "songs", "name": "Songs", "createdAt": 1398014181, "viewType": "tabular"}"#
        let server = try LoopbackServer { request in
            request.path == "/api/views/songs.json" ? .json(body) : .status(404)
        }
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "one", kind: "socrata", url: server.baseURL + "/api/views/songs.json", options: ["domain": "data.example.gov"])
        let sink = CollectingSink()
        let outcome = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 1, pages: 1))
        #expect(sink.records.map(\.localID) == ["songs"])
        #expect(sink.records.first?.location == "")
    }

    @Test("turns portal failures into errors naming the source and URL", arguments: [
        (HTTPResponse.status(500), "HTTP 500"),
        (HTTPResponse.json(#"{"error": true, "message": "Unrecognized arguments [bad]"}"#, status: 400), "Unrecognized arguments"),
        (HTTPResponse.text("<html>maintenance</html>"), "not JSON"),
        (HTTPResponse.json(#"[{"id": "1", "counts": "3"}]"#), "data rows"),
        (HTTPResponse.json(#"{"id": "abcd-1234", "name": "A", "viewType": "tabular"}"#), "not a Discovery API page"),
    ])
    func failures(response: HTTPResponse, expected: String) throws {
        let server = try LoopbackServer { _ in response }
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "broken", kind: "socrata", url: server.baseURL)
        do {
            _ = try SocrataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Source 'broken'"))
            #expect(error.description.contains(server.baseURL))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func checksOptions() throws {
        let plain = try SocrataHarvester(source: SourceConfig(id: "s", kind: "socrata", url: "https://Data.CityOfChicago.org/api/catalog/v1?x=1"))
        #expect(plain.domain == "data.cityofchicago.org")
        #expect(plain.limit == 100)
        #expect(plain.pageURL(offset: 200) == "https://Data.CityOfChicago.org/api/catalog/v1?domains=data.cityofchicago.org&only=datasets&offset=200&limit=100")
        for options in [["limit": "0"], ["limit": "1001"], ["limit": "many"], ["domain": "https://x.org/"]] {
            #expect(throws: HarvestError.self) { try SocrataHarvester(source: SourceConfig(id: "s", kind: "socrata", url: "https://x.org", options: options)) }
        }
        #expect(throws: HarvestError.self) { try SocrataHarvester(source: SourceConfig(id: "s", kind: "socrata", url: "ftp://x.org")) }
    }
}
