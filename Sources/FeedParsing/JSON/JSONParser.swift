public import Foundation

/// A fast RFC 8259 JSON parser working directly on UTF-8 bytes; see `parse(_:options:)`.
///
/// Strict about syntax (trailing commas, missing separators, bad numbers and escapes are
/// errors with a line and column), forgiving about content: a lone UTF-16 surrogate escape
/// or an invalid UTF-8 byte inside a string becomes U+FFFD, and raw control characters
/// inside strings are kept as they are. A leading UTF-8 byte order mark is skipped.
public struct JSONParser: Sendable {
    /// Parser settings.
    public struct Options: Sendable {
        /// The deepest nesting of arrays and objects accepted. Parsing itself does not
        /// recurse, but Swift releases nested values recursively, so a value nested
        /// ~100,000 deep would overflow the stack when freed: keep this in the thousands.
        public var maxDepth: Int = 512
        /// Accept a comma before a closing `]` or `}` (JSON5-style documents).
        public var allowTrailingCommas: Bool = false

        /// The defaults: depth 512, trailing commas refused.
        public init() {}

        /// Options with the given settings.
        public init(maxDepth: Int = 512, allowTrailingCommas: Bool = false) {
            self.maxDepth = maxDepth
            self.allowTrailingCommas = allowTrailingCommas
        }
    }

    /// Parses one JSON document from raw UTF-8 bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        var reader = JSONByteReader(bytes.assumingMemoryBound(to: UInt8.self), options: options)
        return try reader.parseDocument()
    }

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse(_ bytes: [UInt8], options: Options = .init()) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw, options: options) }
        }
        return try result.get()
    }

    /// Parses one JSON document from UTF-8 data.
    public static func parse(_ data: Data, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw, options: options) }
        }
        return try result.get()
    }

    /// Parses one JSON document from any contiguous UTF-8 bytes (array slices, buffers, ...).
    public static func parse(_ bytes: some ContiguousBytes, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw, options: options) }
        }
        return try result.get()
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer), options: options) }
        }
        return try result.get()
    }
}

/// The parsing state: a cursor over the input bytes plus the stacks of open containers.
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position: Int = 0
    var depth: Int = 0
    private let maxDepth: Int
    let allowTrailingCommas: Bool
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []
    /// Elements of the arrays being parsed, innermost last; each array takes its own off the top.
    private let elementStack = JSONBuildStack<JSONValue>()
    /// Members of the objects being parsed, innermost last.
    private let memberStack = JSONBuildStack<JSONObject.Member>()

    init(_ bytes: UnsafeBufferPointer<UInt8>, options: JSONParser.Options) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = options.maxDepth
        self.allowTrailingCommas = options.allowTrailingCommas
    }

    // MARK: Document

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
        }
        skipWhitespace()
        guard position < end else { try fail(.emptyDocument, at: position) }
        let value = try parseValue()
        skipWhitespace()
        guard position == end else { try fail(.trailingContent, at: position) }
        return value
    }

    // MARK: Helpers

    /// Throws the error for `reason` at `offset`; out of line to keep the hot loops small.
    @inline(never)
    func fail(_ reason: JSONParseError.Reason, at offset: Int) throws(JSONParseError) -> Never {
        throw JSONParseError.at(offset, reason, in: bytes)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            if byte > 0x20 { return }
            if byte == 0x0A {
                // Pretty-printed input: skip the indentation eight spaces at a time.
                position += 1
                while position + 8 <= end
                    && UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: position, as: UInt64.self) == 0x2020_2020_2020_2020 {
                    position += 8
                }
            } else if byte == 0x20 || byte == 0x0D || byte == 0x09 {
                position += 1
            } else {
                return
            }
        }
    }

    // MARK: Values

    /// An array or object still open, and where its elements or members start on the build stack.
    private struct OpenContainer {
        var isObject: Bool
        var first: Int
    }

    /// Parses one value of any depth. Iterative, not recursive: open containers live on a
    /// heap stack, so deep nesting can never overflow the thread's stack, whatever maxDepth is.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        // Optional so that handing the value to a container can move it out with take().
        var value: JSONValue?
        while true {
            // The start of a value.
            skipWhitespace()
            guard position < end else { try fail(.unexpectedEnd, at: position) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "{"):
                try enterContainer()
                skipWhitespace()
                if position < end && bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    depth -= 1
                    value = .object(JSONObject())
                } else {
                    open.append(OpenContainer(isObject: true, first: memberStack.count))
                    try parseMemberName()
                    continue
                }
            case UInt8(ascii: "["):
                try enterContainer()
                skipWhitespace()
                if position < end && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    depth -= 1
                    value = .array([])
                } else {
                    open.append(OpenContainer(isObject: false, first: elementStack.count))
                    continue
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                try fail(.unexpectedCharacter(byte), at: position)
            }

            // A complete value: store it in the innermost open container, then close
            // containers for as long as their closing bracket follows.
            while true {
                guard let container = open.last else { return value.take()! }
                if container.isObject {
                    memberStack.setLastValue(value.take()!)
                } else {
                    elementStack.push(value.take()!)
                }
                skipWhitespace()
                guard position < end else { try fail(.unexpectedEnd, at: position) }
                let closing = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let separator = bytes[position]
                if separator == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if position < end && bytes[position] == closing {
                        guard allowTrailingCommas else { try fail(.trailingComma(closing: closing), at: position) }
                        position += 1
                    } else {
                        if container.isObject {
                            try parseMemberName()
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
                if container.isObject {
                    value = .object(JSONObject(storage: memberStack.pop(from: container.first)))
                } else {
                    value = .array(elementStack.pop(from: container.first))
                }
            }
        }
    }

    /// Steps over an opening bracket, enforcing maxDepth.
    @inline(__always)
    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= maxDepth else { try fail(.tooDeep(maxDepth), at: position) }
        position += 1
    }

    /// Parses `"name" :` and pushes a member with that name (its value comes next).
    /// The cursor is on the first non-whitespace byte where a name should start.
    private mutating func parseMemberName() throws(JSONParseError) {
        guard position < end else { try fail(.unexpectedEnd, at: position) }
        let first = bytes[position]
        guard first == UInt8(ascii: "\"") else { try fail(.expectedKey(found: first), at: position) }
        let key = try parseString()
        skipWhitespace()
        guard position < end else { try fail(.unexpectedEnd, at: position) }
        let colon = bytes[position]
        guard colon == UInt8(ascii: ":") else { try fail(.missingColon(found: colon), at: position) }
        position += 1
        memberStack.push(JSONObject.Member(key: key, value: .null))
    }

    /// Matches `true`, `false` or `null` at the cursor.
    @inline(never)
    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let expected = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount {
            guard start + index < end else { try fail(.unexpectedEnd, at: end) }
            guard bytes[start + index] == expected[index] else { try fail(.invalidLiteral, at: start) }
        }
        position = start + word.utf8CodeUnitCount
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        let stop = JSONNumber.scanNumber(bytes, from: start)
        guard stop >= 0 else { try fail(.invalidNumber, at: start) }
        position = stop
        return JSONNumber(unchecked: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
    }

    // MARK: Strings

    /// Parses a string; the cursor is on its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = position
        let start = quote + 1
        let stop = scanToQuoteOrBackslash(from: start)
        guard stop < end else { try fail(.unterminatedString, at: quote) }
        if bytes[stop] == UInt8(ascii: "\"") {
            // Fast path: no escapes, so the string is the bytes as they are.
            position = stop + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
        }
        position = stop
        return try parseEscapedString(start: start, quote: quote)
    }

    /// The offset of the first `"` or `\` at or after `start`, or `end` when there is none.
    @inline(__always)
    private func scanToQuoteOrBackslash(from start: Int) -> Int {
        JSONByteReader.quoteOrBackslash(in: bytes, from: start)
    }

    /// The offset of the first `"` or `\` in `bytes` at or after `start`, or `bytes.count` when there is none.
    @inline(__always)
    static func quoteOrBackslash(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let end = bytes.count
        if let base = bytes.baseAddress {
            // Eight bytes at a time (SWAR). The match mask is exact for the lowest matching
            // byte, which on little-endian is the first one in memory.
            let raw = UnsafeRawPointer(base)
            while index + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let mask = JSONByteReader.quoteOrBackslashMask(word)
                if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return end
    }

    /// High bit set in each byte of `word` that is `"` or `\` (bytes above the first match
    /// may be marked spuriously; the lowest marked byte is always a real match).
    @inline(__always)
    static func quoteOrBackslashMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let slashes = word ^ (ones &* 0x5C)
        let quoteZero = (quotes &- ones) & ~quotes & highs
        let slashZero = (slashes &- ones) & ~slashes & highs
        return quoteZero | slashZero
    }

    /// Parses the rest of a string that contains escapes; the cursor is on a backslash.
    @inline(never)
    mutating func parseEscapedString(start: Int, quote: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            guard position < end else { try fail(.unterminatedString, at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if runStart < position {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") {
                position = scanToQuoteOrBackslash(from: position)
                continue
            }
            if runStart < position {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            }
            guard position + 1 < end else { try fail(.unterminatedString, at: quote) }
            switch bytes[position + 1] {
            case UInt8(ascii: "\""): scratch.append(0x22); position += 2
            case UInt8(ascii: "\\"): scratch.append(0x5C); position += 2
            case UInt8(ascii: "/"): scratch.append(0x2F); position += 2
            case UInt8(ascii: "b"): scratch.append(0x08); position += 2
            case UInt8(ascii: "f"): scratch.append(0x0C); position += 2
            case UInt8(ascii: "n"): scratch.append(0x0A); position += 2
            case UInt8(ascii: "r"): scratch.append(0x0D); position += 2
            case UInt8(ascii: "t"): scratch.append(0x09); position += 2
            case UInt8(ascii: "u"):
                let unit = try readHex4(at: position + 2, escape: position, quote: quote)
                var scalar = unit
                position += 6
                if unit >= 0xD800 && unit <= 0xDBFF {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if position + 6 <= end,
                       bytes[position] == UInt8(ascii: "\\"),
                       bytes[position + 1] == UInt8(ascii: "u"),
                       let low = JSONByteReader.hex4(bytes, at: position + 2),
                       low >= 0xDC00 && low <= 0xDFFF {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar)
            default:
                try fail(.invalidEscape, at: position)
            }
            runStart = position
        }
    }

    /// Reads the four hex digits of a `\u` escape; `escape` is the backslash's offset.
    private func readHex4(at index: Int, escape: Int, quote: Int) throws(JSONParseError) -> UInt32 {
        if index + 4 <= end, let value = JSONByteReader.hex4(bytes, at: index) {
            return value
        }
        // Truncated input with only hex digits so far: the string is unterminated.
        var probe = index
        while probe < end && probe < index + 4 && JSONByteReader.hexValue(bytes[probe]) != nil { probe += 1 }
        if probe == end { try fail(.unterminatedString, at: quote) }
        try fail(.invalidEscape, at: escape)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte &- UInt8(ascii: "A") &+ 10)
        default: return nil
        }
    }

    /// Four hex digits at `index` (caller checks `index + 4 <= count`), or nil.
    @inline(__always)
    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard let a = hexValue(bytes[index]), let b = hexValue(bytes[index + 1]),
              let c = hexValue(bytes[index + 2]), let d = hexValue(bytes[index + 3]) else { return nil }
        return (a << 12) | (b << 8) | (c << 4) | d
    }

    @inline(__always)
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// A growable stack that hands its top elements over as an exactly sized array by moving
/// them (no copies, no reference-count traffic, no regrowth of the result).
final class JSONBuildStack<Element> {
    fileprivate var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    }

    deinit {
        // Elements left behind by a parse error.
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Moves the elements from `start` to the top into a new array and shrinks the stack to `start`.
    @inline(__always)
    func pop(from start: Int) -> [Element] {
        let length = count - start
        if length == 0 { return [] }
        let source = base + start
        let result = [Element](unsafeUninitializedCapacity: length) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: length)
            initialized = length
        }
        count = start
        return result
    }
}

extension JSONBuildStack where Element == JSONObject.Member {
    /// Sets the value of the member on top (pushed with a placeholder when its name was read).
    @inline(__always)
    func setLastValue(_ value: consuming JSONValue) {
        base[count - 1].value = value
    }
}
