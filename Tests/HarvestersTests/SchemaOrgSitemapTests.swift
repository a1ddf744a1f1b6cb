import CatalogModel
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

@Suite("schema.org sitemaps")
struct SchemaOrgSitemapTests {
    static func landing(_ id: String, _ name: String) -> String {
        """
        <!DOCTYPE html><html><head><title>\(name)</title>
        <script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset", "@id": "https://repo.example.org/dataset/\(id)",
          "name": "\(name)", "description": "Daily values.", "url": "https://repo.example.org/dataset/\(id)"}</script>
        </head><body><h1>\(name)</h1></body></html>
        """
    }

    /// A repository with a sitemap index, one sitemap of landing pages, a page without ld+json and a page that is gone.
    /// Every 200 carries an ETag and an If-None-Match that matches gets a 304.
    static func repository() throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            let base = "http://\(request.header("Host") ?? "127.0.0.1")"
            let routes: [String: (String, String)] = [
                "/sitemap.xml": ("application/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                      <sitemap><loc>\(base)/sitemaps/datasets.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
                      <sitemap><loc>\(base)/sitemap.xml</loc></sitemap>
                    </sitemapindex>
                    """),
                "/sitemaps/datasets.xml": ("text/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                      <url><loc>\(base)/dataset/rain</loc><changefreq>weekly</changefreq></url>
                      <url><loc>\(base)/dataset/snow?lang=en&amp;v=2</loc></url>
                      <url><loc>/about</loc></url>
                      <url><loc>\(base)/dataset/gone</loc></url>
                      <url><loc>\(base)/dataset/rain</loc></url>
                    </urlset>
                    """),
                "/dataset/rain": ("text/html", landing("rain", "Rainfall")),
                "/dataset/snow": ("text/html; charset=utf-8", request.queryValue("lang") == "en" && request.queryValue("v") == "2" ? landing("snow", "Snow depth") : "<html></html>"),
                "/about": ("text/html", "<!DOCTYPE html><html><body>About us</body></html>"),
            ]
            guard let (type, body) = routes[request.path] else { return .status(404) }
            let etag = "\"\(body.utf8.count)\""
            if request.header("If-None-Match") == etag { return .status(304) }
            return HTTPResponse(status: 200, headers: [("Content-Type", type), ("ETag", etag)], body: Array(body.utf8))
        }
        try server.start()
        return server
    }

    @Test func aSitemapIndexLeadsToEveryLandingPageAndAFailedPageMakesTheListingIncomplete() throws {
        let server = try Self.repository()
        defer { server.stop() }
        let source = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/sitemap.xml")
        let sink = CollectingSink()
        let outcome = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(sink.records.compactMap(\.localID) == ["https://repo.example.org/dataset/rain", "https://repo.example.org/dataset/snow"])
        #expect(sink.records.map(\.pageURL) == [server.baseURL + "/dataset/rain", server.baseURL + "/dataset/snow?lang=en&v=2"])
        #expect(sink.issues.map(\.code) == ["schemaorg.page.no-jsonld", "schemaorg.page.unreadable"])
        let failed = try #require(sink.issues.last)
        #expect(failed.severity == .error)
        #expect(failed.message.contains(server.baseURL + "/dataset/gone") && failed.message.contains("/sitemaps/datasets.xml"))
        // The index, the sitemap, three pages read and one that failed (the repeated and looping URLs are read once).
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: nil, pages: 6))
        #expect(sink.pages.map(\.number) == [1, 2, 3, 4, 5])
    }

    @Test func unchangedPagesAreSkippedThroughTheirMemos() throws {
        let server = try Self.repository()
        defer { server.stop() }
        let source = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/sitemap.xml")
        let first = CollectingSink()
        _ = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        let memos = Dictionary(first.pages.compactMap(\.memo).map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        let again = CollectingSink()
        _ = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged == ["https://repo.example.org/dataset/rain", "https://repo.example.org/dataset/snow"])
        #expect(again.pages.filter(\.unchanged).count == 4)
    }

    @Test func maxPagesStopsTheCrawlAsIncomplete() throws {
        let server = try Self.repository()
        defer { server.stop() }
        let source = SourceConfig(id: "repo", kind: "schemaorg", url: server.baseURL + "/sitemap.xml", options: ["max_pages": "3"])
        let sink = CollectingSink()
        let outcome = try SchemaOrgHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete == false)
        #expect(sink.records.compactMap(\.localID) == ["https://repo.example.org/dataset/rain"])
        #expect(sink.issues.map(\.code) == ["schemaorg.sitemap.max-pages"])
        #expect(throws: HarvestError.self) { try SchemaOrgHarvester(source: SourceConfig(id: "r", kind: "schemaorg", url: "https://x.example/s.xml", options: ["max_pages": "0"])) }
    }

    @Test func sitemapsAreRecognisedAndRead() throws {
        #expect(Sitemap.looksLikeSitemap(Array(#"<?xml version="1.0"?><!-- generated --><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>"#.utf8)))
        #expect(Sitemap.looksLikeSitemap(Array("\n<sm:sitemapindex xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"></sm:sitemapindex>".utf8)))
        #expect(!Sitemap.looksLikeSitemap(Array("<!DOCTYPE html><html></html>".utf8)))
        #expect(!Sitemap.looksLikeSitemap(Array(#"{"@type": "Dataset"}"#.utf8)))
        let sitemap = try Sitemap.parse(Array(#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://a.example/x?a=1&amp;b=2 </loc></url><url><loc><![CDATA[https://a.example/y]]></loc></url></urlset>"#.utf8), url: "https://a.example/sitemap.xml")
        #expect(sitemap == Sitemap(isIndex: false, locations: ["https://a.example/x?a=1&b=2", "https://a.example/y"]))
    }
}
