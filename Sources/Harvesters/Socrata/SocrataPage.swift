public import FeedParsing
import CatalogModel

/// One Socrata response read as datasets with their JSON pointers: a Discovery API page
/// (`{"results": [...], "resultSetSize": N}`), one views metadata object (`/api/views/<id>.json`)
/// or a list of them (`/api/views.json`).
public struct SocrataPage: Sendable {
    public enum Shape: Sendable, Equatable {
        /// A `/api/catalog/v1` page: each item is `{"resource": {...}, "classification": {...}, ...}`.
        case discovery
        /// Views metadata: each item is a view object (`{"id": "abcd-1234", "name": ..., "createdAt": 1398014181, ...}`).
        case views
    }

    public var shape: Shape
    public var datasets: [(pointer: String, value: JSONValue)]
    /// `resultSetSize` of a Discovery page: how many datasets the whole listing holds.
    public var resultSetSize: Int?

    /// Reads a Discovery page, a views object or a list of views; throws for anything else
    /// (SODA data rows, an error object, HTML).
    public static func parse(_ body: [UInt8]) throws(SocrataPageError) -> SocrataPage {
        let root: JSONValue
        do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
        if let object = root.object {
            if let results = object["results"] {
                guard let array = results.array else { throw .notCatalog("'results' is a \(results.typeName), not a list") }
                let size = object["resultSetSize"]?.number?.int64.map(Int.init)
                return SocrataPage(shape: .discovery, datasets: array.enumerated().map { ("/results/\($0.offset)", $0.element) },
                                   resultSetSize: size)
            }
            if object["error"] != nil || (object["code"] != nil && object["message"] != nil) {
                throw .portalError(Self.errorMessage(object))
            }
            if isView(root) { return SocrataPage(shape: .views, datasets: [("", root)], resultSetSize: nil) }
            throw .notCatalog("it is an object with neither 'results' (Discovery API) nor view metadata ('id' with 'name', 'viewType', 'createdAt' …)")
        }
        if let array = root.array {
            if array.isEmpty || array.contains(where: isView) {
                return SocrataPage(shape: .views, datasets: array.enumerated().map { ("/\($0.offset)", $0.element) }, resultSetSize: nil)
            }
            throw .notCatalog("it is a list of \(array.count) data rows (a SODA /resource/<id>.json answer), not catalogue metadata")
        }
        throw .notCatalog("the top level is a \(root.typeName)")
    }

    /// View metadata has an `id` and at least one member that data rows do not.
    static func isView(_ value: JSONValue) -> Bool {
        guard let object = value.object, object["id"] != nil else { return false }
        return ["viewType", "displayType", "createdAt", "rowsUpdatedAt", "viewLastModified", "publicationStage", "columns"]
            .contains { object[$0] != nil }
    }

    static func errorMessage(_ object: JSONObject) -> String {
        let parts = [object["code"], object["error"], object["message"]].compactMap { $0?.string?.trimmed }.filter { !$0.isEmpty }
        return parts.isEmpty ? "an error object" : parts.joined(separator: ": ")
    }
}

/// Why a Socrata response could not be read.
public enum SocrataPageError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notCatalog(String)
    case portalError(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notCatalog(let detail): return "it is not Socrata catalogue metadata: \(detail)"
        case .portalError(let message): return message
        }
    }
}
