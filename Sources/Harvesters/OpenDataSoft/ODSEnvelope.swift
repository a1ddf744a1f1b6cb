import CatalogModel
import Foundation
public import FeedParsing

/// The URLs of an OpenDataSoft portal, derived from whatever URL the user registered: the portal root,
/// `/explore`, `/api/explore/v2.1(/catalog/datasets)`, `/api/explore/v2.0/…` or `/api/datasets/1.0/search`.
public struct ODSEndpoint: Sendable, Hashable {
    /// The portal's home, where `/explore/dataset/<id>/` pages live.
    public var portalRoot: String

    /// Derives the endpoint, or nil when `url` is not an http(s) URL.
    public init?(url: String) {
        var text = url.trimmed
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else { return nil }
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        while text.hasSuffix("/") { text.removeLast() }
        guard text.split(separator: "/").count >= 2 else { return nil }
        if let api = text.range(of: "/api/explore/") ?? text.range(of: "/api/datasets/") ?? text.range(of: "/api/records/") {
            text = String(text[..<api.lowerBound])
        } else if text.hasSuffix("/api") {
            text.removeLast(4)
        } else if let explore = text.range(of: "/explore", options: .backwards),
                  text[explore.upperBound...].isEmpty || text[explore.upperBound...].hasPrefix("/") {
            text = String(text[..<explore.lowerBound])
        }
        portalRoot = text
    }

    /// The Explore API v2.1 base, ending in `/api/explore/v2.1`.
    public var apiBase: String { portalRoot + "/api/explore/v2.1" }

    /// One page of the v2.1 catalogue listing.
    public func catalogPage(limit: Int, offset: Int, where filter: String?, orderBy: String?) -> String {
        var query = [("limit", String(limit)), ("offset", String(offset))]
        if let filter { query.append(("where", filter)) }
        if let orderBy { query.append(("order_by", orderBy)) }
        return apiBase + "/catalog/datasets?" + query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The whole v2.1 catalogue in one JSON array (`/catalog/exports/json`), which has no 10,000-dataset cap.
    public func catalogExport(where filter: String?, orderBy: String?) -> String {
        var query: [(String, String)] = []
        if let filter { query.append(("where", filter)) }
        if let orderBy { query.append(("order_by", orderBy)) }
        return apiBase + "/catalog/exports/json" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    /// The human page of a dataset.
    public func datasetPage(_ id: String) -> String { "\(portalRoot)/explore/dataset/\(Self.encode(id))/" }

    /// The v2.1 URL of something under a dataset (`exports/csv`, `attachments/<id>`).
    public func datasetAPI(_ id: String, _ path: String) -> String { "\(apiBase)/catalog/datasets/\(Self.encode(id))/\(path)" }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// One OpenDataSoft response in any of the shapes the Explore APIs send.
public struct ODSEnvelope: Sendable {
    public enum Shape: Sendable, Equatable {
        /// Explore v2.1 catalogue: `{"total_count", "results": [dataset]}`.
        case v21
        /// Explore v2.0 catalogue: `{"total_count", "datasets": [{"dataset": dataset, "links"}]}`.
        case v20
        /// Explore v1 search: `{"nhits", "datasets": [dataset]}`.
        case v1Search
        /// The v2.1 catalogue export: a bare array of datasets.
        case export
        /// One dataset object (v1 `datasetid` or v2 `dataset_id`).
        case dataset
    }

    public var shape: Shape
    /// The total the portal announces (`total_count`, v1 `nhits`).
    public var totalCount: Int?
    /// The dataset objects, in order, with their JSON pointers in the response.
    public var datasets: [(pointer: String, value: JSONValue)]

    /// Reads a response body; throws a sentence when it is not JSON, is an ODS error, or holds no datasets.
    public static func parse(_ body: [UInt8]) throws(ODSResponseError) -> ODSEnvelope {
        let root: JSONValue
        do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
        if let array = root.array {
            return ODSEnvelope(shape: .export, totalCount: array.count, datasets: array.enumerated().map { ("/\($0.offset)", $0.element) })
        }
        guard let object = root.object else {
            throw .unexpected("the top level is a \(root.typeName), not an object")
        }
        if object["results"] == nil && object["datasets"] == nil && !isDataset(root) {
            if let code = ODSMapper.text(object["error_code"]) ?? ODSMapper.text(object["errorcode"]) {
                throw .portalError("\(code): \(ODSMapper.text(object["message"]) ?? ODSMapper.text(object["error"]) ?? "no message")")
            }
            if let message = ODSMapper.text(object["error"]) { throw .portalError(message) }
        }
        let total = count(object["total_count"]) ?? count(object["nhits"])
        if let results = object["results"] {
            guard let array = results.array else { throw .unexpected("'results' is a \(results.typeName), not a list") }
            return ODSEnvelope(shape: .v21, totalCount: total, datasets: array.enumerated().map { ("/results/\($0.offset)", $0.element) })
        }
        if let datasets = object["datasets"] {
            guard let array = datasets.array else { throw .unexpected("'datasets' is a \(datasets.typeName), not a list") }
            let wrapped = array.contains { $0["dataset"]?.object != nil }
            if wrapped {
                // v2.0: the dataset is under `dataset`, beside its `links`.
                return ODSEnvelope(shape: .v20, totalCount: total, datasets: array.enumerated().map { item in
                    if let inner = item.element["dataset"], inner.object != nil { return ("/datasets/\(item.offset)/dataset", inner) }
                    return ("/datasets/\(item.offset)", item.element)
                })
            }
            return ODSEnvelope(shape: .v1Search, totalCount: total, datasets: array.enumerated().map { ("/datasets/\($0.offset)", $0.element) })
        }
        if isDataset(root) { return ODSEnvelope(shape: .dataset, totalCount: 1, datasets: [("", root)]) }
        throw .unexpected("there is no 'results' list (Explore v2.1), 'datasets' list (v2.0, v1) or dataset object")
    }

    static func isDataset(_ value: JSONValue) -> Bool {
        value["dataset_id"] != nil || value["datasetid"] != nil || value["metas"]?.object != nil
    }

    private static func count(_ value: JSONValue?) -> Int? {
        value?.number?.int64.map(Int.init) ?? value?.string.flatMap { Int($0.trimmed) }
    }
}

/// Why an OpenDataSoft response could not be read.
public enum ODSResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case portalError(String)
    case unexpected(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .portalError(let message): return message
        case .unexpected(let detail): return "it is not an OpenDataSoft catalogue response: \(detail)"
        }
    }
}
