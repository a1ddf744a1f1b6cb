import Foundation

/// Reads one JSON document in bounded memory: the elements of its top-level array, or of the array in one member of
/// its top-level object (`dataset` in a data.json), are handed out one at a time as their own bytes, for the caller
/// to parse; every other top-level member is parsed whole and returned in the outline.
///
/// What it reads itself (the top level, the separators between elements) is checked as strictly as `JSONParser`
/// does, and an error there ends the read with its line and column. What is inside an element is only delimited:
/// the caller's parse judges it, so one broken element need not end the read.
public enum JSONStream {
    public struct Options: Sendable {
        /// How much is read from the source at a time.
        public var chunkBytes = 4 << 20
        /// The largest element handed out; a larger one is skipped and reported as `.tooLarge`.
        public var maxElementBytes = 64 << 20
        /// The largest other top-level member read (it is parsed whole).
        public var maxMemberBytes = 256 << 20
        public var parser = JSONParser.Options()

        public init() {}
    }

    /// One element of the streamed array.
    public enum Element {
        /// Its bytes, valid only during the call.
        case bytes(UnsafeRawBufferPointer)
        /// It was larger than `maxElementBytes` (its size in bytes) and was skipped.
        case tooLarge(Int)
    }

    /// Where an element is: its index in the streamed array and its first byte's offset in the document.
    public struct Place: Sendable, Equatable {
        /// The top-level member holding the array; nil when the array is the top level.
        public var member: String?
        public var index: Int
        public var offset: Int
        /// The top-level members read before the array (in document order); empty for a top-level array.
        public var preceding: JSONObject

        /// The element's JSON pointer (`/dataset/17`, or `/17` in a top-level array).
        public var pointer: String {
            let escaped = member.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            return (escaped ?? "") + "/\(index)"
        }
    }

    /// What the document held besides the streamed elements.
    public struct Outline: Sendable {
        public enum Root: Sendable {
            /// A top-level array: its elements were streamed.
            case array
            /// A top-level object: its members other than the streamed array, in document order.
            case object(JSONObject)
            /// A top-level scalar.
            case scalar(JSONValue)
        }

        public var root: Root
        /// How many elements were handed out (with `.tooLarge` ones); nil when an object had no array member of
        /// the streamed name.
        public var streamed: Int?
        /// True when the caller stopped the read.
        public var stopped = false
    }

    /// Reads `source`; `onElement` gets each element of the top-level array, or of the array in the top-level
    /// member `member`, with where it is, and returns false to stop.
    public static func read<Source: JSONByteSource>(_ source: Source, streaming member: String, options: Options = Options(),
                                                    onElement: (Place, Element) -> Bool) throws(JSONStreamError) -> Outline {
        var reader = JSONStreamReader(window: JSONStreamWindow(source: source, chunkBytes: options.chunkBytes), options: options)
        return try reader.read(member: member, onElement: onElement)
    }

    /// The line and column (1-based, columns in Unicode scalars) of byte `offset` of the document `source` reads,
    /// found by reading it from its start; (0, 0) when it cannot start again.
    public static func locate<Source: JSONByteSource>(_ offset: Int, in source: Source) -> (line: Int, column: Int) {
        JSONStreamWindow(source: source, chunkBytes: 64).position(of: offset)
    }
}

/// The reading itself, over a window of the document.
struct JSONStreamReader<Source: JSONByteSource> {
    let window: JSONStreamWindow<Source>
    let options: JSONStream.Options

    mutating func read(member: String, onElement: (JSONStream.Place, JSONStream.Element) -> Bool) throws(JSONStreamError) -> JSONStream.Outline {
        guard var offset = try nextNonSpace(from: 0, skippingBOM: true) else { throw fail(.emptyDocument, at: window.limit) }
        let outline: JSONStream.Outline
        switch window[offset] {
        case UInt8(ascii: "["):
            let (end, count, stopped) = try streamArray(at: offset, member: nil, preceding: JSONObject(), onElement: onElement)
            offset = end
            outline = JSONStream.Outline(root: .array, streamed: count, stopped: stopped)
            if stopped { return outline }
        case UInt8(ascii: "{"):
            let read = try object(at: offset, member: member, onElement: onElement)
            if read.outline.stopped { return read.outline }
            offset = read.end
            outline = read.outline
        default:
            let end = try valueEnd(at: offset, name: "", limit: options.maxMemberBytes)
            outline = JSONStream.Outline(root: .scalar(try parse(offset..<end)), streamed: nil)
            offset = end
        }
        if let extra = try nextNonSpace(from: offset) { throw fail(.trailingContent, at: extra) }
        return outline
    }

    /// The object at `start`: streams the array in `member`, parses the other members.
    private mutating func object(at start: Int, member: String, onElement: (JSONStream.Place, JSONStream.Element) -> Bool)
        throws(JSONStreamError) -> (end: Int, outline: JSONStream.Outline) {
        var members = JSONObject()
        var streamed: Int? = nil
        var offset = try expectNonSpace(from: start + 1)
        if window[offset] == UInt8(ascii: "}") { return (offset + 1, JSONStream.Outline(root: .object(members), streamed: nil)) }
        while true {
            guard window[offset] == UInt8(ascii: "\"") else { throw fail(.expectedKey(found: window[offset]), at: offset) }
            let keyEnd = try valueEnd(at: offset, name: "", limit: options.maxMemberBytes)
            let key = try parse(offset..<keyEnd).string ?? ""
            offset = try expectNonSpace(from: keyEnd)
            guard window[offset] == UInt8(ascii: ":") else { throw fail(.missingColon(found: window[offset]), at: offset) }
            offset = try expectNonSpace(from: offset + 1)
            let end: Int
            if key == member && streamed == nil && window[offset] == UInt8(ascii: "[") {
                let (arrayEnd, count, stopped) = try streamArray(at: offset, member: key, preceding: members, onElement: onElement)
                streamed = count
                if stopped { return (arrayEnd, JSONStream.Outline(root: .object(members), streamed: count, stopped: true)) }
                end = arrayEnd
            } else {
                end = try valueEnd(at: offset, name: key, limit: options.maxMemberBytes)
                members.append(key: key, value: try parse(offset..<end))
            }
            window.keep = end
            offset = try expectNonSpace(from: end)
            switch window[offset] {
            case UInt8(ascii: "}"):
                return (offset + 1, JSONStream.Outline(root: .object(members), streamed: streamed))
            case UInt8(ascii: ","):
                offset = try expectNonSpace(from: offset + 1)
                if window[offset] == UInt8(ascii: "}") {
                    guard options.parser.allowTrailingCommas else { throw fail(.trailingComma(closing: UInt8(ascii: "}")), at: offset) }
                    return (offset + 1, JSONStream.Outline(root: .object(members), streamed: streamed))
                }
            default:
                throw fail(.missingComma(found: window[offset], closing: UInt8(ascii: "}")), at: offset)
            }
        }
    }

    /// Hands out the elements of the array at `start`; its end, the count handed out, and whether the caller stopped.
    private mutating func streamArray(at start: Int, member: String?, preceding: JSONObject, onElement: (JSONStream.Place, JSONStream.Element) -> Bool)
        throws(JSONStreamError) -> (end: Int, count: Int, stopped: Bool) {
        var offset = try expectNonSpace(from: start + 1)
        if window[offset] == UInt8(ascii: "]") { return (offset + 1, 0, false) }
        var index = 0
        while true {
            window.keep = offset
            let span = try elementEnd(at: offset)
            let place = JSONStream.Place(member: member, index: index, offset: offset, preceding: preceding)
            let goOn: Bool
            if span.tooLarge {
                goOn = onElement(place, .tooLarge(span.end - offset))
            } else {
                goOn = try window.withBytes(offset..<span.end) { bytes throws(JSONStreamError) in onElement(place, .bytes(bytes)) }
            }
            index += 1
            window.keep = span.end
            if !goOn { return (span.end, index, true) }
            offset = try expectNonSpace(from: span.end)
            switch window[offset] {
            case UInt8(ascii: "]"):
                return (offset + 1, index, false)
            case UInt8(ascii: ","):
                offset = try expectNonSpace(from: offset + 1)
                if window[offset] == UInt8(ascii: "]") {
                    guard options.parser.allowTrailingCommas else { throw fail(.trailingComma(closing: UInt8(ascii: "]")), at: offset) }
                    return (offset + 1, index, false)
                }
            default:
                throw fail(.missingComma(found: window[offset], closing: UInt8(ascii: "]")), at: offset)
            }
        }
    }

    /// Parses the bytes of `range` (a member name or value), with an error placed in the whole document.
    private func parse(_ range: Range<Int>) throws(JSONStreamError) -> JSONValue {
        let result = try window.withBytes(range) { bytes throws(JSONStreamError) -> Result<JSONValue, JSONParseError> in
            Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(bytes, options: options.parser) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw fail(error.reason, at: range.lowerBound + error.byteOffset)
        }
    }

    func fail(_ reason: JSONParseError.Reason, at offset: Int) -> JSONStreamError {
        let (line, column) = window.position(of: offset)
        return .syntax(JSONParseError(reason: reason, byteOffset: offset, line: line, column: column))
    }

    // MARK: Scanning

    /// The offset of the first byte at or after `offset` that is not whitespace; nil at the end of the document.
    private func nextNonSpace(from start: Int, skippingBOM: Bool = false) throws(JSONStreamError) -> Int? {
        var offset = start
        while true {
            if offset + 3 > window.limit, !window.atEnd {
                window.keep = min(window.keep, offset)
                _ = try window.fill()
                continue
            }
            if skippingBOM, offset == 0, window.limit >= 3, window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF { offset = 3 }
            while offset < window.limit {
                switch window[offset] {
                case 0x20, 0x0A, 0x0D, 0x09: offset += 1
                default: return offset
                }
            }
            window.keep = offset
            guard try window.fill() else { return nil }
        }
    }

    private func expectNonSpace(from offset: Int) throws(JSONStreamError) -> Int {
        guard let found = try nextNonSpace(from: offset) else { throw fail(.unexpectedEnd, at: window.limit) }
        return found
    }

    /// One past the end of the value at `start`; a value larger than `limit` is an error naming the member.
    private func valueEnd(at start: Int, name: String, limit: Int) throws(JSONStreamError) -> Int {
        window.keep = start
        let span = try scan(from: start, limit: limit)
        if span.tooLarge { throw .memberTooLarge(name: name, offset: start, limit: limit) }
        return span.end
    }

    private func elementEnd(at start: Int) throws(JSONStreamError) -> (end: Int, tooLarge: Bool) {
        try scan(from: start, limit: options.maxElementBytes)
    }

    /// Finds where the value starting at `start` ends, reading more as needed. Strings are skipped whole and
    /// brackets counted; the content is not checked. Past `limit` bytes the value's bytes are let go as they are
    /// scanned, and the span comes back marked too large.
    private func scan(from start: Int, limit: Int) throws(JSONStreamError) -> (end: Int, tooLarge: Bool) {
        var offset = start
        var depth = 0
        var inString = false
        var tooLarge = false
        // A value that ends inside the window it started in is measured at its end.
        func span(_ end: Int) -> (end: Int, tooLarge: Bool) { (end, tooLarge || end - start > limit) }
        let first = window[start]
        let scalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        while true {
            let bytes = window.bytes
            var index = offset - window.base
            let end = bytes.count
            scanning: while index < end {
                if inString {
                    index = JSONByteReader.quoteOrBackslash(in: bytes, from: index)
                    if index >= end { break scanning }
                    if bytes[index] == UInt8(ascii: "\\") {
                        if index + 1 >= end { break scanning }
                        index += 2
                        continue
                    }
                    inString = false
                    index += 1
                    if depth == 0 { return span(window.base + index) }
                    continue
                }
                let byte = bytes[index]
                if scalar {
                    switch byte {
                    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09:
                        return span(window.base + index)
                    default: index += 1
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return span(window.base + index + 1) }
                default: break
                }
                index += 1
            }
            offset = window.base + index
            if offset - start > limit { tooLarge = true }
            if tooLarge { window.keep = offset }
            guard try window.fill() else {
                if scalar { return span(window.limit) }
                throw fail(inString && depth == 0 ? .unterminatedString : .unexpectedEnd, at: inString && depth == 0 ? start : window.limit)
            }
        }
    }
}
