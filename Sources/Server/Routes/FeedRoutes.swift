public import Hummingbird

/// `/feeds/changes.atom`: the Atom feed of recent changes.
struct FeedRoutes: Sendable {
    let catalogue: Catalogue

    func add(to router: Router<BasicRequestContext>) {
        router.get("/feeds/changes.atom") { _, _ -> Response in
            // TODO(export): answer through the Export target's Atom exporter once it is merged.
            throw ServerError.notAvailable("/feeds/changes.atom is not available in this build: it needs the exporters of `fedcat export`.")
        }
    }
}
