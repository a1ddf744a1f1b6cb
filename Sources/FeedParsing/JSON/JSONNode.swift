/// One value of a parsed JSON document, read in place: the document is parsed once into a flat tape, and a string,
/// number or member name becomes a Swift `String` only when asked for. Reads like `JSONValue` (`node["key"]`,
/// `.array`, `.string`, `.scalarText`); `value` builds the `JSONValue` when a whole subtree is wanted.
public struct JSONNode: Sendable {
    let tape: JSONTape
    let index: Int
    /// The object's members by name, when `indexed()` built it.
    private var table: JSONMemberTable?

    init(tape: JSONTape, index: Int) {
        self.tape = tape
        self.index = index
    }

    /// The same object with its members in a hash table, for a caller that looks up many names in a large
    /// object (a mapper reading a record's fields); other values come back as they are.
    public func indexed() -> JSONNode {
        let node = self.node
        guard node.kind == .object, node.count > 8, table == nil else { return self }
        var copy = self
        copy.table = JSONMemberTable(tape: tape, object: index)
        return copy
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
        if let table { return table.find(wanted, word: word) }
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

/// An object's members by name: open addressing over the tape indices of the names, the last member of a name
/// kept (as lookups by scanning give). Only for objects whose names have no escapes.
final class JSONMemberTable: Sendable {
    private let tape: JSONTape
    /// Tape indices of member names, -1 for an empty slot; the count is a power of two.
    private let slots: [Int]
    private let mask: Int

    /// Nil when a name of the object has escapes (it is then scanned).
    init?(tape: JSONTape, object: Int) {
        let nodes = tape.nodes
        let count = Int(nodes[object].count)
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        let mask = capacity - 1
        var name = object + 1
        for _ in 0..<count {
            let node = nodes[name]
            guard node.decoded == 0 else { return nil }
            var slot = JSONMemberTable.hash(node.word, node.end - node.start - 2) & mask
            while slots[slot] >= 0 && !JSONMemberTable.sameName(tape, slots[slot], name) { slot = (slot + 1) & mask }
            slots[slot] = name
            name = node.next
        }
        self.tape = tape
        self.slots = slots
        self.mask = mask
    }

    @inline(__always)
    private static func hash(_ word: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((word ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    private static func sameName(_ tape: JSONTape, _ first: Int, _ second: Int) -> Bool {
        let a = tape.nodes[first], b = tape.nodes[second]
        guard a.word == b.word, a.end - a.start == b.end - b.start else { return false }
        return tape.bytes.withUnsafeBufferPointer { memcmpEqual($0.baseAddress! + a.start, $0.baseAddress! + b.start, a.end - a.start) }
    }

    /// The tape index of the value of the member named `wanted`, whose first eight bytes are `word`.
    func find(_ wanted: UnsafeBufferPointer<UInt8>, word: UInt64) -> Int? {
        let length = wanted.count
        let nodes = tape.nodes
        var slot = JSONMemberTable.hash(word, length) & mask
        while true {
            let name = slots[slot]
            if name < 0 { return nil }
            let node = nodes[name]
            if node.word == word && node.end - node.start - 2 == length
                && (length <= 8 || tape.bytes.withUnsafeBufferPointer({ memcmpEqual($0.baseAddress! + node.start + 9, wanted.baseAddress! + 8, length - 8) })) {
                return name + 1
            }
            slot = (slot + 1) & mask
        }
    }
}

@inline(__always)
private func memcmpEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
