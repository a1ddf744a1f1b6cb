import Hummingbird
import CatalogModel
import CatalogStore
import FeedParsing
import Foundation
import GRDB
import Search

/// A CKAN Action API subset over the merged catalogue (`/api/3/action/<name>`, also `/api/action/<name>`, GET with a
/// query string or POST with a JSON object): status_show, package_search, package_show, package_list,
/// organization_list. One package per dataset (cluster), shown by its canonical record; see `CKANPackage`.
struct CKANAPIRoutes: Sendable {
    let catalogue: Catalogue

    /// The CKAN version whose API shapes fedcat answers with.
    static let ckanVersion = "2.10.0"
    static let actions = ["status_show", "package_search", "package_show", "package_list", "organization_list"]

    func add(to router: Router<BasicRequestContext>) {
        for prefix in ["/api/3/action", "/api/action"] {
            router.get("\(prefix)/:action") { request, context in try await self.answer(request, context: context) }
            router.post("\(prefix)/:action") { request, context in try await self.answer(request, context: context) }
        }
        router.get("/api/3") { _, _ in Responses.json(["version": 3]) }
    }

    private func answer(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let action = context.parameters.get("action") ?? ""
        let help = "\(request.baseURL)/api/3/action/help_show?name=\(action)"
        do {
            var parameters = QueryParameters(query: request.uri.query)
            if request.method == .post {
                var request = request
                let body: ByteBuffer
                do { body = try await request.collectBody(upTo: 1 << 20) } catch { throw ServerError.tooLarge(limit: "1 MiB") }
                try parameters.add(jsonBody: Array(body.readableBytesView))
            }
            let result: JSONValue
            switch action {
            case "status_show": result = status(request)
            case "package_search": result = try await packageSearch(parameters)
            case "package_show": result = try await packageShow(parameters)
            case "package_list": result = try await packageList(parameters)
            case "organization_list": result = try await organizationList(parameters)
            default:
                throw ServerError.badParameter(name: "action", reason: "names '\(QueryParameters.excerpt(action))', which is not an action here; use \(Self.actions.joined(separator: ", ")).")
            }
            return CKANEnvelope.success(result, help: help)
        } catch let error as ServerError {
            return CKANEnvelope.failure(error, help: help)
        }
    }

    private func status(_ request: Request) -> JSONValue {
        [
            "ckan_version": .string(Self.ckanVersion), "site_url": .string(request.baseURL),
            "site_title": "fedcat", "site_description": "A federated catalogue of open data harvested by fedcat.",
            "error_emails_to": .null, "locale_default": "en", "extensions": ["fedcat"],
            "fedcat_version": .string(FedcatVersion.current),
        ]
    }

    private func packageSearch(_ parameters: QueryParameters) async throws -> JSONValue {
        let query = try CKANSearchParameters(parameters)
        // CKAN clients page until `start` reaches `count`: it is always counted, never estimated.
        let request = SearchRequest(text: query.query, limit: max(1, query.rows), offset: query.start, sort: query.sort,
                                    facets: query.facets.map(\.field), exactTotal: true)
        let results = try await catalogue.search(request, parameter: parameters.text("fq") == nil ? "q" : "q' or 'fq", limitParameter: "rows")
        let hits = query.rows == 0 ? [] : results.results
        let stored = try await catalogue.records(hits.map(\.id))
        var packages = stored.map { CKANPackage.dict($0.record, cluster: $0.cluster) }
        if let fields = query.fields {
            packages = packages.map { package in
                .object(JSONObject((package.object ?? [:]).filter { fields.contains($0.key) }.map { ($0.key, $0.value) }))
            }
        }
        var facets: [(key: String, value: JSONValue)] = []
        var searchFacets: [(key: String, value: JSONValue)] = []
        for (name, facet) in zip(query.facets.map(\.ckan), results.facets ?? []) {
            let items = facet.values.map { value in (name: Self.facetItemName(value.value, facet: name), display: value.value, count: value.count) }
            facets.append((name, .object(JSONObject(items.map { ($0.name, .number(JSONNumber($0.count))) }))))
            searchFacets.append((name, .object([
                "title": .string(name),
                "items": .array(items.map { .object(["name": .string($0.name), "display_name": .string($0.display), "count": .number(JSONNumber($0.count))]) }),
            ])))
        }
        return .object([
            "count": .number(JSONNumber(results.total)), "sort": .string(query.sortText),
            "facets": .object(JSONObject(facets)), "results": .array(packages), "search_facets": .object(JSONObject(searchFacets)),
        ])
    }

    /// A facet value as CKAN names it: organizations and groups by their slug, other values as they are.
    static func facetItemName(_ value: String, facet: String) -> String {
        facet == "organization" || facet == "groups" ? CKANPackage.slug(value) : value
    }

    private func packageShow(_ parameters: QueryParameters) async throws -> JSONValue {
        guard let id = parameters.text("id") ?? parameters.text("name_or_id") else {
            throw ServerError.badParameter(name: "id", reason: "is missing: give the package's id or name.")
        }
        var found = try await catalogue.record(id)
        if found == nil, let reference = CKANPackage.recordReference(ofName: id) { found = try await catalogue.record(reference) }
        guard var stored = found else { throw ServerError.notFound("Not found: there is no package '\(QueryParameters.excerpt(id))'.") }
        // One package per dataset: any copy's id shows the dataset's canonical record.
        if let cluster = stored.cluster, cluster.canonicalID != stored.record.id,
           let canonical = try await catalogue.records([cluster.canonicalID]).first {
            stored = canonical
        }
        return CKANPackage.dict(stored.record, cluster: stored.cluster)
    }

    private func packageList(_ parameters: QueryParameters) async throws -> JSONValue {
        let limit = try parameters.int("limit", default: Int.max, in: 0...Int.max)
        let offset = try parameters.int("offset", default: 0, in: 0...Int.max)
        let names = try await catalogue.read("listing packages") { store in
            try store.read("listing packages") { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.source_id, r.local_id, (SELECT json_extract(i.value, '$.value') FROM json_each(fedcat_json(r.record_json), '$.identifiers') i
                        WHERE json_extract(i.value, '$.scheme') = 'ckan-name' LIMIT 1) AS name
                    FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.id = coalesce(c.canonical_id, r.cluster_id)
                    """).map { row in
                    CKANPackage.slug(row["source_id"] as String) + "--" + CKANPackage.slug((row["name"] as String?) ?? row["local_id"])
                }
            }
        }
        return .array(names.sorted().dropFirst(offset).prefix(limit).map { .string($0) })
    }

    private func organizationList(_ parameters: QueryParameters) async throws -> JSONValue {
        let allFields = try parameters.choice("all_fields", ["true", "false", "1", "0"], default: "false")
        let sort = try parameters.choice("sort", ["name asc", "name", "package_count desc", "title asc"], default: "name asc")
        let limit = try parameters.int("limit", default: 1000, in: 0...1000)
        let offset = try parameters.int("offset", default: 0, in: 0...Int.max)
        let rows = try await catalogue.read("listing organizations") { store in
            try store.read("listing organizations") { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.publisher AS title, count(*) AS n
                    FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
                    WHERE r.id = coalesce(c.canonical_id, r.cluster_id) AND r.publisher IS NOT NULL AND r.publisher <> ''
                    GROUP BY title
                    """).map { (title: $0["title"] as String, count: $0["n"] as Int) }
            }
        }
        var organizations: [String: (title: String, count: Int)] = [:]
        for row in rows {
            let name = CKANPackage.organizationName(row.title)
            organizations[name, default: (row.title, 0)].count += row.count
        }
        var ordered = organizations.sorted { $0.key < $1.key }
        if sort == "package_count desc" { ordered.sort { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key } }
        if sort == "title asc" { ordered.sort { $0.value.title.localizedCaseInsensitiveCompare($1.value.title) == .orderedAscending } }
        let page = ordered.dropFirst(offset).prefix(limit)
        guard allFields == "true" || allFields == "1" else { return .array(page.map { .string($0.key) }) }
        return .array(page.map { name, value in
            .object([
                "id": .string(name), "name": .string(name), "title": .string(value.title), "display_name": .string(value.title),
                "description": "", "image_display_url": "", "is_organization": .bool(true), "type": "organization",
                "state": "active", "approval_status": "approved", "package_count": .number(JSONNumber(value.count)),
            ])
        })
    }
}
