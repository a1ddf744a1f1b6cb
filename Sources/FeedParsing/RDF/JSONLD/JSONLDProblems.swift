/// Collects the problems found while reading one JSON-LD document: capped, de-duplicated where they repeat
/// per record (undefined keys, fallback prefixes), each naming the JSON pointer where it was seen.
struct JSONLDProblems {
    /// At most this many problems are kept; the rest are counted in one closing problem.
    static let limit = 200

    private(set) var list: [RDFSyntaxError] = []
    private var dropped = 0
    /// Keys dropped because they are neither defined terms nor IRIs: first pointer and count, in order seen.
    private var undefinedKeys: [String: (index: Int, pointer: String, count: Int)] = [:]
    private var undefinedOrder: [String] = []
    /// Messages already given once per document (e.g. one per fallback prefix).
    private var once: Set<String> = []

    /// A JSON value's kind with its article, for messages: "an object", "a string", "null".
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        default: return "a " + value.typeName
        }
    }

    /// Records a problem whose message is a full sentence.
    mutating func add(_ message: String) {
        guard list.count < Self.limit else {
            dropped += 1
            return
        }
        list.append(RDFSyntaxError(line: 0, column: 0, message: message))
    }

    /// Records a problem only the first time `key` is seen in this document.
    mutating func addOnce(key: String, _ message: @autoclosure () -> String) {
        guard once.insert(key).inserted else { return }
        add(message())
    }

    /// Counts a member whose key is neither a defined term nor an IRI; one problem per distinct key is
    /// reported at the end.
    mutating func undefinedKey(_ key: String, at pointer: @autoclosure () -> String) {
        if let seen = undefinedKeys[key] {
            undefinedKeys[key] = (seen.index, seen.pointer, seen.count + 1)
        } else {
            undefinedKeys[key] = (undefinedOrder.count, pointer(), 1)
            undefinedOrder.append(key)
        }
    }

    /// The problems in the order they were found, the undefined keys summarised after them.
    mutating func finish() -> [RDFSyntaxError] {
        for key in undefinedOrder {
            guard let seen = undefinedKeys[key] else { continue }
            let times = seen.count == 1 ? "" : " (\(seen.count) members with this key in all)"
            add("The key `\(key)` at \(seen.pointer) is not a term defined by the context nor an IRI, so its value was dropped\(times).")
        }
        undefinedOrder.removeAll()
        if dropped > 0 {
            list.append(RDFSyntaxError(line: 0, column: 0,
                message: "\(dropped) more problems were found and not listed (only the first \(Self.limit) are kept)."))
            dropped = 0
        }
        return list
    }
}
