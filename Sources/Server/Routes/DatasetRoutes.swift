import Hummingbird
import Search
import Export

/// `/datasets/{id}`: one record as JSON (the default), HTML or Turtle (its whole dataset, in DCAT-AP 3), by Accept or
/// `?format=json|html|ttl`. `/dataset/{id}` and `/record/{id}` (the IRIs the DCAT routes give datasets and records)
/// answer the same.
/// Ids hold a slash (`source/local-id`): the route takes the whole rest of the path, so both
/// `/datasets/lakeside/air-2022` and `/datasets/lakeside%2Fair-2022` work; other characters are percent-encoded.
struct DatasetRoutes: Sendable {
    let catalogue: Catalogue

    static let offered = ["application/json", "text/html", "text/turtle"]
    static let formats = ["json": "application/json", "html": "text/html", "ttl": "text/turtle"]

    func add(to router: Router<BasicRequestContext>) {
        for prefix in ["/datasets/", "/dataset/", "/record/"] {
            router.get(RouterPath(prefix + "**")) { request, _ in try await self.answer(request, prefix: prefix) }
        }
    }

    private func answer(_ request: Request, prefix: String) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        let raw = String(request.uri.path.dropFirst(prefix.count))
        let id = raw.removingPercentEncoding ?? raw
        guard !id.isEmpty else { throw ServerError.notFound("Give a dataset id: /datasets/SOURCE/LOCAL-ID.") }
        let type: String
        if parameters.text("format") != nil {
            let format = try parameters.choice("format", Array(Self.formats.keys).sorted(), default: "json")
            type = Self.formats[format] ?? "application/json"
        } else {
            let accept = request.headers[.accept]
            guard let chosen = ContentNegotiation.choose(Self.offered, accept: accept) else {
                throw ServerError.notAcceptable(accept: accept ?? "", offered: Self.offered)
            }
            type = chosen
        }
        guard let stored = try await catalogue.record(id) else {
            throw ServerError.notFound("There is no dataset '\(QueryParameters.excerpt(id))'; search for it at /search?q=WORDS.")
        }
        switch type {
        case "text/html":
            return Responses.html(DatasetPage.render(stored))
        case "text/turtle":
            return try await Exports(catalogue: catalogue).answer(format: "ttl", selection: ExportSelection(datasetOf: stored.record.id),
                                                                 request: request, paging: nil)
        default:
            let document = RecordDocument(record: stored.record, cluster: stored.cluster)
            return Responses.text(JSONOutput.string(document, pretty: false), type: "application/json; charset=utf-8")
        }
    }
}

import Foundation
