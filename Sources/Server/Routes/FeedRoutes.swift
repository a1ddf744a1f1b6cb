import Hummingbird
import Export

/// `/feeds/changes.atom`: the Atom feed of records added, updated and withdrawn (`?modified_since=` to start from a
/// date; `?q=` and `?source=` to narrow it).
struct FeedRoutes: Sendable {
    let catalogue: Catalogue

    func add(to router: Router<BasicRequestContext>) {
        router.get("/feeds/changes.atom") { request, _ in
            let parameters = QueryParameters(query: request.uri.query)
            return try await Exports(catalogue: catalogue).answer(format: "atom", selection: try CatalogRoutes.selection(parameters),
                                                                 request: request, paging: nil)
        }
    }
}
