public import Hummingbird

/// `/catalog`, `/catalog.ttl|.rdf|.jsonld|.nt` (DCAT, paged with hydra links) and `/data.json` (DCAT-US).
struct CatalogRoutes: Sendable {
    let catalogue: Catalogue

    func add(to router: Router<BasicRequestContext>) {
        for path in ["/catalog", "/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/catalog.nt", "/data.json"] {
            router.get(RouterPath(path)) { _, _ -> Response in
                // TODO(export): answer through the Export target's exporters once it is merged.
                throw ServerError.notAvailable("\(path) is not available in this build: it needs the exporters of `fedcat export`.")
            }
        }
    }
}
