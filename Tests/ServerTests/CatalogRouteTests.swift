import CatalogStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Search
import Server
import TestSupport
import Testing

@Suite("fedcat serve: DCAT catalogue, data.json and the change feed")
struct CatalogRouteTests {
    /// rdflib reads the document and reports its datasets and hydra view (nil, after saying why, without the tools).
    static func rdf(_ text: String, format: String) throws -> [String: Any]? {
        guard PythonTools.python != nil else {
            if PythonTools.required { Issue.record(Comment(rawValue: PythonTools.missingMessage)) }
            return nil
        }
        let script = """
            import json, sys, rdflib
            g = rdflib.Graph().parse(data=sys.stdin.read(), format=sys.argv[1])
            DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#"); H = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
            DCT = rdflib.Namespace("http://purl.org/dc/terms/")
            datasets = set(g.subjects(rdflib.RDF.type, DCAT.Dataset))
            view = {p.split("#")[-1]: str(o) for s, p, o in g if str(p).startswith(str(H))}
            print(json.dumps({"datasets": len(datasets), "view": view, "titles": sorted(str(t) for d in datasets for t in g.objects(d, DCT.title))}))
            """
        let run = try PythonTools.run(script: script, arguments: [format], input: Data(text.utf8))
        #expect(run.status == 0, "\(run.error)")
        return try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    }

    static func total() throws -> Int {
        try SearchEngine(store: try ServedFixture.store()).search(SearchRequest(text: "", limit: 1)).total
    }

    @Test func catalogPagesCarryHydraLinks() async throws {
        let total = try Self.total()
        try await withRouter { client in
            let response = try await client.execute(uri: "/catalog.ttl?page=2&page_size=10", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/turtle; charset=utf-8")
            guard let graph = try Self.rdf(response.text, format: "turtle") else { return }
            #expect(graph["datasets"] as? Int == 10)
            let view = try #require(graph["view"] as? [String: String])
            #expect(view["totalItems"] == String(total))
            #expect(view["next"]?.hasSuffix("/catalog.ttl?page=3&page_size=10") == true)
            #expect(view["previous"]?.hasSuffix("/catalog.ttl?page=1&page_size=10") == true)
            #expect(view["last"]?.hasSuffix("/catalog.ttl?page=\((total + 9) / 10)&page_size=10") == true)
        }
    }

    @Test("/catalog answers the RDF syntax Accept asks for", arguments: [
        ("text/turtle", "text/turtle", "turtle"), ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"), ("application/n-triples", "application/n-triples", "nt"),
        ("text/html,*/*;q=0.8", "text/turtle", "turtle"),
    ])
    func catalogNegotiates(accept: String, type: String, rdflibFormat: String) async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/catalog?page_size=5&q=source:lakeside", method: .get, headers: [.accept: accept])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type + "; charset=utf-8")
            guard let graph = try Self.rdf(response.text, format: rdflibFormat) else { return }
            #expect(graph["datasets"] as? Int == 5)
            #expect((graph["view"] as? [String: String])?["next"]?.contains("q=source%3Alakeside") == true)
        }
    }

    @Test func catalogSelectsByQueryAndDate() async throws {
        let engine = SearchEngine(store: try ServedFixture.store())
        let water = try engine.search(SearchRequest(text: "water", limit: 1)).total
        try await withRouter { client in
            let response = try await client.execute(uri: "/catalog.nt?q=water&page_size=1000", method: .get)
            #expect(response.status == .ok)
            let datasets = response.text.split(separator: "\n").filter {
                $0.hasSuffix("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .")
            }
            #expect(datasets.count == water)
            let future = try await client.execute(uri: "/catalog.nt?modified_since=2999-01-01", method: .get)
            #expect(!future.text.contains("<http://www.w3.org/ns/dcat#Dataset>"))
        }
    }

    @Test func catalogRefusesBadParameters() async throws {
        try await withRouter { client in
            for (uri, name) in [("/catalog.ttl?page=999", "page"), ("/catalog.ttl?page=0", "page"), ("/catalog.rdf?page_size=5000", "page_size"),
                                ("/catalog.jsonld?modified_since=yesterday", "modified_since"), ("/catalog.ttl?q=%22open", "q"),
                                ("/data.json?modified_since=2024-02-30x", "modified_since")] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(try response.object()["parameter"] as? String == name, "\(uri)")
            }
            let refused = try await client.execute(uri: "/catalog", method: .get, headers: [.accept: "text/csv"])
            #expect(refused.status == .notAcceptable)
        }
    }

    @Test func dataJSONListsEveryDataset() async throws {
        let total = try Self.total()
        try await withRouter { client in
            let response = try await client.execute(uri: "/data.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = try response.object()
            #expect(json["conformsTo"] as? String == "https://project-open-data.cio.gov/v1.1/schema")
            #expect((json["dataset"] as? [Any])?.count == total)
        }
    }

    @Test func dataJSONFillsMissingContactsWithTheServersAddress() async throws {
        let server = CatalogServer(store: try ServedFixture.store(), quiet: true, contactEmail: "opendata@aggregator.example")
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let json = try await client.execute(uri: "/data.json", method: .get).object()
            let datasets = try #require(json["dataset"] as? [[String: Any]])
            #expect(!datasets.isEmpty)
            #expect(datasets.allSatisfy { (($0["contactPoint"] as? [String: Any])?["hasEmail"] as? String)?.hasPrefix("mailto:") == true })
            #expect(datasets.allSatisfy { !($0["keyword"] as? [String] ?? []).isEmpty && $0["description"] as? String != nil })
        }
    }

    @Test func changeFeedIsAtom() async throws {
        let records = try ServedFixture.store().read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0 }
        try await withRouter { client in
            let response = try await client.execute(uri: "/feeds/changes.atom", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
            #expect(response.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            #expect(response.text.components(separatedBy: "<entry>").count - 1 == records)
            let none = try await client.execute(uri: "/feeds/changes.atom?modified_since=2999-01-01", method: .get)
            #expect(!none.text.contains("<entry>"))
        }
    }

    @Test func datasetsInTurtleAndTheirIRIsResolve() async throws {
        try await withRouter { client in
            let response = try await client.execute(uri: "/datasets/lakeside/air-quality-measurements-2022", method: .get, headers: [.accept: "text/turtle"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/turtle; charset=utf-8")
            guard let graph = try Self.rdf(response.text, format: "turtle") else { return }
            #expect(graph["datasets"] as? Int == 1)
            #expect(graph["titles"] as? [String] == ["Air quality measurements 2022"])
            // The dataset IRI the catalogue gives is a URL of this server.
            let iri = try #require(response.text.range(of: "<http://[^>]*/dataset/[^>]*>", options: .regularExpression).map { String(response.text[$0]).dropFirst().dropLast() })
            let path = String(iri[iri.range(of: "/dataset/")!.lowerBound...])
            let resolved = try await client.execute(uri: String(path), method: .get)
            #expect(resolved.status == .ok, "\(path)")
        }
    }
}
