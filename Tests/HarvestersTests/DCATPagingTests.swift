import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

@Suite("DCAT paging over loopback")
struct DCATPagingTests {
    /// A portal serving `/catalog?page=N` built by `body(page, base)`.
    static func portal(_ body: @escaping @Sendable (_ page: Int, _ base: String) -> HTTPResponse) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            guard request.path == "/catalog" else { return .status(404) }
            return body(Int(request.queryValue("page") ?? "1") ?? 1, "http://\(request.header("Host") ?? "127.0.0.1")/catalog")
        }
        try server.start()
        return server
    }

    /// A Turtle page of datasets `ids` with a hydra:PartialCollectionView (DCAT-AP 3 / piveau style).
    static func turtlePage(_ page: Int, ids: some Sequence<Int>, total: Int, next: String?) -> HTTPResponse {
        var body = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
            <catalog> a dcat:Catalog ; dct:title "Paged" .\n
            """
        for id in ids {
            body += "<dataset/\(id)> a dcat:Dataset ; dct:title \"Dataset \(id)\" ; dcat:distribution [ dcat:accessURL <files/\(id).csv> ] .\n"
            body += "<catalog> dcat:dataset <dataset/\(id)> .\n"
        }
        body += "<catalog?page=\(page)> a hydra:PartialCollectionView ; hydra:totalItems \(total)"
        if let next { body += " ; hydra:next <\(next)>" }
        body += " .\n"
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: Array(body.utf8))
    }

    /// An RDF/XML page in ckanext-dcat's shape: hydra:PagedCollection with the next page and the total as strings.
    static func ckanextPage(_ page: Int, ids: some Sequence<Int>, total: Int, next: String?) -> HTTPResponse {
        var body = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                     xmlns:dct="http://purl.org/dc/terms/" xmlns:hydra="http://www.w3.org/ns/hydra/core#">
              <hydra:PagedCollection rdf:about="http://portal/catalog?page=\(page)">
                <hydra:totalItems rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">\(total)</hydra:totalItems>
            """
        if let next { body += "    <hydra:nextPage>\(next)</hydra:nextPage>\n" }
        body += "  </hydra:PagedCollection>\n  <dcat:Catalog rdf:about=\"http://portal/catalog\">\n"
        for id in ids {
            body += "    <dcat:dataset><dcat:Dataset rdf:about=\"http://portal/dataset/\(id)\"><dct:identifier>d\(id)</dct:identifier><dct:title>Dataset \(id)</dct:title></dcat:Dataset></dcat:dataset>\n"
        }
        body += "  </dcat:Catalog>\n</rdf:RDF>\n"
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/rdf+xml")], body: Array(body.utf8))
    }

    @Test func followsHydraNextAndSkipsUnchangedPages() throws {
        let server = try Self.portal { page, base in
            Self.turtlePage(page, ids: (page * 10)..<(page * 10 + 2), total: 6, next: page < 3 ? "\(base)?page=\(page + 1)" : nil)
        }
        defer { server.stop() }
        let source = SourceConfig(id: "paged", kind: "dcat", url: server.baseURL + "/catalog")
        let sink = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 6, pages: 3))
        let base = server.baseURL
        #expect(sink.records.compactMap(\.localID) == [10, 11, 20, 21, 30, 31].map { "\(base)/dataset/\($0)" })
        #expect(sink.records.allSatisfy { $0.mediaType == "application/n-triples" })
        #expect(sink.issues.isEmpty)
        let mapped = sink.records.compactMap { DCATMapper().map($0, context: MappingContext(source: source, harvestedAt: Date())).record }
        #expect(mapped.map(\.title.value) == ["Dataset 10", "Dataset 11", "Dataset 20", "Dataset 21", "Dataset 30", "Dataset 31"])
        #expect(mapped.first?.distributions.first?.accessURL == "\(base)/files/10.csv")

        let memos = Dictionary(uniqueKeysWithValues: sink.pages.compactMap { $0.memo.map { ($0.url, $0) } })
        let again = CollectingSink()
        let second = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(second.complete)
        #expect(again.records.isEmpty)
        #expect(again.unchanged.count == 6)
    }

    @Test func followsCKANextDCATPagedCollections() throws {
        let server = try Self.portal { page, base in
            Self.ckanextPage(page, ids: (page * 10)..<(page * 10 + 3), total: 6, next: page < 2 ? "\(base)?page=\(page + 1)" : nil)
        }
        defer { server.stop() }
        let source = SourceConfig(id: "ckan", kind: "dcat", url: server.baseURL + "/catalog")
        let sink = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 6, pages: 2))
        #expect(sink.records.compactMap(\.localID) == ["d10", "d11", "d12", "d20", "d21", "d22"])
    }

    @Test func resumesFromACheckpoint() throws {
        let server = try Self.portal { page, base in
            Self.turtlePage(page, ids: [page], total: 3, next: page < 3 ? "\(base)?page=\(page + 1)" : nil)
        }
        defer { server.stop() }
        let source = SourceConfig(id: "paged", kind: "dcat", url: server.baseURL + "/catalog")
        let first = CollectingSink()
        _ = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        let resumed = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions),
                                                               context: GatherContext(resumeFrom: first.pages[0].checkpoint), into: resumed)
        #expect(resumed.records.compactMap(\.localID) == ["\(server.baseURL)/dataset/2", "\(server.baseURL)/dataset/3"])
        #expect(outcome.complete)
    }

    @Test func aNextLinkPointingBackStopsTheRun() throws {
        // ckanext-dcat #260: the last page links to the first.
        let server = try Self.portal { page, base in
            Self.turtlePage(page, ids: [page], total: 10, next: "\(base)?page=\(page == 2 ? 1 : 2)")
        }
        defer { server.stop() }
        let source = SourceConfig(id: "loop", kind: "dcat", url: server.baseURL + "/catalog?page=1")
        let sink = CollectingSink()
        #expect {
            try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        } throws: { error in
            "\(error)".contains("points back to a page already read")
        }
        #expect(sink.records.count == 2)
    }

    @Test func aBrokenPageIsReportedAndMakesTheListingIncomplete() throws {
        let server = try Self.portal { _, _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: Array("""
                @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
                <http://p/d/1> a dcat:Dataset ; dct:title "One" .
                <http://p/d/2> a dcat:Dataset ; dct:title "Two" ; nope:undeclared "x" .
                <http://p/d/3> a dcat:Dataset ; dct:title "Thr
                """.utf8))
        }
        defer { server.stop() }
        let source = SourceConfig(id: "broken", kind: "dcat", url: server.baseURL + "/catalog")
        let sink = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(!outcome.complete)
        #expect(sink.records.compactMap(\.localID).prefix(2) == ["http://p/d/1", "http://p/d/2"])
        #expect(sink.issues.contains { $0.code == "dcat.syntax.skipped" && $0.message.contains("line 3") })
        #expect(sink.issues.contains { $0.code == "dcat.syntax.broken" && $0.severity == .error })
    }

    @Test func aPageThatIsNotRDFStopsWithASentence() throws {
        let server = try Self.portal { _, _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: Array("<!DOCTYPE html><html><body>Portal</body></html>".utf8))
        }
        defer { server.stop() }
        let source = SourceConfig(id: "html", kind: "dcat", url: server.baseURL + "/catalog")
        #expect {
            try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        } throws: { error in
            "\(error)".contains("it is not RDF") && "\(error)".contains("text/html")
        }
    }
}

@Suite("DCAT catalogues that link per-dataset documents")
struct DCATLinkedDocumentTests {
    static func catalogue(_ base: String, datasets: [String]) -> HTTPResponse {
        let links = datasets.map { "<\(base)/datasets/\($0).ttl>" }.joined(separator: ", ")
        let body = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            <\(base)/catalog.ttl> a dcat:Catalog ; dct:title "Documents catalogue"@en ; dcat:dataset \(links) .
            """
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: Array(body.utf8))
    }

    static func server(missing: String? = nil) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            let base = "http://\(request.header("Host") ?? "127.0.0.1")"
            if request.path == "/catalog.ttl" { return Self.catalogue(base, datasets: ["one", "two", "three"]) }
            guard request.path.hasPrefix("/datasets/"), let name = request.path.split(separator: "/").last.map(String.init) else { return .status(404) }
            if let missing, name == missing + ".ttl" { return .status(404) }
            let body = """
                @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
                <\(base)/datasets/\(name)> a dcat:Dataset ; dct:title "Dataset \(name)"@en .
                """
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: Array(body.utf8))
        }
        try server.start()
        return server
    }

    @Test func followsTheListedDocumentsAndSkipsThemWhenUnchanged() throws {
        let server = try Self.server()
        defer { server.stop() }
        let source = SourceConfig(id: "lkod", kind: "dcat", url: server.baseURL + "/catalog.ttl")
        let sink = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(outcome.complete)
        #expect(sink.records.compactMap(\.localID) == ["one", "two", "three"].map { "\(server.baseURL)/datasets/\($0).ttl" })
        #expect(sink.issues.isEmpty)
        // The catalogue page is reported last, with the checkpoint; each document before it.
        #expect(sink.pages.map(\.url).last == server.baseURL + "/catalog.ttl")
        let memos = Dictionary(uniqueKeysWithValues: sink.pages.compactMap { $0.memo.map { ($0.url, $0) } })
        #expect(memos.count == 4)
        let again = CollectingSink()
        _ = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: memos), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged.count == 3)
    }

    @Test func aMissingDocumentIsAnErrorAndTheListingIncomplete() throws {
        let server = try Self.server(missing: "two")
        defer { server.stop() }
        let source = SourceConfig(id: "lkod", kind: "dcat", url: server.baseURL + "/catalog.ttl")
        let sink = CollectingSink()
        let outcome = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(!outcome.complete)
        #expect(sink.records.count == 2)
        #expect(sink.issues.map(\.code) == ["dcat.linked.unreadable"])
        #expect(sink.issues.first?.message.contains("/datasets/two.ttl") == true)
    }

    @Test func followingCanBeSwitchedOff() throws {
        let server = try Self.server()
        defer { server.stop() }
        let source = SourceConfig(id: "lkod", kind: "dcat", url: server.baseURL + "/catalog.ttl", options: ["follow_links": "false"])
        let sink = CollectingSink()
        _ = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        #expect(sink.records.isEmpty)
    }
}
