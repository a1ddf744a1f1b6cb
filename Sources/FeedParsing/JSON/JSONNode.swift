/// One value of a parsed JSON document, read in place: the document is parsed once into a flat tape, and a string,
/// number or member name becomes a Swift `String` only when asked for. Reads like `JSONValue` (`node["key"]`,
/// `.array`, `.string`, `.scalarText`); `value` builds the `JSONValue` when a whole subtree is wanted.
public struct JSONNode: Sendable {
    let tape: JSONTape
    let index: Int

    init(tape: JSONTape, index: Int) {
        self.tape = tape
        self.index = index
    }

    /// Parses one JSON document from UTF-8 bytes, with the grammar, limits and errors of `JSONParser.parse`.
    public static func parse(_ bytes: [UInt8], options: JSONParser.Options = .init()) throws(JSONParseError) -> JSONNode {
        JSONNode(tape: try JSONTape.parse(bytes, options: options), index: 0)
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String, options: JSONParser.Options = .init()) throws(JSONParseError) -> JSONNode {
        try parse(Array(text.utf8), options: options)
    }

    /// A string value on its own (for text that is read as if a document held it).
    public static func string(_ text: String) -> JSONNode {
        var nodes = JSONTapeBuilder(capacity: 1)
        nodes.append(JSONTapeNode(kind: .string, decoded: 1, start: 0, end: 0, next: 1))
        return JSONNode(tape: JSONTape(bytes: [], nodes: nodes, decoded: [text]), index: 0)
    }

    private var node: JSONTapeNode { tape.nodes[index] }

    /// Where the value sits in the parsed bytes (a string with its quotes).
    public var byteRange: Range<Int> { node.start..<node.end }

    // MARK: Type

    /// True for `null`.
    public var isNull: Bool { node.kind == .null }

    /// The node itself when it is an object (to read its members by name).
    public var object: JSONNode? { node.kind == .object ? self : nil }

    /// The JSON type name for messages: "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String {
        switch node.kind {
        case .null: return "null"
        case .true, .false: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: Scalars

    /// The string, if this is a string.
    public var string: String? {
        let node = self.node
        guard node.kind == .string else { return nil }
        return text(of: node)
    }

    /// The first byte of a string's text as written, when it has one and no escapes: enough to see that a string
    /// cannot hold, say, a JSON object without making the string.
    public var leadingByte: UInt8? {
        let node = self.node
        guard node.kind == .string, node.decoded == 0, node.end - node.start > 2 else { return nil }
        return tape.bytes[node.start + 1]
    }

    /// The string, when it has no escapes and its first and last bytes are printable ASCII other than a space: a
    /// text with nothing to trim at either end, told without making it first. Nil otherwise.
    public var stringWithPlainEnds: String? {
        let node = self.node
        guard node.kind == .string, node.decoded == 0, node.end - node.start > 2 else { return nil }
        let first = tape.bytes[node.start + 1], last = tape.bytes[node.end - 2]
        guard first > 0x20, first < 0x7F, last > 0x20, last < 0x7F else { return nil }
        return text(of: node)
    }

    /// The boolean, if this is `true` or `false`.
    public var bool: Bool? {
        switch node.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// The number, if this is a number.
    public var number: JSONNumber? {
        let node = self.node
        guard node.kind == .number else { return nil }
        return JSONNumber(unchecked: literal(of: node))
    }

    /// The text of a scalar, as `JSONValue.scalarText` gives it: a string as is, a number's literal,
    /// `"true"`/`"false"`; nil for null, arrays and objects.
    public var scalarText: String? {
        let node = self.node
        switch node.kind {
        case .string: return text(of: node)
        case .number: return literal(of: node)
        case .true: return "true"
        case .false: return "false"
        case .null, .array, .object: return nil
        }
    }

    private func text(of node: JSONTapeNode) -> String {
        if node.decoded != 0 { return tape.decoded[Int(node.decoded) - 1] }
        return tape.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(node.start + 1)..<(node.end - 1)]), as: UTF8.self) }
    }

    private func literal(of node: JSONTapeNode) -> String {
        tape.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[node.start..<node.end]), as: UTF8.self) }
    }

    // MARK: Containers

    /// The elements, if this is an array.
    public var array: [JSONNode]? {
        let node = self.node
        guard node.kind == .array else { return nil }
        var elements: [JSONNode] = []
        elements.reserveCapacity(Int(node.count))
        var child = index + 1
        let nodes = tape.nodes
        for _ in 0..<Int(node.count) {
            elements.append(JSONNode(tape: tape, index: child))
            child = nodes[child].next
        }
        return elements
    }

    /// The members in document order (duplicates kept), if this is an object.
    public var members: [(key: String, value: JSONNode)]? {
        let node = self.node
        guard node.kind == .object else { return nil }
        var result: [(key: String, value: JSONNode)] = []
        result.reserveCapacity(Int(node.count))
        var child = index + 1
        let nodes = tape.nodes
        for _ in 0..<Int(node.count) {
            result.append((text(of: nodes[child]), JSONNode(tape: tape, index: child + 1)))
            child = nodes[child].next
        }
        return result
    }

    /// The value of the last member named `key`; nil unless this is an object that has one. Names are compared by
    /// their UTF-8 bytes (`JSONObject` compares them as strings of the same length, which is the same for the
    /// ASCII names mappers look up).
    public subscript(key: String) -> JSONNode? {
        let node = self.node
        guard node.kind == .object, node.count > 0 else { return nil }
        if let found = key.utf8.withContiguousStorageIfAvailable({ member(named: $0, in: node, key: key) }) {
            return found.map { JSONNode(tape: tape, index: $0) }
        }
        return Array(key.utf8).withUnsafeBufferPointer { member(named: $0, in: node, key: key) }.map { JSONNode(tape: tape, index: $0) }
    }

    /// The tape index of the value of the last member of `node` (this object) whose name is `wanted`.
    @inline(__always)
    private func member(named wanted: UnsafeBufferPointer<UInt8>, in node: JSONTapeNode, key: String) -> Int? {
        let length = wanted.count
        let word = wanted.isEmpty ? 0 : jsonNameWord(wanted.baseAddress!, count: length, readable: length)
        let nodes = tape.nodes
        var found = -1
        var child = index + 1
        for _ in 0..<Int(node.count) {
            let name = nodes[child]
            if name.word == word && name.end - name.start - 2 == length && name.decoded == 0 {
                if length <= 8 || tape.bytes.withUnsafeBufferPointer({ bytes in
                    memcmpEqual(bytes.baseAddress! + name.start + 9, wanted.baseAddress! + 8, length - 8)
                }) {
                    found = child + 1
                }
            } else if name.decoded != 0 && tape.decoded[Int(name.decoded) - 1] == key {
                found = child + 1
            }
            child = name.next
        }
        return found < 0 ? nil : found
    }

    /// The element at `index`; nil unless this is an array and `index` is in range.
    public subscript(index: Int) -> JSONNode? {
        let node = self.node
        guard node.kind == .array, index >= 0, index < Int(node.count) else { return nil }
        var child = self.index + 1
        for _ in 0..<index { child = tape.nodes[child].next }
        return JSONNode(tape: tape, index: child)
    }

    // MARK: Values

    /// The subtree as a `JSONValue`, equal to what `JSONParser` gives for the same bytes.
    public var value: JSONValue {
        let node = self.node
        switch node.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(JSONNumber(unchecked: literal(of: node)))
        case .string: return .string(text(of: node))
        case .array: return .array(array!.map(\.value))
        case .object:
            var object = JSONObject()
            object.reserveCapacity(Int(node.count))
            for member in members! { object.append(key: member.key, value: member.value.value) }
            return .object(object)
        }
    }
}

/// True when the `count` bytes at `lhs` and `rhs` are the same (a loop: the names compared are short).
@inline(__always)
func memcmpEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
