/// Serialises a `JSONValue` to UTF-8 JSON text, compact or pretty, keeping number literals exactly.
///
/// Strings escape `"`, `\` and control characters (`\n \r \t \b \f`, others as `\u00XX`);
/// everything else, non-ASCII included, is written as raw UTF-8.
/// `JSONParser.parse(JSONWriter.write(value)) == value` for every value.
public struct JSONWriter: Sendable {
    /// Output settings.
    public struct Options: Sendable {
        /// Write object members sorted by key (by Unicode code point; duplicates keep their order).
        public var sortedKeys: Bool = false
        /// Indent with two spaces, one member or element per line, `": "` after keys.
        public var pretty: Bool = false
        /// Write `/` as `\/` (for embedding in HTML `<script>`).
        public var escapeSlashes: Bool = false

        /// The defaults: compact, document order, `/` unescaped.
        public init() {}

        /// Options with the given settings.
        public init(sortedKeys: Bool = false, pretty: Bool = false, escapeSlashes: Bool = false) {
            self.sortedKeys = sortedKeys
            self.pretty = pretty
            self.escapeSlashes = escapeSlashes
        }
    }

    /// The value as UTF-8 JSON bytes.
    public static func write(_ value: JSONValue, options: Options = .init()) -> [UInt8] {
        var output = JSONOutput(options: options)
        output.bytes.reserveCapacity(256)
        output.write(value, indent: 0)
        return output.bytes
    }

    /// The value as JSON text.
    public static func string(_ value: JSONValue, options: Options = .init()) -> String {
        String(decoding: write(value, options: options), as: UTF8.self)
    }
}

/// The writer's output buffer. Writers that know their document's shape write into it directly, without building a
/// `JSONValue` first: `string` escapes as `JSONWriter` does, and `bytes` takes punctuation and literals as they are.
public struct JSONOutput {
    public var bytes: [UInt8] = []
    let options: JSONWriter.Options

    public init(options: JSONWriter.Options = .init()) {
        self.options = options
    }

    /// Appends `text` as a JSON string, quoted and escaped.
    public mutating func string(_ text: String) {
        writeString(text)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null:
            bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(let flag):
            if flag {
                bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
            } else {
                bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
            }
        case .number(let number):
            bytes.append(contentsOf: number.literal.utf8)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            if elements.isEmpty {
                bytes.append(UInt8(ascii: "["))
                bytes.append(UInt8(ascii: "]"))
                return
            }
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                if options.pretty { newline(indent + 1) }
                write(element, indent: indent + 1)
            }
            if options.pretty { newline(indent) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                bytes.append(UInt8(ascii: "{"))
                bytes.append(UInt8(ascii: "}"))
                return
            }
            bytes.append(UInt8(ascii: "{"))
            var members = object.members
            if options.sortedKeys && !JSONOutput.isSorted(members) {
                // Stable sort by UTF-8 bytes, which is code point order.
                members = members.enumerated().sorted { lhs, rhs in
                    let order = JSONOutput.compareUTF8(lhs.element.key, rhs.element.key)
                    return order != 0 ? order < 0 : lhs.offset < rhs.offset
                }.map(\.element)
            }
            var first = true
            for member in members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                if options.pretty { newline(indent + 1) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                if options.pretty { bytes.append(UInt8(ascii: " ")) }
                write(member.value, indent: indent + 1)
            }
            if options.pretty { newline(indent) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(indent * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Whether the keys are already in the order sorting gives (strictly increasing UTF-8 bytes), so that writers
    /// which build objects in key order skip the sort.
    static func isSorted(_ members: [JSONObject.Member]) -> Bool {
        var index = 1
        while index < members.count {
            if compareUTF8(members[index - 1].key, members[index].key) >= 0 { return false }
            index += 1
        }
        return true
    }

    /// -1, 0 or 1 comparing two strings by their UTF-8 bytes (the order of `sortedKeys`).
    public static func compareUTF8(_ lhs: String, _ rhs: String) -> Int {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?):
                if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        let escapeSlashes = options.escapeSlashes
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            let count = utf8.count
            let raw = UnsafeRawBufferPointer(utf8)
            while index < count {
                // Eight bytes at a time while none needs an escape (the lowest flagged byte is always a real one).
                if !escapeSlashes && index + 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let mask = JSONByteReader.quoteOrBackslashMask(word) | control
                    if mask == 0 {
                        index += 8
                        continue
                    }
                    index += mask.trailingZeroBitCount >> 3
                }
                let byte = utf8[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && !(escapeSlashes && byte == 0x2F) {
                    index += 1
                    continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x2F: bytes.append(0x2F)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(JSONOutput.hexDigits[Int(byte >> 4)])
                    bytes.append(JSONOutput.hexDigits[Int(byte & 0xF)])
                }
                index += 1
                runStart = index
            }
            if runStart < count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
