import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import SamplePortal
import Testing
@testable import Harvesters

/// Collects what a harvester hands over.
final class CollectingSink: HarvestSink, @unchecked Sendable {
    var records: [RawRecord] = []
    var issues: [RecordIssue] = []
    var unchanged: [String] = []
    var pages: [PageReport] = []
    func record(_ raw: RawRecord) throws(HarvestError) { records.append(raw) }
    func unchanged(localIDs: [String]) throws(HarvestError) { unchanged += localIDs }
    func issue(_ issue: RecordIssue) { issues.append(issue) }
    func page(_ report: PageReport) throws(HarvestError) { pages.append(report) }
}

/// A loopback CKAN whose pages are built by the test, to make it misbehave.
func fakeCKAN(_ page: @escaping @Sendable (_ start: Int, _ rows: Int) -> HTTPResponse) throws -> LoopbackServer {
    let server = try LoopbackServer { request in
        guard request.path.hasSuffix("/api/3/action/package_search") else { return .status(404) }
        return page(Int(request.queryValue("start") ?? "0") ?? 0, Int(request.queryValue("rows") ?? "10") ?? 10)
    }
    try server.start()
    return server
}

/// A package_search body holding packages `ids` and saying `count`.
func searchPage(count: Int, ids: some Sequence<Int>) -> HTTPResponse {
    let packages = ids.map { #"{"id":"p\#($0)","name":"package-\#($0)","title":"Package \#($0)","resources":[]}"# }
    return .json(#"{"help":"h","success":true,"result":{"count":\#(count),"results":[\#(packages.joined(separator: ","))]}}"#)
}

let testFetchOptions: FetchOptions = {
    var options = FetchOptions(userAgent: "fedcat-tests")
    options.requestTimeout = 10
    options.retry = .never
    return options
}()

@Suite("CKAN harvester over loopback HTTP")
struct CKANHarvesterTests {
    static var samples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/ckan").standardized
    }

    @Test func pagesThroughASamplePortal() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: Self.samples)).handler)
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(server.baseURL)/lakeside", options: ["rows": "25"])
        let sink = CollectingSink()
        let outcome = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 120, pages: 5))
        #expect(sink.records.count == 120)
        #expect(Set(sink.records.compactMap(\.localID)).count == 120)
        #expect(sink.pages.map(\.number) == [1, 2, 3, 4, 5])
        #expect(sink.pages[1].url.contains("rows=25&start=25&sort=id%20asc"))
        #expect(sink.pages[1].checkpoint == #"{"start":50,"pages":2}"#)
        #expect(sink.pages.allSatisfy { $0.memo != nil && !$0.unchanged })
        #expect(sink.issues.isEmpty)
        #expect(server.requestCount == 5)
        let first = try JSONParser.parse(sink.records[0].payload)
        #expect(first["resources"]?.array != nil)
    }

    @Test func resumesFromACheckpointAndSkipsRememberedPages() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: Self.samples)).handler)
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(server.baseURL)/lakeside", options: ["rows": "50"])
        let first = CollectingSink()
        _ = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        // Resume after page 1: pages 2 and 3 only.
        let resumed = CollectingSink()
        let outcome = try CKANHarvester(source: source).gather(
            using: Fetcher(options: testFetchOptions), context: GatherContext(resumeFrom: first.pages[0].checkpoint), into: resumed)
        #expect(outcome.complete)
        #expect(resumed.pages.map(\.number) == [2, 3])
        #expect(resumed.records.count == 70)
        // With the pages remembered, an unchanged body is not parsed again.
        let memos = Dictionary(uniqueKeysWithValues: first.pages.compactMap(\.memo).map { ($0.url, $0) })
        let again = CollectingSink()
        _ = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged.count == 120)
        #expect(again.pages.allSatisfy { $0.unchanged })
    }

    @Test func stopsWhenThePortalIgnoresStart() throws {
        let server = try fakeCKAN { _, _ in searchPage(count: 30, ids: 1...10) }
        defer { server.stop() }
        let source = SourceConfig(id: "loop", kind: "ckan", url: server.baseURL, options: ["rows": "10"])
        let sink = CollectingSink()
        #expect {
            try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            guard case HarvestError.paging(let id, _, let reason) = error else { return false }
            return id == "loop" && reason.contains("repeats the previous page")
        }
        #expect(sink.records.count == 10)
    }

    @Test func aCountThatLiesMakesTheListingIncomplete() throws {
        let server = try fakeCKAN { start, rows in searchPage(count: 50, ids: (start..<min(start + rows, 12)).map { $0 }) }
        defer { server.stop() }
        let sink = CollectingSink()
        let source = SourceConfig(id: "liar", kind: "ckan", url: server.baseURL, options: ["rows": "5"])
        let outcome = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete == false)
        #expect(sink.records.count == 12)
        #expect(sink.issues.map(\.code) == ["ckan.paging.short-listing"])
    }

    @Test func duplicatesAcrossPagesAreSkipped() throws {
        let server = try fakeCKAN { start, _ in searchPage(count: 4, ids: start == 0 ? [1, 2] : [2, 3]) }
        defer { server.stop() }
        let sink = CollectingSink()
        let source = SourceConfig(id: "dup", kind: "ckan", url: server.baseURL, options: ["rows": "2"])
        let outcome = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete)
        #expect(sink.records.compactMap(\.localID) == ["p1", "p2", "p3"])
        #expect(sink.issues.map(\.code) == ["ckan.paging.duplicate"])
    }

    @Test("turns portal failures into errors naming the source and URL", arguments: [
        (HTTPResponse.status(500), "HTTP 500"),
        (HTTPResponse.json(#"{"success":false,"error":{"__type":"Authorization Error","message":"Access denied"}}"#, status: 403), "Authorization Error: Access denied"),
        (HTTPResponse.text("<html>maintenance</html>"), "not JSON"),
        (HTTPResponse.json(#"{"success":true,"result":["a","b"]}"#), "not a package_search result"),
    ])
    func failures(response: HTTPResponse, expected: String) throws {
        let server = try fakeCKAN { _, _ in response }
        defer { server.stop() }
        let source = SourceConfig(id: "broken", kind: "ckan", url: server.baseURL)
        do {
            _ = try CKANHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Source 'broken'"))
            #expect(error.description.contains(server.baseURL))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func aPortalThatIsDownIsATransportError() throws {
        let server = try fakeCKAN { _, _ in .status(200) }
        let url = server.baseURL
        server.stop()
        do {
            _ = try CKANHarvester(source: SourceConfig(id: "down", kind: "ckan", url: url))
                .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
            Issue.record("expected an error")
        } catch {
            guard case .fetch(_, let fetchError) = error, fetchError.isTransient else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains(url))
        }
    }
}
