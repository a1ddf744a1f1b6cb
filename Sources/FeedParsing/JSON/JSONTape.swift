/// A parsed JSON document kept as its bytes plus one flat list of nodes (a container before its contents), so that
/// reading a few fields of a large document makes strings only for those fields. `JSONNode` is the way in.
final class JSONTape: @unchecked Sendable {
    /// The document as parsed.
    let bytes: [UInt8]
    /// Every value in document order; an object's members are its name (a string node) then its value. Written
    /// only while parsing, then read-only (which makes the tape safe to share between threads).
    let nodes: UnsafeMutablePointer<JSONTapeNode>
    let count: Int
    /// The text of the strings that hold escapes, decoded while parsing (`JSONTapeNode.decoded` - 1).
    let decoded: [String]

    init(bytes: [UInt8], nodes: JSONTapeBuilder, decoded: [String]) {
        self.bytes = bytes
        self.nodes = nodes.base
        self.count = nodes.count
        self.decoded = decoded
    }

    deinit {
        nodes.deallocate()
    }

    /// Parses `bytes` with the same grammar, limits and errors as `JSONParser`.
    static func parse(_ bytes: [UInt8], options: JSONParser.Options) throws(JSONParseError) -> JSONTape {
        // Positions are kept in 32 bits (`JSONTapeNode`).
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError(reason: .tooLarge(bytes.count), byteOffset: 0, line: 1, column: 1)
        }
        var nodes = JSONTapeBuilder(capacity: max(16, bytes.count / 24))
        var decoded: [String] = []
        let result: Result<Void, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in
                var reader = JSONByteReader(buffer, options: options)
                try reader.parseTape(into: &nodes, decoded: &decoded)
            }
        }
        do { try result.get() } catch {
            nodes.base.deallocate()
            throw error
        }
        return JSONTape(bytes: bytes, nodes: nodes, decoded: decoded)
    }
}

/// One value on a `JSONTape`: 32 bytes, so that a page's tape takes two thirds of the memory (and of the cache
/// lines a lookup walks) that word-sized positions would. Positions are kept in 32 bits: a tape holds documents
/// under 4 GB (`JSONTape.parse` refuses larger ones).
struct JSONTapeNode {
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, array, object
    }

    var kind: Kind
    /// For a string with escapes, 1 + its index in `JSONTape.decoded`; 0 when its text is its bytes as they are.
    var decoded: Int32 = 0
    /// The number of elements of an array or members of an object.
    var count: Int32 = 0
    private var start32: UInt32
    private var end32: UInt32
    private var next32: UInt32
    /// For a member name without escapes, its first eight bytes (zero-padded): most names differ there.
    var word: UInt64 = 0

    init(kind: Kind, decoded: Int32 = 0, start: Int, end: Int, next: Int, word: UInt64 = 0) {
        self.kind = kind
        self.decoded = decoded
        start32 = UInt32(truncatingIfNeeded: start)
        end32 = UInt32(truncatingIfNeeded: end)
        next32 = UInt32(truncatingIfNeeded: next)
        self.word = word
    }

    /// The byte range of the whole value in the document (a string's with its quotes).
    var start: Int {
        @inline(__always) get { Int(start32) }
        @inline(__always) set { start32 = UInt32(truncatingIfNeeded: newValue) }
    }
    var end: Int {
        @inline(__always) get { Int(end32) }
        @inline(__always) set { end32 = UInt32(truncatingIfNeeded: newValue) }
    }
    /// The index of the node after this value and everything inside it; for a member name, the index of the next
    /// member's name (after the member's value), so that a lookup steps from name to name.
    var next: Int {
        @inline(__always) get { Int(next32) }
        @inline(__always) set { next32 = UInt32(truncatingIfNeeded: newValue) }
    }
}

/// The nodes of a tape being parsed, in memory the finished tape takes over.
struct JSONTapeBuilder {
    fileprivate(set) var base: UnsafeMutablePointer<JSONTapeNode>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutablePointer<JSONTapeNode>.allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ node: JSONTapeNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<JSONTapeNode>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    subscript(index: Int) -> JSONTapeNode {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// The first eight bytes of `count` bytes at `pointer` as one little-endian word, zero-padded.
@inline(__always)
func jsonNameWord(_ pointer: UnsafePointer<UInt8>, count: Int, readable: Int) -> UInt64 {
    if readable >= 8 {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        return count >= 8 ? word : word & ((1 << (UInt64(count) * 8)) &- 1)
    }
    var word: UInt64 = 0
    for index in 0..<min(count, 8) { word |= UInt64(pointer[index]) << (UInt64(index) * 8) }
    return word
}

extension JSONByteReader {
    /// Parses the document onto a tape: the same control flow as `parseDocument`, appending nodes instead of
    /// building values, so errors and their positions are the same.
    mutating func parseTape(into nodes: inout JSONTapeBuilder, decoded: inout [String]) throws(JSONParseError) {
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
        }
        skipWhitespace()
        guard position < end else { try fail(.emptyDocument, at: position) }
        try tapeValue(into: &nodes, decoded: &decoded)
        skipWhitespace()
        guard position == end else { try fail(.trailingContent, at: position) }
    }

    private mutating func tapeValue(into nodes: inout JSONTapeBuilder, decoded: inout [String]) throws(JSONParseError) {
        // The tape indices of the containers still open, innermost last, with the name of an object's current member.
        var open: [(node: Int, name: Int)] = []
        open.reserveCapacity(16)
        while true {
            skipWhitespace()
            guard position < end else { try fail(.unexpectedEnd, at: position) }
            let start = position
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                try tapeString(into: &nodes, decoded: &decoded)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let stop = JSONNumber.scanNumber(bytes, from: start)
                guard stop >= 0 else { try fail(.invalidNumber, at: start) }
                position = stop
                nodes.append(JSONTapeNode(kind: .number, start: start, end: stop, next: nodes.count + 1))
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                try enterContainer()
                skipWhitespace()
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if position < end && bytes[position] == closing {
                    position += 1
                    depth -= 1
                    nodes.append(JSONTapeNode(kind: isObject ? .object : .array, start: start, end: position, next: nodes.count + 1))
                } else {
                    open.append((nodes.count, nodes.count + 1))
                    nodes.append(JSONTapeNode(kind: isObject ? .object : .array, start: start, end: start, next: 0))
                    if isObject { try tapeMemberName(into: &nodes, decoded: &decoded) }
                    continue
                }
            case UInt8(ascii: "t"):
                if !literalFollows(0x6575_7274, length: 4) { try expectLiteral("true") }
                nodes.append(JSONTapeNode(kind: .true, start: start, end: position, next: nodes.count + 1))
            case UInt8(ascii: "f"):
                if !literalFollows(0x736C_6166, length: 5, fifth: UInt8(ascii: "e")) { try expectLiteral("false") }
                nodes.append(JSONTapeNode(kind: .false, start: start, end: position, next: nodes.count + 1))
            case UInt8(ascii: "n"):
                if !literalFollows(0x6C6C_756E, length: 4) { try expectLiteral("null") }
                nodes.append(JSONTapeNode(kind: .null, start: start, end: position, next: nodes.count + 1))
            default:
                try fail(.unexpectedCharacter(byte), at: position)
            }

            // A complete value: count it in the innermost open container, then close containers for as long as
            // their closing bracket follows.
            while true {
                guard let current = open.last else { return }
                let container = current.node, name = current.name
                nodes[container].count += 1
                let isObject = nodes[container].kind == .object
                if isObject { nodes[name].next = nodes.count }
                skipWhitespace()
                guard position < end else { try fail(.unexpectedEnd, at: position) }
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let separator = bytes[position]
                if separator == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if position < end && bytes[position] == closing {
                        guard allowTrailingCommas else { try fail(.trailingComma(closing: closing), at: position) }
                        position += 1
                    } else {
                        if isObject {
                            open[open.count - 1].name = nodes.count
                            try tapeMemberName(into: &nodes, decoded: &decoded)
                        }
                        break  // on to the next element or member value
                    }
                } else if separator == closing {
                    position += 1
                } else {
                    try fail(.missingComma(found: separator, closing: closing), at: position)
                }
                open.removeLast()
                depth -= 1
                nodes[container].end = position
                nodes[container].next = nodes.count
            }
        }
    }

    /// Steps over `true`, `false` or `null` when it is at the cursor, given as its first four bytes in one
    /// little-endian word (and its fifth byte); false leaves the cursor for `expectLiteral` to report the error.
    @inline(__always)
    private mutating func literalFollows(_ word: UInt32, length: Int, fifth: UInt8 = 0) -> Bool {
        guard position + length <= end,
              UInt32(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt32.self)) == word,
              length == 4 || bytes[position + 4] == fifth else { return false }
        position += length
        return true
    }

    /// Reads `"name" :` onto the tape as a string node; the cursor is where the name should start.
    private mutating func tapeMemberName(into nodes: inout JSONTapeBuilder, decoded: inout [String]) throws(JSONParseError) {
        guard position < end else { try fail(.unexpectedEnd, at: position) }
        let first = bytes[position]
        guard first == UInt8(ascii: "\"") else { try fail(.expectedKey(found: first), at: position) }
        let quote = position
        // Most names are shorter than eight bytes: the word after the opening quote holds the closing one, and is
        // the name's word once the bytes from the quote on are cleared.
        let mask = quote + 9 <= end ? JSONByteReader.quoteOrBackslashMask(
            UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + quote + 1).loadUnaligned(as: UInt64.self))) : 0
        let length = mask.trailingZeroBitCount >> 3
        if mask != 0 && bytes[quote + 1 + length] == UInt8(ascii: "\"") {
            position = quote + 2 + length
            nodes.append(JSONTapeNode(kind: .string, start: quote, end: position, next: nodes.count + 1,
                                      word: jsonNameWord(bytes.baseAddress! + quote + 1, count: length, readable: 8)))
        } else {
            try tapeString(into: &nodes, decoded: &decoded)
            let name = nodes.count - 1
            if nodes[name].decoded == 0 {
                let start = nodes[name].start + 1, length = nodes[name].end - start - 1
                nodes[name].word = jsonNameWord(bytes.baseAddress! + start, count: length, readable: end - start)
            }
        }
        skipWhitespace()
        guard position < end else { try fail(.unexpectedEnd, at: position) }
        let colon = bytes[position]
        guard colon == UInt8(ascii: ":") else { try fail(.missingColon(found: colon), at: position) }
        position += 1
    }

    /// Reads a string onto the tape; the cursor is on its opening quote. Only a string with escapes is decoded now.
    @inline(__always)
    private mutating func tapeString(into nodes: inout JSONTapeBuilder, decoded: inout [String]) throws(JSONParseError) {
        let quote = position
        let stop = JSONByteReader.quoteOrBackslash(in: bytes, from: quote + 1)
        guard stop < end else { try fail(.unterminatedString, at: quote) }
        if bytes[stop] == UInt8(ascii: "\"") {
            position = stop + 1
            nodes.append(JSONTapeNode(kind: .string, start: quote, end: position, next: nodes.count + 1))
            return
        }
        position = stop
        decoded.append(try parseEscapedString(start: quote + 1, quote: quote))
        nodes.append(JSONTapeNode(kind: .string, decoded: Int32(decoded.count), start: quote, end: position, next: nodes.count + 1))
    }
}
