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
        /// The deepest nesting of arrays and objects accepted. The parser recurses once per
        /// level, so keep this in the thousands at most.
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

/// The parsing state: a cursor over the input bytes.
struct JSONByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var position: Int = 0
    private var depth: Int = 0
    private let maxDepth: Int
    private let allowTrailingCommas: Bool
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

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
        guard position < end else { throw error(.emptyDocument, at: position) }
        let value = try parseValue()
        skipWhitespace()
        guard position == end else { throw error(.trailingContent, at: position) }
        return value
    }

    // MARK: Helpers

    @inline(never)
    private func error(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        JSONParseError.at(offset, reason, in: bytes)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            if byte > 0x20 { return }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                position += 1
            } else {
                return
            }
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd, at: position) }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral(0x74, 0x72, 0x75, 0x65, length: 4)  // true
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral(0x66, 0x61, 0x6C, 0x73, 0x65, length: 5)  // false
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral(0x6E, 0x75, 0x6C, 0x6C, length: 4)  // null
            return .null
        default:
            throw error(.unexpectedCharacter(byte), at: position)
        }
    }

    /// Matches `true`, `false` or `null` at the cursor.
    @inline(__always)
    private mutating func expectLiteral(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8 = 0, length: Int) throws(JSONParseError) {
        let start = position
        let expected = (b0, b1, b2, b3, b4)
        var index = 0
        while index < length {
            let want: UInt8
            switch index {
            case 0: want = expected.0
            case 1: want = expected.1
            case 2: want = expected.2
            case 3: want = expected.3
            default: want = expected.4
            }
            guard start + index < end else { throw error(.unexpectedEnd, at: end) }
            guard bytes[start + index] == want else { throw error(.invalidLiteral, at: start) }
            index += 1
        }
        position = start + length
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        let stop = JSONNumber.scanNumber(bytes, from: start)
        guard stop >= 0 else { throw error(.invalidNumber, at: start) }
        position = stop
        return JSONNumber(unchecked: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        let open = position
        depth += 1
        guard depth <= maxDepth else { throw error(.tooDeep(maxDepth), at: open) }
        position += 1
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd, at: position) }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        var elements: [JSONValue] = []
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < end else { throw error(.unexpectedEnd, at: position) }
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if position < end && bytes[position] == UInt8(ascii: "]") {
                    guard allowTrailingCommas else {
                        throw error(.trailingComma(closing: UInt8(ascii: "]")), at: position)
                    }
                    position += 1
                    break
                }
            } else if byte == UInt8(ascii: "]") {
                position += 1
                break
            } else {
                throw error(.missingComma(found: byte, closing: UInt8(ascii: "]")), at: position)
            }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        let open = position
        depth += 1
        guard depth <= maxDepth else { throw error(.tooDeep(maxDepth), at: open) }
        position += 1
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd, at: position) }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        var members: [JSONObject.Member] = []
        while true {
            // The cursor is on the first byte of what should be a member name.
            guard position < end else { throw error(.unexpectedEnd, at: position) }
            let first = bytes[position]
            guard first == UInt8(ascii: "\"") else { throw error(.expectedKey(found: first), at: position) }
            let key = try parseString()
            skipWhitespace()
            guard position < end else { throw error(.unexpectedEnd, at: position) }
            let colon = bytes[position]
            guard colon == UInt8(ascii: ":") else { throw error(.missingColon(found: colon), at: position) }
            position += 1
            let value = try parseValue()
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < end else { throw error(.unexpectedEnd, at: position) }
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if position < end && bytes[position] == UInt8(ascii: "}") {
                    guard allowTrailingCommas else {
                        throw error(.trailingComma(closing: UInt8(ascii: "}")), at: position)
                    }
                    position += 1
                    break
                }
            } else if byte == UInt8(ascii: "}") {
                position += 1
                break
            } else {
                throw error(.missingComma(found: byte, closing: UInt8(ascii: "}")), at: position)
            }
        }
        depth -= 1
        return .object(JSONObject(storage: members))
    }

    // MARK: Strings

    /// Parses a string; the cursor is on its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = position
        let start = quote + 1
        var index = start
        // Fast scan, eight bytes at a time, for the closing quote or a backslash.
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while index + 8 <= end {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if JSONByteReader.hasQuoteOrBackslash(word) { break }
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                position = index
                return try parseEscapedString(start: start, quote: quote)
            }
            // The word that stopped the wide scan holds a quote or backslash, so this
            // byte loop ends within eight bytes (or walks the last few bytes of input).
            index += 1
        }
        throw error(.unterminatedString, at: quote)
    }

    /// True when any byte of `word` is `"` or `\`.
    @inline(__always)
    static func hasQuoteOrBackslash(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let slashes = word ^ (ones &* 0x5C)
        let quoteZero = (quotes &- ones) & ~quotes & highs
        let slashZero = (slashes &- ones) & ~slashes & highs
        return (quoteZero | slashZero) != 0
    }

    /// Parses the rest of a string that contains escapes; the cursor is on a backslash.
    private mutating func parseEscapedString(start: Int, quote: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            guard position < end else { throw error(.unterminatedString, at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if runStart < position {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            if runStart < position {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            }
            guard position + 1 < end else { throw error(.unterminatedString, at: quote) }
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
                throw error(.invalidEscape, at: position)
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
        if probe == end { throw error(.unterminatedString, at: quote) }
        throw error(.invalidEscape, at: escape)
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
