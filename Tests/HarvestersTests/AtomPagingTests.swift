import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

@Suite("Atom paging and INSPIRE feeds over loopback")
struct AtomPagingTests {
    /// A server answering `route(path, page, base)`; counts the requests per path.
    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }
        func count(_ path: String) -> Int { lock.withLock { counts[path] ?? 0 } }
    }

    final class Feeds: Sendable {
        let server: LoopbackServer
        let counts = Counts()

        init(_ route: @escaping @Sendable (_ path: String, _ page: Int, _ base: String) -> HTTPResponse) throws {
            let counts = self.counts
            server = try LoopbackServer { request in
                counts.add(request.path)
                return route(request.path, Int(request.queryValue("page") ?? "1") ?? 1, "http://\(request.header("Host") ?? "127.0.0.1")")
            }
            try server.start()
        }

        var base: String { server.baseURL }
        func requests(_ path: String) -> Int { counts.count(path) }
    }

    static func atom(_ body: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/atom+xml")], body: Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:os="http://a9.com/-/spec/opensearch/1.1/"
                  xmlns:inspire_dls="http://inspire.ec.europa.eu/schemas/inspire_dls/1.0">
            \(body)
            </feed>
            """.utf8))
    }

    /// An OpenSearch result page (pycsw shape) with entries `ids`, the totals and a next link.
    static func searchPage(ids: some Sequence<Int>, total: Int, start: Int, next: String?) -> HTTPResponse {
        var body = "<title>Results</title><id>urn:search</id><os:totalResults>\(total)</os:totalResults><os:startIndex>\(start)</os:startIndex><os:itemsPerPage>2</os:itemsPerPage>\n"
        if let next { body += "<link rel=\"next\" type=\"application/atom+xml\" href=\"\(next.replacingOccurrences(of: "&", with: "&amp;"))\"/>\n" }
        for id in ids {
            body += "<entry><id>urn:uuid:\(id)</id><title>Record \(id)</title><updated>2024-01-0\(id % 9 + 1)T00:00:00Z</updated></entry>\n"
        }
        return atom(body)
    }

    @Test func followsOpenSearchNextLinksAndSkipsUnchangedPages() throws {
        let feeds = try Feeds { path, page, base in
            guard path == "/search" else { return .status(404) }
            // Page 2 links page 3 relatively, as some servers do.
            let next = page == 1 ? "\(base)/search?q=&page=2" : page == 2 ? "search?page=3" : nil
            return Self.searchPage(ids: (page * 10)..<(page * 10 + 2), total: 6, start: (page - 1) * 2 + 1, next: next)
        }
        defer { feeds.server.stop() }
        let source = SourceConfig(id: "os", kind: "atom", url: feeds.base + "/search?page=1")
        let sink = CollectingSink()
        let outcome = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 6, pages: 3))
        #expect(sink.records.compactMap(\.localID) == [10, 11, 20, 21, 30, 31].map { "urn:uuid:\($0)" })
        #expect(sink.records.allSatisfy { $0.mediaType == "application/xml" })
        #expect(sink.issues.isEmpty)
        #expect(sink.pages.map(\.url).last == feeds.base + "/search?page=3")
        let mapped = sink.records.compactMap { AtomMapper().map($0, context: MappingContext(source: source, harvestedAt: Date())).record }
        #expect(mapped.map(\.title.value) == ["Record 10", "Record 11", "Record 20", "Record 21", "Record 30", "Record 31"])

        let memos = Dictionary(uniqueKeysWithValues: sink.pages.compactMap { $0.memo.map { ($0.url, $0) } })
        let again = CollectingSink()
        let second = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(second.complete)
        #expect(again.records.isEmpty)
        #expect(again.unchanged.count == 6)
        #expect(again.pages.allSatisfy { $0.unchanged })

        let resumed = CollectingSink()
        _ = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions),
                                                     context: GatherContext(resumeFrom: sink.pages[0].checkpoint), into: resumed)
        #expect(resumed.records.compactMap(\.localID) == [20, 21, 30, 31].map { "urn:uuid:\($0)" })
    }

    @Test func aNextLinkPointingBackIsAPagingLoop() throws {
        let feeds = try Feeds { _, page, base in
            Self.searchPage(ids: [page], total: 10, start: page, next: "\(base)/search?page=\(page == 2 ? 1 : 2)")
        }
        defer { feeds.server.stop() }
        let sink = CollectingSink()
        #expect {
            try AtomHarvester(source: SourceConfig(id: "loop", kind: "atom", url: feeds.base + "/search?page=1"))
                .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            guard let error = error as? HarvestError, case .paging(let id, let url, let reason) = error else { return false }
            return id == "loop" && url == feeds.base + "/search?page=1" && reason.contains("points back to a page already read")
        }
        #expect(sink.records.count == 2)
    }

    @Test func aListingShorterThanItsTotalIsIncomplete() throws {
        let feeds = try Feeds { _, _, _ in Self.searchPage(ids: [1, 2], total: 5, start: 1, next: nil) }
        defer { feeds.server.stop() }
        let sink = CollectingSink()
        let outcome = try AtomHarvester(source: SourceConfig(id: "short", kind: "atom", url: feeds.base + "/search"))
            .gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: 5, pages: 1))
        #expect(sink.issues.map(\.code) == ["atom.paging.short-listing"])
    }

    @Test func aWindowFeedIsNeverACompleteListing() throws {
        let feeds = try Feeds { _, _, _ in Self.atom("<title>Latest</title><entry><id>urn:a</id><title>A</title></entry>") }
        defer { feeds.server.stop() }
        let latest = SourceConfig(id: "latest", kind: "atom", url: feeds.base + "/latest.atom", options: ["window": "true"])
        let outcome = try AtomHarvester(source: latest).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: 1, pages: 1))
        let whole = SourceConfig(id: "whole", kind: "atom", url: feeds.base + "/latest.atom")
        #expect(try AtomHarvester(source: whole).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink()).complete)
    }

    /// An INSPIRE service feed of three datasets: two dataset feeds, the third entry sharing the first's feed,
    /// and (when `broken`) a fourth whose dataset feed is missing.
    static func inspire(broken: Bool = false) throws -> Feeds {
        try Feeds { path, _, base in
            func entry(_ code: String, feed: String) -> String {
                """
                <entry><title>Dataset \(code)</title><id>\(base)/dls/\(code)</id>
                  <inspire_dls:spatial_dataset_identifier_code>\(code)</inspire_dls:spatial_dataset_identifier_code>
                  <inspire_dls:spatial_dataset_identifier_namespace>https://example.org/</inspire_dls:spatial_dataset_identifier_namespace>
                  <link rel="alternate" type="application/atom+xml" href="\(feed)"/>
                  <link rel="describedby" type="application/xml" href="\(base)/csw?id=\(code)"/>
                  <georss:box xmlns:georss="http://www.georss.org/georss">47 5 55 15</georss:box>
                </entry>
                """
            }
            func file(_ name: String, type: String) -> String {
                "<entry><title>\(name)</title><id>\(base)/files/\(name)</id><link rel=\"alternate\" type=\"\(type)\" length=\"100\" href=\"\(base)/files/\(name)\"/></entry>"
            }
            switch path {
            case "/service.xml":
                var body = "<title>Download service</title><id>\(base)/service.xml</id><link rel=\"self\" href=\"\(base)/service.xml\"/>"
                body += entry("roads", feed: "\(base)/dls/roads.xml") + entry("rivers", feed: "dls/rivers.xml") + entry("roads-copy", feed: "\(base)/dls/roads.xml")
                if broken { body += entry("lost", feed: "\(base)/dls/lost.xml") }
                return atom(body)
            case "/dls/roads.xml":
                return atom("<title>Roads</title><id>\(base)/dls/roads.xml</id>" + file("roads.gml", type: "application/gml+xml") + file("roads.zip", type: "application/x-shapefile"))
            case "/dls/rivers.xml":
                return atom("<title>Rivers</title><id>\(base)/dls/rivers.xml</id>" + file("rivers.gpkg", type: "application/geopackage+sqlite3"))
            default:
                return .status(404)
            }
        }
    }

    @Test func followsEachDatasetFeedOfAnINSPIREServiceFeedOnce() throws {
        let feeds = try Self.inspire()
        defer { feeds.server.stop() }
        let source = SourceConfig(id: "dls", kind: "atom", url: feeds.base + "/service.xml")
        let sink = CollectingSink()
        let outcome = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 3, pages: 1))
        #expect(sink.issues.isEmpty)
        #expect(feeds.requests("/dls/roads.xml") == 1)
        #expect(feeds.requests("/dls/rivers.xml") == 1)
        let records = sink.records.compactMap { AtomMapper().map($0, context: MappingContext(source: source, harvestedAt: Date())).record }
        #expect(records.map(\.title.value) == ["Dataset roads", "Dataset rivers", "Dataset roads-copy"])
        #expect(records[0].identifiers.contains(Identifier("roads", scheme: "https://example.org/")))
        #expect(records[0].distributions.compactMap(\.downloadURL) == ["\(feeds.base)/files/roads.gml", "\(feeds.base)/files/roads.zip"])
        #expect(records[1].distributions.compactMap(\.downloadURL) == ["\(feeds.base)/files/rivers.gpkg"])
        #expect(records[1].distributions.first { $0.downloadURL != nil }?.mediaType == "application/geopackage+sqlite3")
        #expect(records[1].distributions.first?.accessURL == "\(feeds.base)/csw?id=rivers")
        #expect(records[1].extras["inspire_dataset_feed"] == "dls/rivers.xml")
        #expect(records[1].spatial.first?.geometry == "<georss:box>47 5 55 15</georss:box>")

        // A service feed is read again each run (its dataset feeds may change), so its datasets are handed over again.
        let memos = Dictionary(uniqueKeysWithValues: sink.pages.compactMap { $0.memo.map { ($0.url, $0) } })
        #expect(memos.first?.value.pageJSON.contains("links") == true)
        let again = CollectingSink()
        _ = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(again.records.count == 3)
    }

    @Test func aMissingDatasetFeedIsAnIssueAndTheDatasetIsKept() throws {
        let feeds = try Self.inspire(broken: true)
        defer { feeds.server.stop() }
        let source = SourceConfig(id: "dls", kind: "atom", url: feeds.base + "/service.xml")
        let sink = CollectingSink()
        _ = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(sink.records.count == 4)
        #expect(sink.issues.map(\.code) == ["atom.inspire.dataset-feed"])
        let message = try #require(sink.issues.first?.message)
        #expect(message.contains("Source 'dls'") && message.contains("\(feeds.base)/dls/lost.xml") && message.contains("\(feeds.base)/service.xml"))
        let lost = try #require(AtomMapper().map(sink.records[3], context: MappingContext(source: source, harvestedAt: Date())).record)
        // Without its files, the dataset keeps the dataset feed itself as a link to them.
        #expect(lost.distributions.map(\.accessURL) == ["\(feeds.base)/dls/lost.xml", "\(feeds.base)/csw?id=lost"])
        #expect(lost.distributions.first?.mediaType == "application/atom+xml")
    }

    @Test func datasetFeedsAreNotFollowedWhenTheOptionSaysNo() throws {
        let feeds = try Self.inspire()
        defer { feeds.server.stop() }
        let source = SourceConfig(id: "dls", kind: "atom", url: feeds.base + "/service.xml", options: ["follow_dataset_feeds": "false"])
        let sink = CollectingSink()
        _ = try AtomHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(sink.records.count == 3)
        #expect(feeds.requests("/dls/roads.xml") == 0)
        #expect(throws: HarvestError.self) {
            try AtomHarvester(source: SourceConfig(id: "x", kind: "atom", url: feeds.base, options: ["follow_dataset_feeds": "maybe"]))
        }
        #expect(throws: HarvestError.self) { try AtomHarvester(source: SourceConfig(id: "x", kind: "atom", url: "ftp://example.org/feed")) }
    }
}
