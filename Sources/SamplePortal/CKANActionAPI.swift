public import LoopbackHTTP
import Foundation

/// Emulates the read-only part of the CKAN Action API for the portals of a `SampleCatalog`.
///
/// Routes (GET, HEAD or POST with a JSON object body):
///   /<portal>/api/3/action/<action>   (also /<portal>/api/action/<action>)
///   /api/3/action/<action>            (only when the catalog has exactly one portal)
///   /<portal>/api/3                   → {"version": 3}
///   /                                 → index of the portals (not CKAN; for people)
/// Actions: status_show, package_search, package_show, package_list,
/// organization_list, group_list.
public struct CKANActionAPI: Sendable {
    public let catalog: SampleCatalog

    /// CKAN caps package_search rows at `ckan.search.rows_max` (default 1000).
    public static let maxRows = 1000
    /// `ckan.group_and_organization_list_max` and `..._all_fields_max` defaults.
    public static let maxListLimit = 1000
    public static let maxListAllFieldsLimit = 25
    public static let ckanVersion = "2.10.4"

    public init(catalog: SampleCatalog) {
        self.catalog = catalog
    }

    /// A handler for `LoopbackServer`.
    public var handler: @Sendable (HTTPRequest) -> HTTPResponse {
        let api = self
        return { api.handle($0) }
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let host = request.header("Host") ?? "127.0.0.1"
        var segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)

        if segments.isEmpty { return index(host: host) }

        // Which portal?
        let portalID: String
        if segments[0] == "api" {
            guard catalog.portals.count == 1, let only = catalog.portals.keys.first else {
                return notFound(help: helpURL(host: host, portalID: nil, action: "help_show"))
            }
            portalID = only
        } else {
            portalID = segments.removeFirst()
        }
        guard let portal = catalog.portals[portalID] else {
            return notFound(help: helpURL(host: host, portalID: portalID, action: "help_show"))
        }

        // /api/3, /api/3/action/x, /api/action/x
        guard segments.first == "api" else {
            return notFound(help: helpURL(host: host, portalID: portalID, action: "help_show"))
        }
        segments.removeFirst()
        if segments == ["3"] {
            return .json("{\"version\": 3}")
        }
        if segments.first == "3" { segments.removeFirst() }
        guard segments.count == 2, segments[0] == "action" else {
            return notFound(help: helpURL(host: host, portalID: portalID, action: "help_show"))
        }
        let action = segments[1]
        let help = helpURL(host: host, portalID: portalID, action: action)

        guard ["GET", "HEAD", "POST"].contains(request.method) else {
            var r = envelope(help: help, success: false,
                             error: #"{"__type": "Bad Request", "message": "Method not allowed"}"#, status: 405)
            r.headers.append(("Allow", "GET, HEAD, POST"))
            return r
        }
        let params: Params
        switch Params.from(request) {
        case .success(let p): params = p
        case .failure(let message):
            return envelope(help: help, success: false,
                            error: "{\"__type\": \"Bad Request\", \"message\": \(JSONText.string(message))}", status: 400)
        }

        let context = Context(portal: portal, params: params, help: help,
                              siteURL: "http://\(host)/\(portalID)")
        switch action {
        case "status_show": return statusShow(context)
        case "package_search": return packageSearch(context)
        case "package_show": return packageShow(context)
        case "package_list": return packageList(context)
        case "organization_list": return namedList(context, items: portal.organizations, kind: .organization)
        case "group_list": return namedList(context, items: portal.groups, kind: .group)
        default: return notFound(help: help)
        }
    }

    // MARK: Envelope

    struct Context {
        var portal: SampleCatalog.Portal
        var params: Params
        var help: String
        var siteURL: String
    }

    func helpURL(host: String, portalID: String?, action: String) -> String {
        let base = portalID.map { "http://\(host)/\($0)" } ?? "http://\(host)"
        return "\(base)/api/3/action/help_show?name=\(action)"
    }

    func envelope(help: String, success: Bool, result: [UInt8]? = nil, error: String? = nil, status: Int = 200) -> HTTPResponse {
        var out = Array("{\"help\": \(JSONText.string(help)), \"success\": \(success)".utf8)
        if let result {
            out += Array(", \"result\": ".utf8)
            out += result
        }
        if let error {
            out += Array(", \"error\": \(error)".utf8)
        }
        out.append(UInt8(ascii: "}"))
        return .json(out, status: status)
    }

    func ok(_ c: Context, _ result: [UInt8]) -> HTTPResponse {
        envelope(help: c.help, success: true, result: result)
    }

    func notFound(help: String) -> HTTPResponse {
        envelope(help: help, success: false, error: #"{"__type": "Not Found Error", "message": "Not found"}"#, status: 404)
    }

    /// CKAN's 409 for a failed validation: `{"__type": "Validation Error", "<field>": ["<message>"]}`.
    func validationError(_ c: Context, field: String, message: String) -> HTTPResponse {
        envelope(help: c.help, success: false,
                 error: "{\"__type\": \"Validation Error\", \(JSONText.string(field)): [\(JSONText.string(message))]}",
                 status: 409)
    }

    /// CKAN's 409 for a query Solr would reject.
    func searchQueryError(_ c: Context, _ message: String) -> HTTPResponse {
        envelope(help: c.help, success: false,
                 error: "{\"__type\": \"Search Query Error\", \"message\": \(JSONText.string("Search Query is invalid: \"\(message)\""))}",
                 status: 409)
    }

    func index(host: String) -> HTTPResponse {
        let entries = catalog.portalIDs.compactMap { id -> [UInt8]? in
            guard let info = catalog.portals[id]?.info else { return nil }
            let text = "{\"id\": \(JSONText.string(id)), \"title\": \(JSONText.string(info.title)), "
                + "\"packages\": \(info.packageCount), "
                + "\"api\": \(JSONText.string("http://\(host)/\(id)/api/3/action/"))}"
            return Array(text.utf8)
        }
        return .json(Array("{\"portals\": ".utf8) + JSONText.array(entries) + [UInt8(ascii: "}")])
    }

    // MARK: Parameters

    /// Non-negative integer parameter; nil result means absent. CKAN's int_validator / natural_number_validator messages.
    enum IntParam { case absent, value(Int), invalid(String) }

    func naturalNumber(_ c: Context, _ name: String) -> IntParam {
        guard let raw = c.params.value(name) else { return .absent }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .absent }
        guard let n = Int(trimmed) else { return .invalid("Invalid integer") }
        guard n >= 0 else { return .invalid("Must be a natural number") }
        return .value(n)
    }

    func boolParam(_ c: Context, _ name: String) -> Bool {
        guard let raw = c.params.value(name)?.lowercased() else { return false }
        return ["true", "1", "yes", "on"].contains(raw)
    }

    // MARK: Actions

    func statusShow(_ c: Context) -> HTTPResponse {
        let info = c.portal.info
        let text = "{\"ckan_version\": \(JSONText.string(Self.ckanVersion)), "
            + "\"site_url\": \(JSONText.string(c.siteURL)), "
            + "\"site_title\": \(JSONText.string(info.title)), "
            + "\"site_description\": \(JSONText.string(info.description)), "
            + "\"locale_default\": \(JSONText.string(info.language)), "
            + "\"error_emails_to\": null, \"extensions\": []}"
        return ok(c, Array(text.utf8))
    }

    func packageShow(_ c: Context) -> HTTPResponse {
        guard let key = c.params.value("id") ?? c.params.value("name_or_id"), !key.isEmpty else {
            return validationError(c, field: "id", message: "Missing value")
        }
        guard let index = c.portal.packageIndex[key] else { return notFound(help: c.help) }
        return ok(c, c.portal.packages[index].json)
    }

    func packageList(_ c: Context) -> HTTPResponse {
        var names = c.portal.packages.compactMap(\.name).sorted()
        switch naturalNumber(c, "offset") {
        case .invalid(let m): return validationError(c, field: "offset", message: m)
        case .value(let n): names = Array(names.dropFirst(n))
        case .absent: break
        }
        switch naturalNumber(c, "limit") {
        case .invalid(let m): return validationError(c, field: "limit", message: m)
        case .value(let n): names = Array(names.prefix(n))
        case .absent: break
        }
        return ok(c, JSONText.stringArray(names))
    }

    enum ListKind { case organization, group }

    func namedList(_ c: Context, items: [SampleCatalog.Named], kind: ListKind) -> HTTPResponse {
        let allFields = boolParam(c, "all_fields")
        let maxLimit = allFields ? Self.maxListAllFieldsLimit : Self.maxListLimit
        var limit = maxLimit
        var offset = 0
        switch naturalNumber(c, "limit") {
        case .invalid(let m): return validationError(c, field: "limit", message: m)
        case .value(let n): limit = min(n, maxLimit)
        case .absent: break
        }
        switch naturalNumber(c, "offset") {
        case .invalid(let m): return validationError(c, field: "offset", message: m)
        case .value(let n): offset = n
        case .absent: break
        }

        // Package counts, for sort=package_count.
        var counts: [String: Int] = [:]
        for p in c.portal.packages {
            switch kind {
            case .organization: if let o = p.organizationName { counts[o, default: 0] += 1 }
            case .group: for g in p.groups { counts[g, default: 0] += 1 }
            }
        }
        let sortText = (c.params.value("sort") ?? "title asc").trimmingCharacters(in: .whitespaces)
        let parts = sortText.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), ["title", "name", "package_count"].contains(String(parts[0])),
              parts.count == 1 || ["asc", "desc"].contains(String(parts[1])) else {
            return validationError(c, field: "sort", message: "Cannot sort by field `\(sortText)`")
        }
        let field = String(parts[0])
        let descending = parts.count == 2 ? parts[1] == "desc" : field == "package_count"
        let sorted = items.sorted { a, b in
            let an = a.name ?? "", bn = b.name ?? ""
            let cmp: Int
            switch field {
            case "name": cmp = an < bn ? -1 : (an == bn ? 0 : 1)
            case "package_count":
                let ac = counts[an] ?? 0, bc = counts[bn] ?? 0
                cmp = ac < bc ? -1 : (ac == bc ? 0 : 1)
            default:
                let at = a.title.lowercased(), bt = b.title.lowercased()
                cmp = at < bt ? -1 : (at == bt ? 0 : 1)
            }
            if cmp != 0 { return descending ? cmp > 0 : cmp < 0 }
            return an < bn
        }
        let page = sorted.dropFirst(offset).prefix(limit)
        if allFields {
            return ok(c, JSONText.array(page.map(\.json)))
        }
        return ok(c, JSONText.stringArray(page.compactMap(\.name)))
    }

    func packageSearch(_ c: Context) -> HTTPResponse {
        var rows = 10
        var start = 0
        switch naturalNumber(c, "rows") {
        case .invalid(let m): return validationError(c, field: "rows", message: m)
        case .value(let n): rows = min(n, Self.maxRows)
        case .absent: break
        }
        switch naturalNumber(c, "start") {
        case .invalid(let m): return validationError(c, field: "start", message: m)
        case .value(let n): start = n
        case .absent: break
        }
        let sortText = c.params.value("sort").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            ?? "metadata_modified desc"
        let order: PackageSort
        switch PackageSort.parse(sortText) {
        case .success(let o): order = o
        case .failure(let message): return searchQueryError(c, message)
        }
        let filters: [PackageFilter]
        switch PackageFilter.parse(c.params.values("fq")) {
        case .success(let f): filters = f
        case .failure(let message): return searchQueryError(c, message)
        }
        let words = PackageFilter.queryWords(c.params.value("q"))

        var matches = c.portal.packages.filter { p in
            words.allSatisfy { p.words.contains($0) } && filters.allSatisfy { $0.matches(p) }
        }
        if !order.isDefault { matches.sort(by: order.areInIncreasingOrder) }
        let page = matches.dropFirst(start).prefix(rows)

        var out = Array("{\"count\": \(matches.count), \"sort\": \(JSONText.string(sortText)), \"facets\": {}, \"results\": ".utf8)
        // `fl` (CKAN 2.9+) asks for some fields only; this emulator serves `id` and `name`.
        let fields = (c.params.value("fl") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if fields.isEmpty {
            out += JSONText.array(page.map(\.json))
        } else {
            out += JSONText.array(page.map { package in
                let members = fields.compactMap { field -> String? in
                    switch field {
                    case "id": return "\"id\": " + (package.id.map(JSONText.string) ?? "null")
                    case "name": return "\"name\": " + (package.name.map(JSONText.string) ?? "null")
                    default: return nil
                    }
                }
                return Array(("{" + members.joined(separator: ", ") + "}").utf8)
            })
        }
        out += Array(", \"search_facets\": {}}".utf8)
        return ok(c, out)
    }
}

/// Action parameters from the query string and, for POST, a JSON object body
/// (body values win; arrays give repeated values).
struct Params {
    var pairs: [(String, String)]

    func value(_ name: String) -> String? { pairs.last(where: { $0.0 == name })?.1 }
    func values(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    enum Outcome { case success(Params), failure(String) }

    static func from(_ request: HTTPRequest) -> Outcome {
        var pairs = request.query.map { ($0.name, $0.value) }
        let body = request.body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        if request.method == "POST", !body.isEmpty {
            let contentType = request.header("Content-Type")?.lowercased() ?? ""
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                let text = String(decoding: body, as: UTF8.self)
                guard let parsed = HTTPRequest(method: "POST", target: "/?" + text) else {
                    return .failure("Bad request - could not decode the form body")
                }
                pairs += parsed.query.map { ($0.name, $0.value) }
            } else {
                guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                    return .failure("Bad request - JSON Error: the body is not a JSON object")
                }
                for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                    for v in (value as? [Any]) ?? [value] {
                        if let s = scalarText(v) { pairs.append((key, s)) }
                    }
                }
            }
        }
        return .success(Params(pairs: pairs))
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber:
            if String(describing: type(of: n)).contains("Boolean") { return n.boolValue ? "true" : "false" }
            return n.stringValue
        default: return nil
        }
    }
}
