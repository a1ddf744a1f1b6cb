import Hummingbird
import Search

/// `/`: the search page for people (`?q=` and `?page=`).
struct HTMLRoutes: Sendable {
    let catalogue: Catalogue

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            let parameters = QueryParameters(query: request.uri.query)
            let page = try parameters.int("page", default: 1, in: 1...100_000)
            let request = SearchRequest(text: parameters.string("q") ?? "", limit: SearchPage.pageSize,
                                        offset: (page - 1) * SearchPage.pageSize, facets: SearchPage.facets)
            let results: SearchResults
            do { results = try await catalogue.search(request) } catch let error as ServerError where error.status == 400 {
                let body = "<p class=\"meta\">\(HTMLPage.escape(error.description))</p>"
                return Responses.html(HTMLPage.page(title: "Search", query: request.text, body: body), status: .badRequest)
            }
            let records = try await catalogue.records(results.results.map(\.id))
            return Responses.html(SearchPage.render(results, records: Dictionary(records.map { ($0.record.id, $0) }) { a, _ in a }, page: page))
        }
    }
}
