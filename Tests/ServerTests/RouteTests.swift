import CatalogStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Search
import Server
import Testing

@Suite("fedcat serve: search, HTML and dataset routes")
struct RouteTests {
    @Test func searchAnswersWhatTheEngineFinds() async throws {
        let engine = SearchEngine(store: try ServedFixture.store())
        let expected = try engine.search(SearchRequest(text: "air quality", limit: 5, facets: [.source]))
        try await withRouter { client in
            let response = try await client.execute(uri: "/search?q=air+quality&limit=5&facets=source", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try response.object()
            #expect(json["total"] as? Int == expected.total)
            #expect(json["query"] as? String == "air quality")
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(results.compactMap { $0["id"] as? String } == expected.results.map(\.id))
            #expect(results.first?["sources"] as? [String] == expected.results.first?.sources)
            let facets = try #require(json["facets"] as? [[String: Any]])
            #expect(facets.first?["field"] as? String == "source")
        }
    }

    @Test func searchPageListsResultsWithFacetsAndPages() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = response.text
            #expect(page.contains("<form action=\"/\" method=\"get\""))
            #expect(page.components(separatedBy: "<li><h2><a href=\"/datasets/").count - 1 == 20)
            #expect(page.contains("rel=\"next\" href=\"/?q=&amp;page=2\""))
            #expect(!page.contains("rel=\"prev\""))
            #expect(page.contains("<h3>publisher</h3>"))
            #expect(page.contains("<h3>format</h3>"))
            #expect(page.contains("href=\"/?q=source%3A%22lakeside%22\""))
            #expect(!page.contains("<script"))

            let second = try await client.execute(uri: "/?page=2", method: .get)
            #expect(second.text.contains("rel=\"prev\" href=\"/?q=&amp;page=1\""))
            #expect(second.text.contains("showing 21–40"))

            let narrowed = try await client.execute(uri: "/?q=source%3A%22lakeside%22", method: .get)
            #expect(narrowed.text.contains("120 datasets match") || narrowed.text.contains("datasets match <strong>source:&quot;lakeside&quot;</strong>"))
            #expect(narrowed.text.contains("in lakeside"))
        }
    }

    @Test func everyTextOnTheSearchPageIsEscaped() async throws {
        try await withRouter { client in
            let hostile = "<script>alert('x')</script> air"
            let encoded = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.execute(uri: "/?q=\(encoded)", method: .get)
            #expect(response.status == .ok)
            #expect(!response.text.contains("<script>"))
            #expect(response.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; air"))
        }
    }

    @Test func datasetsAnswerJSONOrHTMLByAccept() async throws {
        let id = "lakeside/air-quality-measurements-2022"
        let stored = try #require(try ServedFixture.store().record(id))
        try await withRouter { client in
            for uri in ["/datasets/\(stored.record.id)", "/datasets/\(stored.record.id.replacingOccurrences(of: "/", with: "%2F"))", "/datasets/\(id)"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let json = try response.object()
                #expect(json["id"] as? String == stored.record.id)
                #expect((json["title"] as? [String: Any])?["value"] as? String == "Air quality measurements 2022")
            }
            let html = try await client.execute(uri: "/datasets/\(id)", method: .get, headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("<h1>Air quality measurements 2022</h1>"))
            #expect(html.text.contains("<dt>publisher</dt>"))
            let forced = try await client.execute(uri: "/datasets/\(id)?format=html", method: .get)
            #expect(forced.headers[.contentType] == "text/html; charset=utf-8")

            let refused = try await client.execute(uri: "/datasets/\(id)", method: .get, headers: [.accept: "image/png"])
            #expect(refused.status == .notAcceptable)
            #expect(try refused.object()["message"] as? String != nil)
            let missing = try await client.execute(uri: "/datasets/lakeside/no-such-dataset", method: .get)
            #expect(missing.status == .notFound)
            #expect((try missing.object()["message"] as? String)?.contains("no-such-dataset") == true)
        }
    }

    @Test func unknownPathsAndTraversalAre404JSON() async throws {
        try await withRouter { client in
            for uri in ["/nothing-here", "/../etc/passwd", "/datasets/../../etc/passwd", "/%2e%2e/etc/passwd", "/api/3/action/../../../etc/passwd", "/catalog/x"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
                let json = try response.object()
                #expect(json["status"] as? Int == 404)
                #expect(!(json["message"] as? String ?? "").contains("root:"), "\(uri)")
            }
        }
    }

    @Test func badParametersAre400NamingTheParameter() async throws {
        let cases: [(String, String)] = [
            ("/search?q=air&limit=0", "limit"), ("/search?limit=many", "limit"), ("/search?offset=-1", "offset"),
            ("/search?sort=colour", "sort"), ("/search?facets=colour", "facets"), ("/search?q=modified:2020-13", "q"),
            ("/?page=0", "page"), ("/datasets/lakeside/x?format=pdf", "format"),
        ]
        try await withRouter { client in
            for (uri, name) in cases {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                if uri.hasPrefix("/?") {
                    #expect(response.text.contains("page"), "\(uri)")
                    continue
                }
                let json = try response.object()
                #expect(json["parameter"] as? String == name, "\(uri)")
                #expect((json["message"] as? String)?.contains("'\(name)'") == true, "\(uri): \(json)")
            }
        }
    }

    @Test("no SQL or internal detail ever reaches a response",
          arguments: ["\"unclosed", "'", "a AND OR", "NEAR(", "title:", "*", "((((", "x\" OR 1=1 --", "modified:..", "bbox:1,2", "é*\"", "-"])
    func hostileQueriesGetNoSQL(query: String) async throws {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await withRouter { client in
            for uri in ["/search?q=\(encoded)", "/api/3/action/package_search?q=\(encoded)", "/?q=\(encoded)", "/api/3/action/package_search?fq=tags:\(encoded)"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect([200, 400].contains(response.status.code), "\(uri): \(response.status)")
                let text = response.text.lowercased()
                for leak in ["select ", "sqlite", "fts5", "syntax error", "records_fts", "json_extract", ".swift", "stack"] {
                    #expect(!text.contains(leak), "\(uri) leaks '\(leak)': \(text.prefix(300))")
                }
            }
        }
    }
}
