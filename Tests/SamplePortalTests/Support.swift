import Foundation
import LoopbackHTTP
import SamplePortal

enum Fixtures {
    /// Tests/SamplePortalTests/Fixtures, found from this file's path (no bundle resources).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let broken = directory.appendingPathComponent("broken")

    static let catalog: SampleCatalog = try! SampleCatalog.load(directory: directory)
    static let api = CKANActionAPI(catalog: catalog)

    /// The raw package dicts of testland.json, in file order.
    static var testlandPackages: [[String: Any]] {
        let data = try! Data(contentsOf: directory.appendingPathComponent("testland.json"))
        let root = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return root["packages"] as! [[String: Any]]
    }
}

struct APIResult {
    var status: Int
    var object: [String: Any]
    var bytes: [UInt8]
    var contentType: String?

    var success: Bool? { object["success"] as? Bool }
    var result: Any? { object["result"] }
    var resultDict: [String: Any] { object["result"] as? [String: Any] ?? [:] }
    var error: [String: Any] { object["error"] as? [String: Any] ?? [:] }
    var help: String? { object["help"] as? String }
    /// package_search result ids, in order.
    var ids: [String] { (resultDict["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    var names: [String] { (resultDict["results"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
    var count: Int? { resultDict["count"] as? Int }
}

func call(_ target: String, method: String = "GET", body: String = "", contentType: String? = nil,
          api: CKANActionAPI = Fixtures.api) throws -> APIResult {
    var headers: [(name: String, value: String)] = [(name: "Host", value: "127.0.0.1:8080")]
    if let contentType { headers.append((name: "Content-Type", value: contentType)) }
    guard let request = HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)) else {
        throw CocoaError(.fileReadCorruptFile)
    }
    let response = api.handle(request)
    let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    return APIResult(status: response.status, object: object, bytes: response.body, contentType: response.header("Content-Type"))
}

/// The testland packages' ids in the default order (metadata_modified desc, then id),
/// computed independently of the server from the fixture.
func expectedDefaultOrder() -> [String] {
    func key(_ p: [String: Any]) -> String {
        // Normalise to 26 characters (fractions padded) so that plain string order is time order.
        var s = p["metadata_modified"] as! String
        if s.count == 19 { s += ".000000" }
        return s
    }
    return Fixtures.testlandPackages.sorted { a, b in
        let ka = key(a), kb = key(b)
        if ka != kb { return ka > kb }
        return (a["id"] as! String) < (b["id"] as! String)
    }.map { $0["id"] as! String }
}

/// Canonical JSON text (sorted keys) of a parsed value, for comparing dictionaries.
func canonical(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else {
        return "<not JSON: \(value)>"
    }
    return String(decoding: data, as: UTF8.self)
}
