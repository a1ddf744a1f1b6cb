public import FeedParsing

/// One CKAN Action API response, in any of the shapes portals send: the `help/success/result` envelope
/// (CKAN 2.2–2.11), `result` as a list (DKAN), or a bare package or array of packages.
public struct CKANEnvelope: Sendable {
    /// What the response holds.
    public enum Shape: Sendable, Equatable {
        /// `package_search`: `result.count` and `result.results`.
        case search
        /// `package_show`: one package dict.
        case package
        /// A list of package dicts (DKAN's `result: [...]`, a bare array).
        case packageList
        /// Something else CKAN answers (`package_list` names, `organization_list`, …): no packages.
        case other
    }

    public var shape: Shape
    /// `result.count` for a search.
    public var count: Int?
    /// The package dicts, in order, with their JSON pointers in the response and their bytes as the portal sent them
    /// (written out again from the parsed value when they could not be cut from the response).
    public var packages: [(pointer: String, value: JSONValue, payload: [UInt8])]

    /// Reads a response body; throws a sentence when it is not JSON or is a CKAN error.
    public static func parse(_ body: [UInt8]) throws(CKANResponseError) -> CKANEnvelope {
        let root: JSONValue
        // Where the packages of a search page sit in the body: each one is kept as the portal sent it.
        let spans: [Range<Int>]?
        do { (root, spans) = try JSONParser.parse(body, spansOfArrayAt: ["result", "results"]) } catch { throw .notJSON(error.description) }
        if let object = root.object, object["success"]?.bool == false {
            let error = object["error"]
            let type = error?["__type"]?.scalarText ?? "Error"
            let message = error?["message"]?.scalarText ?? error.map { JSONWriter.string($0) } ?? "no message"
            throw .portalError("\(type): \(message)")
        }
        if let array = root.array { return list(array, pointer: "", body: body) }
        guard let object = root.object else {
            throw .unexpected("the top level is a \(root.typeName), not an object or an array")
        }
        guard let result = object["result"] else {
            if isPackage(object) { return CKANEnvelope(shape: .package, count: 1, packages: [("", root, JSONWriter.write(root))]) }
            throw .unexpected("there is no 'result' member")
        }
        if let array = result.array { return list(array, pointer: "/result", body: body) }
        guard let resultObject = result.object else {
            throw .unexpected("'result' is a \(result.typeName), not an object or a list")
        }
        if let results = resultObject["results"] {
            guard let array = results.array else {
                throw .unexpected("'result.results' is a \(results.typeName), not a list")
            }
            let count = resultObject["count"]?.number?.int64.map(Int.init)
            let payloads = payloads(of: array, spans: spans, body: body)
            let packages = array.enumerated().map { ("/result/results/\($0.offset)", $0.element, payloads($0.offset)) }
            return CKANEnvelope(shape: .search, count: count, packages: packages)
        }
        if isPackage(resultObject) { return CKANEnvelope(shape: .package, count: 1, packages: [("/result", result, JSONWriter.write(result))]) }
        return CKANEnvelope(shape: .other, count: nil, packages: [])
    }

    /// Lists (a DKAN `result`, a bare array) are rare and small: their packages are written out from the parsed values.
    private static func list(_ array: [JSONValue], pointer: String, body: [UInt8]) -> CKANEnvelope {
        let packages = array.enumerated().filter { $0.element.object.map(isPackage) ?? false }
        guard !packages.isEmpty || array.isEmpty else { return CKANEnvelope(shape: .other, count: nil, packages: []) }
        let payloads = payloads(of: array, spans: nil, body: body)
        return CKANEnvelope(shape: .packageList, count: packages.count,
                            packages: packages.map { ("\(pointer)/\($0.offset)", $0.element, payloads($0.offset)) })
    }

    /// The stored bytes of each element of `array`, by offset: the element's own bytes in `body` when the parser
    /// found them (`spans`), else the parsed value written out.
    private static func payloads(of array: [JSONValue], spans: [Range<Int>]?, body: [UInt8]) -> (Int) -> [UInt8] {
        let spans = spans.flatMap { $0.count == array.count ? $0 : nil }
        return { offset in spans.map { Array(body[$0[offset]]) } ?? JSONWriter.write(array[offset]) }
    }

    /// A dict is a package when it has the members every CKAN package has.
    static func isPackage(_ object: JSONObject) -> Bool {
        (object["name"] != nil || object["id"] != nil)
            && (object["resources"] != nil || object["notes"] != nil || object["title"] != nil || object["title_translated"] != nil)
            && object["is_organization"] == nil && object["package_id"] == nil
    }
}

/// Why a CKAN response could not be used.
public enum CKANResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case portalError(String)
    case unexpected(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .portalError(let message): return message
        case .unexpected(let detail): return "it is not a CKAN Action API response: \(detail)"
        }
    }
}
