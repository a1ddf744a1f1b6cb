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
    /// The package dicts, in order.
    public var packages: [Package]

    /// One package dict: its JSON pointer in the response, the parsed dict (read in place), and its bytes as the
    /// portal sent them (written out again from the parsed value when they could not be cut from the response).
    public struct Package: Sendable {
        public var pointer: String
        public var node: JSONNode
        public var payload: [UInt8]
        /// The package as a `JSONValue`.
        public var value: JSONValue { node.value }
    }

    /// Reads a response body; throws a sentence when it is not JSON or is a CKAN error.
    public static func parse(_ body: [UInt8]) throws(CKANResponseError) -> CKANEnvelope {
        let root: JSONNode
        do { root = try JSONNode.parse(body) } catch { throw .notJSON(error.description) }
        if root.object != nil, root["success"]?.bool == false {
            let error = root["error"]
            let type = error?["__type"]?.scalarText ?? "Error"
            let message = error?["message"]?.scalarText ?? error.map { JSONWriter.string($0.value) } ?? "no message"
            throw .portalError("\(type): \(message)")
        }
        if let array = root.array { return list(array, pointer: "") }
        guard root.object != nil else {
            throw .unexpected("the top level is a \(root.typeName), not an object or an array")
        }
        guard let result = root["result"] else {
            if isPackage(root) { return CKANEnvelope(shape: .package, count: 1, packages: [Package(pointer: "", node: root, payload: JSONWriter.write(root.value))]) }
            throw .unexpected("there is no 'result' member")
        }
        if let array = result.array { return list(array, pointer: "/result") }
        guard result.object != nil else {
            throw .unexpected("'result' is a \(result.typeName), not an object or a list")
        }
        if let results = result["results"] {
            guard let array = results.array else {
                throw .unexpected("'result.results' is a \(results.typeName), not a list")
            }
            let count = result["count"]?.number?.int64.map(Int.init)
            // Each package of a search page is kept as the portal sent it: its own bytes in the body.
            let packages = array.enumerated().map {
                Package(pointer: "/result/results/\($0.offset)", node: $0.element, payload: Array(body[$0.element.byteRange]))
            }
            return CKANEnvelope(shape: .search, count: count, packages: packages)
        }
        if isPackage(result) {
            return CKANEnvelope(shape: .package, count: 1, packages: [Package(pointer: "/result", node: result, payload: JSONWriter.write(result.value))])
        }
        return CKANEnvelope(shape: .other, count: nil, packages: [])
    }

    /// Lists (a DKAN `result`, a bare array) are rare and small: their packages are written out from the parsed values.
    private static func list(_ array: [JSONNode], pointer: String) -> CKANEnvelope {
        let packages = array.enumerated().filter { $0.element.object.map(isPackage) ?? false }
        guard !packages.isEmpty || array.isEmpty else { return CKANEnvelope(shape: .other, count: nil, packages: []) }
        return CKANEnvelope(shape: .packageList, count: packages.count,
                            packages: packages.map { Package(pointer: "\(pointer)/\($0.offset)", node: $0.element, payload: JSONWriter.write($0.element.value)) })
    }

    /// A dict is a package when it has the members every CKAN package has.
    static func isPackage(_ object: JSONNode) -> Bool {
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
