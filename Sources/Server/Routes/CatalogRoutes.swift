import Hummingbird
import Export
import Foundation

/// `/catalog` (DCAT-AP 3 by Accept: Turtle, RDF/XML, JSON-LD or N-Triples), `/catalog.ttl|.rdf|.jsonld|.nt`, paged with
/// hydra links (`?page=N&page_size=M`, 100 by default, at most 1000), selected with `?q=` (the search language) and
/// `?modified_since=` (records modified or changed since), like ckanext-dcat's catalog endpoint; and `/data.json`
/// (DCAT-US 1.1, the whole selection).
struct CatalogRoutes: Sendable {
    let catalogue: Catalogue

    /// Media types and the export format that writes each, in order of preference.
    static let formats: [(type: String, format: String, suffix: String)] = [
        ("text/turtle", "ttl", "ttl"), ("application/rdf+xml", "rdf", "rdf"),
        ("application/ld+json", "jsonld", "jsonld"), ("application/n-triples", "nt", "nt"),
    ]

    func add(to router: Router<BasicRequestContext>) {
        router.get("/catalog") { request, _ in
            let accept = request.headers[.accept]
            guard let type = ContentNegotiation.choose(Self.formats.map(\.type), accept: accept),
                  let chosen = Self.formats.first(where: { $0.type == type }) else {
                throw ServerError.notAcceptable(accept: accept ?? "", offered: Self.formats.map(\.type))
            }
            return try await self.catalog(request, format: chosen.format, path: "/catalog")
        }
        for entry in Self.formats {
            router.get(RouterPath("/catalog.\(entry.suffix)")) { request, _ in
                try await self.catalog(request, format: entry.format, path: "/catalog.\(entry.suffix)")
            }
        }
        router.get("/data.json") { request, _ in
            let parameters = QueryParameters(query: request.uri.query)
            return try await Exports(catalogue: catalogue).answer(format: "datajson", selection: try Self.selection(parameters),
                                                                 request: request, paging: nil)
        }
    }

    private func catalog(_ request: Request, format: String, path: String) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        let number = try parameters.int("page", default: 1, in: 1...1_000_000)
        let size = try parameters.int("page_size", default: 100, in: 1...1000)
        let selection = try Self.selection(parameters)
        let base = request.baseURL
        // Page links keep the selection.
        var kept: [(String, String)] = [("page_size", String(size))]
        if let q = selection.query { kept.append(("q", q)) }
        if let since = selection.since { kept.append(("modified_since", since)) }
        let query = kept.map { "\($0.0)=\(HTMLPage.queryValue($0.1))" }.joined(separator: "&")
        let paging = Exports.Paging(number: number, size: size) { n in "\(base)\(path)?page=\(n)&\(query)" }
        return try await Exports(catalogue: catalogue).answer(format: format, selection: selection, request: request, paging: paging)
    }

    /// `q` and `modified_since` as an export selection.
    static func selection(_ parameters: QueryParameters) throws(ServerError) -> ExportSelection {
        ExportSelection(query: parameters.text("q"), since: try parameters.date("modified_since"), source: parameters.text("source"))
    }
}
