import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

@Suite("udata API v1")
struct UdataTests {
    static let source = SourceConfig(id: "dgf", kind: "udata", url: "https://www.data.gouv.fr")

    static func map(page bytes: [UInt8]) throws -> (records: [CatalogRecord], issues: [RecordIssue], count: Int) {
        let page = try UdataPage.parse(bytes)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for dataset in page.datasets {
            let raw = RawRecord(localID: UdataMapper.localID(of: dataset.value), payload: JSONWriter.write(dataset.value),
                                mediaType: "application/json", pageURL: "https://www.data.gouv.fr/api/1/datasets/?page=1", location: dataset.pointer)
            let result = UdataMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, page.datasets.count)
    }

    @Test func mapsAnAPIPage() throws {
        let (records, issues, count) = try Self.map(page: try TestData.fixture("udata_datasets_page.json"))
        #expect(count == 3)
        #expect(records.count == 2)
        let ban = try #require(records.first)
        #expect(ban.id == "dgf/5c4ae55a634f4117716d5656")
        #expect(ban.title.value == "Base Adresse Nationale (BAN)")
        #expect(ban.description?.value.hasPrefix("La **Base Adresse Nationale**") == true)
        #expect(ban.keywords == ["adresse", "ban", "geocodage"])
        #expect(ban.publisher == Agent(name: "Base Adresse Nationale", uri: "https://www.data.gouv.fr/api/1/organizations/base-adresse-nationale/",
                                       identifier: "5a83f81fc751df6f8573eb8a"))
        #expect(ban.license == LicenseRef(raw: "lov2"))
        #expect(ban.frequency == Concept(label: "weekly", scheme: "udata-frequency"))
        #expect(ban.issued?.raw == "2019-01-25T11:30:50.018000+00:00")
        #expect(ban.modified?.raw == "2024-06-04T06:00:00+00:00")
        #expect(ban.extras["metadata_modified"] == "2024-06-05T09:12:01.334000+00:00")
        #expect(ban.temporal == [TemporalCoverage(start: CatalogDate(raw: "2019-01-01"), end: CatalogDate(raw: "2024-12-31"))])
        #expect(ban.spatial == [SpatialCoverage(label: "country:fr")])
        #expect(ban.extras["spatial_granularity"] == "fr:commune")
        #expect(ban.landingPage == "https://www.data.gouv.fr/fr/datasets/base-adresse-nationale/")
        #expect(ban.provenance.originalURL == ban.landingPage)
        #expect(ban.provenance.kind == "udata")
        #expect(ban.identifiers.map(\.value) == ["5c4ae55a634f4117716d5656", "https://www.data.gouv.fr/api/1/datasets/base-adresse-nationale/"])
        #expect(ban.extras["slug"] == "base-adresse-nationale")
        #expect(ban.extras["acronym"] == "BAN")
        #expect(ban.extras["ban:source"] == "IGN")
        #expect(ban.extras["metrics"] == nil)
        #expect(ban.distributions.count == 2)
        let csv = ban.distributions[0]
        #expect(csv.id == "8b1f3e1e-6a4c-4b2f-9a1d-2f0b8d6c2e11")
        #expect(csv.downloadURL == "https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/adresses-france.csv.gz")
        #expect(csv.format == "csv.gz")
        #expect(csv.mediaType == "application/gzip")
        #expect(csv.byteSize == 492381234)
        #expect(csv.fileType == "main")
        #expect(csv.modified?.raw == "2024-06-04T06:00:00+00:00")
        #expect(ban.distributions[1].downloadURL == "https://static.data.gouv.fr/resources/ban/doc.pdf")

        let velo = records[1]
        #expect(velo.publisher?.name == "Camille Martin")
        #expect(velo.publisher?.uri == "https://www.data.gouv.fr/fr/users/camille-martin/")
        #expect(velo.frequency == nil)
        #expect(velo.modified?.raw == "2021-06-01T08:00:00+00:00")
        #expect(velo.spatial == [SpatialCoverage(geometry: #"{"type":"Point","coordinates":[2.35,48.85]}"#)])
        #expect(velo.extras["archived"] == "2023-01-01T00:00:00+00:00")
        #expect(velo.distributions.first?.downloadURL == nil)
        #expect(velo.distributions.first?.accessURL == "https://example.fr/api/compteurs")

        #expect(issues.map(\.code) == ["udata.resource.bad-filesize", "udata.dataset.missing-id"])
        #expect(issues[0].location == "/data/1/resources/0/filesize")
        #expect(issues[1].severity == .error)
        #expect(issues[1].location == "/data/2")
        #expect(issues[1].message.contains("Sans identifiant"))
    }

    @Test func rejectsPagesThatAreNotUdata() {
        #expect(throws: UdataPageError.self) { try UdataPage.parse(Array("<html/>".utf8)) }
        #expect(throws: UdataPageError.self) { try UdataPage.parse(Array(#"{"help": "x", "result": {}}"#.utf8)) }
        #expect(throws: UdataPageError.self) { try UdataPage.parse(Array(#"{"data": {}}"#.utf8)) }
        #expect((try? UdataPage.parse(Array(#"{"data": [], "next_page": ""}"#.utf8)))?.nextPage == nil)
    }

    /// The corpus fixture is udata's `results.json`: database-shaped wrappers `{dataset, organization, resources, …}`.
    /// Each is turned into the API shape (organization and resources inside the dataset) before mapping.
    @Test func everyCorpusDatasetMaps() throws {
        guard Corpus.directory != nil else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        let root = try JSONParser.parse(try Corpus.bytes("other_portals/udata_api_results_fixture.json"))
        let wrappers = try #require(root["datasets"]?.array)
        #expect(wrappers.count == 15)
        var mapped = 0
        for (index, wrapper) in wrappers.enumerated() {
            var dataset = try #require(wrapper["dataset"]?.object)
            dataset["organization"] = wrapper["organization"] ?? .null
            dataset["resources"] = wrapper["resources"] ?? .array([])
            let raw = RawRecord(localID: UdataMapper.localID(of: .object(dataset)), payload: JSONWriter.write(.object(dataset)),
                                mediaType: "application/json", pageURL: "file:results.json", location: "/datasets/\(index)/dataset")
            let result = UdataMapper().map(raw, context: MappingContext(source: Self.source, harvestedAt: Date()))
            #expect(!result.issues.contains { $0.severity == .error }, "\(index): \(result.issues.map(\.message))")
            let record = try #require(result.record)
            #expect(!record.title.value.isEmpty)
            #expect(record.publisher != nil, "\(index)")
            #expect(record.issued != nil, "\(index)")
            mapped += 1
            if index == 0 {
                #expect(record.id == "dgf/5ff5e6e99724cb8fff59a5be")
                #expect(record.frequency?.label == "punctual")
                #expect(record.keywords.contains("barometre"))
                #expect(!record.distributions.isEmpty)
            }
        }
        #expect(mapped == 15)
    }

    @Test func readsOptionsAndURLs() throws {
        #expect(UdataHarvester.firstPageURL("https://www.data.gouv.fr") == "https://www.data.gouv.fr/api/1/datasets/")
        #expect(UdataHarvester.firstPageURL("https://demo.data.gouv.fr/api/1/datasets/?q=x") == "https://demo.data.gouv.fr/api/1/datasets/")
        #expect(UdataHarvester.firstPageURL("https://portal.example/api/1/") == "https://portal.example/api/1/datasets/")
        #expect(UdataHarvester.firstPageURL("ftp://portal.example") == nil)
        let harvester = try UdataHarvester(source: Self.source)
        #expect(harvester.pageSize == 50)
        #expect(harvester.firstPage == "https://www.data.gouv.fr/api/1/datasets/?page_size=50&page=1")
        for bad in ["0", "101", "many"] {
            var source = Self.source
            source.options["page_size"] = bad
            #expect(throws: HarvestError.self) { try UdataHarvester(source: source) }
        }
    }

    // MARK: - Over loopback HTTP

    /// A udata portal of `total` datasets whose pages are built by `body(page, pageSize, base)`.
    static func portal(_ body: @escaping @Sendable (_ page: Int, _ pageSize: Int, _ base: String) -> HTTPResponse) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            guard request.path == "/api/1/datasets/" else { return .status(404) }
            let base = "http://\(request.header("Host") ?? "127.0.0.1")/api/1/datasets/"
            return body(Int(request.queryValue("page") ?? "1") ?? 1, Int(request.queryValue("page_size") ?? "20") ?? 20, base)
        }
        try server.start()
        return server
    }

    static func page(_ number: Int, size: Int, total: Int, ids: some Sequence<Int>, next: String?) -> HTTPResponse {
        let data = ids.map { #"{"id":"d\#($0)","slug":"dataset-\#($0)","title":"Dataset \#($0)","resources":[]}"# }
        let nextJSON = next.map { "\"\($0)\"" } ?? "null"
        return .json(#"{"data":[\#(data.joined(separator: ","))],"page":\#(number),"page_size":\#(size),"total":\#(total),"next_page":\#(nextJSON),"previous_page":null}"#)
    }

    /// An honest portal: `total` datasets, `next_page` absolute, null on the last page.
    static func honest(total: Int) -> @Sendable (Int, Int, String) -> HTTPResponse {
        { page, size, base in
            let first = (page - 1) * size
            let ids = first..<min(first + size, total)
            let next = first + size < total ? "\(base)?page_size=\(size)&page=\(page + 1)" : nil
            return Self.page(page, size: size, total: total, ids: ids, next: next)
        }
    }

    @Test func harvestsThreePagesByNextPageAndSkipsThemWhenUnchanged() throws {
        let server = try Self.portal(Self.honest(total: 5))
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL, options: ["page_size": "2"])
        let sink = CollectingSink()
        let outcome = try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 5, pages: 3))
        #expect(sink.records.compactMap(\.localID) == ["d0", "d1", "d2", "d3", "d4"])
        #expect(sink.records.first?.location == "/data/0")
        #expect(sink.pages.map(\.url).first == server.baseURL + "/api/1/datasets/?page_size=2&page=1")
        #expect(sink.pages.map { $0.checkpoint != nil } == [true, true, false])
        #expect(sink.issues.isEmpty)
        let mapped = sink.records.compactMap { UdataMapper().map($0, context: MappingContext(source: source, harvestedAt: Date())).record }
        #expect(mapped.map(\.title.value) == (0..<5).map { "Dataset \($0)" })

        let memos = Dictionary(uniqueKeysWithValues: sink.pages.compactMap { $0.memo.map { ($0.url, $0) } })
        let again = CollectingSink()
        let second = try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(second.complete)
        #expect(again.records.isEmpty)
        #expect(again.unchanged == ["d0", "d1", "d2", "d3", "d4"])
    }

    @Test func resumesFromACheckpoint() throws {
        let server = try Self.portal(Self.honest(total: 5))
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL, options: ["page_size": "2"])
        let first = CollectingSink()
        _ = try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        let resumed = CollectingSink()
        let outcome = try UdataHarvester(source: source).gather(
            using: Fetcher(options: testFetchOptions), context: GatherContext(resumeFrom: first.pages[0].checkpoint), into: resumed)
        #expect(resumed.records.compactMap(\.localID) == ["d2", "d3", "d4"])
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 5, pages: 3))
    }

    @Test func stopsWhenNextPagePointsBack() throws {
        let server = try Self.portal { page, size, base in
            // Page 2 sends the harvester back to page 1.
            Self.page(page, size: size, total: 10, ids: (page * 10)..<(page * 10 + 2), next: "\(base)?page_size=\(size)&page=\(page == 1 ? 2 : 1)")
        }
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL, options: ["page_size": "2"])
        let sink = CollectingSink()
        #expect {
            try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            "\(error)".contains("already read")
        }
        #expect(sink.records.count == 4)
    }

    @Test func stopsWhenThePortalIgnoresPage() throws {
        let server = try Self.portal { page, size, base in
            Self.page(page, size: size, total: 100, ids: 0..<2, next: "\(base)?page_size=\(size)&page=\(page + 1)")
        }
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL, options: ["page_size": "2"])
        let sink = CollectingSink()
        #expect {
            try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            "\(error)".contains("repeats the previous page")
        }
        #expect(sink.records.count == 2)
    }

    @Test func aShortListingIsIncompleteAndDuplicatesAreSkipped() throws {
        let server = try Self.portal { page, size, base in
            // Says 10, serves 3 of which one twice.
            page == 1 ? Self.page(1, size: size, total: 10, ids: [1, 2], next: "\(base)?page_size=\(size)&page=2")
                      : Self.page(2, size: size, total: 10, ids: [2, 3], next: nil)
        }
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL, options: ["page_size": "2"])
        let sink = CollectingSink()
        let outcome = try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: 10, pages: 2))
        #expect(sink.records.compactMap(\.localID) == ["d1", "d2", "d3"])
        #expect(sink.issues.map(\.code) == ["udata.paging.duplicate", "udata.paging.short-listing"])
    }

    @Test func aPortalErrorNamesItsMessage() throws {
        let server = try Self.portal { _, _, _ in .json(#"{"message": "Bad page_size"}"#, status: 400) }
        defer { server.stop() }
        let source = SourceConfig(id: "portal", kind: "udata", url: server.baseURL)
        #expect {
            try UdataHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        } throws: { error in
            "\(error)".contains("Bad page_size")
        }
    }
}
