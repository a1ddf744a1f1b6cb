import Hummingbird
import Search

/// `/search?q=…&limit=&offset=&sort=&facets=`: the JSON `fedcat search --json` prints.
struct SearchRoutes: Sendable {
    let catalogue: Catalogue

    func add(to router: Router<BasicRequestContext>) {
        router.get("/search") { request, _ in
            let parameters = QueryParameters(query: request.uri.query)
            let results = try await catalogue.search(try Self.request(parameters))
            return Responses.text(JSONOutput.string(results, pretty: false), type: "application/json; charset=utf-8")
        }
    }

    /// The search a request asks for; a bad parameter is named.
    static func request(_ parameters: QueryParameters) throws(ServerError) -> SearchRequest {
        let limit = try parameters.int("limit", default: 20, in: 1...1000)
        let offset = try parameters.int("offset", default: 0, in: 0...Int.max)
        let sort = try parameters.choice("sort", SearchSort.allCases.map(\.rawValue), default: SearchSort.relevance.rawValue)
        var facets: [FacetField] = []
        if let list = parameters.text("facets") {
            switch FacetField.list(list) {
            case .success(let fields): facets = fields
            case .failure(let error): throw .badParameter(name: "facets", reason: "names an unknown facet: \(error.description)")
            }
        }
        let exact = try parameters.choice("exact_total", ["true", "false"], default: "false") == "true"
        return SearchRequest(text: parameters.string("q") ?? "", limit: limit, offset: offset,
                             sort: SearchSort(rawValue: sort) ?? .relevance, facets: facets, exactTotal: exact)
    }
}
