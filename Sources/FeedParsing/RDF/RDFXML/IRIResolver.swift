/// Resolves IRI references against a base IRI as RFC 3986 section 5.2 says (strict resolution:
/// a reference with a scheme is absolute even when the scheme equals the base's).
///
/// Works on the UTF-8 bytes, so it handles IRIs (non-ASCII characters pass through untouched)
/// as well as URIs. It normalises nothing but dot segments: no case folding, no percent-encoding
/// changes, characters that IRIs do not allow are kept as written. The base is split into its
/// components once, so one resolver serves many references.
public struct IRIResolver: Sendable {
    /// The base IRI as given (its fragment, if any, plays no part in resolution).
    public let base: String
    private let parts: IRIParts
    private let bytes: [UInt8]

    /// A resolver for an absolute base IRI (one with a scheme); nil for a relative or empty base.
    public init?(base: String) {
        let bytes = Array(base.utf8)
        let parts = IRIParts(bytes)
        guard parts.scheme != nil else { return nil }
        self.base = base
        self.bytes = bytes
        self.parts = parts
    }

    /// Whether `reference` starts with a scheme (`http:`, `urn:` ...): an absolute IRI.
    public static func isAbsolute(_ reference: String) -> Bool {
        var reference = reference
        return reference.withUTF8 { IRIParts.schemeEnd($0) != nil }
    }

    /// The target IRI of `reference` (section 5.2.2), with dot segments removed from its path.
    public func resolve(_ reference: String) -> String {
        var copy = reference
        return copy.withUTF8 { resolve($0) } ?? reference
    }

    /// Resolves `reference` against `base`; nil when the reference is relative and the base is
    /// missing or itself relative.
    public static func resolve(_ reference: String, against base: String?) -> String? {
        if let base, let resolver = IRIResolver(base: base) { return resolver.resolve(reference) }
        var copy = reference
        let resolved: String?? = copy.withUTF8 { buffer in
            IRIParts.schemeEnd(buffer) == nil ? .none : .some(IRIResolver.absolute(buffer))
        }
        guard let resolved else { return nil }   // relative, and no base
        return resolved ?? reference
    }

    /// Removes the dot segments of `path` (RFC 3986 section 5.2.4).
    public static func removeDotSegments(_ path: String) -> String {
        var path = path
        return path.withUTF8 { buffer in
            var output: [UInt8] = []
            IRIParts.appendRemovingDotSegments(buffer, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// An absolute reference with its dot segments removed; nil when it has none (it is then the target as it is).
    private static func absolute(_ reference: UnsafeBufferPointer<UInt8>) -> String? {
        let parts = IRIParts(reference)
        guard IRIParts.hasDotSegments(reference, parts.path) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(reference.count)
        output.append(contentsOf: reference[..<parts.path.lowerBound])
        IRIParts.appendRemovingDotSegments(UnsafeBufferPointer(rebasing: reference[parts.path]), to: &output)
        output.append(contentsOf: reference[parts.path.upperBound...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Nil when the reference is returned unchanged.
    private func resolve(_ reference: UnsafeBufferPointer<UInt8>) -> String? {
        // An absolute reference without a dot segment is its own target: that settles most references without
        // taking them apart.
        if let end = IRIParts.schemeEnd(reference), !IRIParts.mayHaveDotSegment(reference, pathFrom: end + 1) { return nil }
        let r = IRIParts(reference)
        if r.scheme != nil {
            return IRIResolver.absolute(reference)
        }
        return bytes.withUnsafeBufferPointer { b -> String in
            var output: [UInt8] = []
            output.reserveCapacity(b.count + reference.count)
            // scheme ":"
            output.append(contentsOf: b[parts.scheme!])
            output.append(UInt8(ascii: ":"))
            if let authority = r.authority {
                output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "/")])
                output.append(contentsOf: reference[authority])
                IRIParts.appendRemovingDotSegments(UnsafeBufferPointer(rebasing: reference[r.path]), to: &output)
                if let query = r.query { IRIParts.append(query, of: reference, marker: "?", to: &output) }
            } else {
                if let authority = parts.authority {
                    output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "/")])
                    output.append(contentsOf: b[authority])
                }
                if r.path.isEmpty {
                    output.append(contentsOf: b[parts.path])
                    if let query = r.query {
                        IRIParts.append(query, of: reference, marker: "?", to: &output)
                    } else if let query = parts.query {
                        IRIParts.append(query, of: b, marker: "?", to: &output)
                    }
                } else {
                    if reference[r.path.lowerBound] == UInt8(ascii: "/") {
                        IRIParts.appendRemovingDotSegments(UnsafeBufferPointer(rebasing: reference[r.path]), to: &output)
                    } else {
                        // merge (5.2.3), then remove dot segments
                        var merged: [UInt8] = []
                        merged.reserveCapacity(parts.path.count + r.path.count + 1)
                        if parts.authority != nil && parts.path.isEmpty {
                            merged.append(UInt8(ascii: "/"))
                        } else if let slash = b[parts.path].lastIndex(of: UInt8(ascii: "/")) {
                            merged.append(contentsOf: b[parts.path.lowerBound...slash])
                        }
                        merged.append(contentsOf: reference[r.path])
                        merged.withUnsafeBufferPointer { IRIParts.appendRemovingDotSegments($0, to: &output) }
                    }
                    if let query = r.query { IRIParts.append(query, of: reference, marker: "?", to: &output) }
                }
            }
            if let fragment = r.fragment { IRIParts.append(fragment, of: reference, marker: "#", to: &output) }
            return String(decoding: output, as: UTF8.self)
        }
    }
}

/// The five components of an IRI reference (RFC 3986 appendix B), as byte ranges without their
/// delimiters: `scheme ":" "//" authority path "?" query "#" fragment`.
struct IRIParts: Sendable {
    var scheme: Range<Int>?
    var authority: Range<Int>?
    var path: Range<Int>
    var query: Range<Int>?
    var fragment: Range<Int>?

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { IRIParts($0) }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var position = 0
        let count = bytes.count
        if let end = IRIParts.schemeEnd(bytes) {
            scheme = 0..<end
            position = end + 1
        }
        if position + 1 < count && bytes[position] == UInt8(ascii: "/") && bytes[position + 1] == UInt8(ascii: "/") {
            let start = position + 2
            var end = start
            while end < count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                end += 1
            }
            authority = start..<end
            position = end
        }
        var pathEnd = position
        while pathEnd < count {
            let byte = bytes[pathEnd]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            pathEnd += 1
        }
        path = position..<pathEnd
        position = pathEnd
        if position < count && bytes[position] == UInt8(ascii: "?") {
            var end = position + 1
            while end < count && bytes[end] != UInt8(ascii: "#") { end += 1 }
            query = (position + 1)..<end
            position = end
        }
        if position < count && bytes[position] == UInt8(ascii: "#") {
            fragment = (position + 1)..<count
        }
    }

    /// The index of the `:` ending a valid scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or nil.
    static func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = bytes.first, isAlpha(first) else { return nil }
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index }
            if !(isAlpha(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")) {
                return nil
            }
            index += 1
        }
        return nil
    }

    @inline(__always) private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func append(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, marker: Unicode.Scalar,
                       to output: inout [UInt8]) {
        output.append(UInt8(ascii: marker))
        output.append(contentsOf: bytes[range])
    }

    /// False when no segment of a path starting at `start` or after a `/` can be `.` or `..` (no `.` there): a
    /// quick test that never misses a dot segment, wherever the path ends.
    static func mayHaveDotSegment(_ bytes: UnsafeBufferPointer<UInt8>, pathFrom start: Int) -> Bool {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ".") && (index == start || bytes[index - 1] == UInt8(ascii: "/")) { return true }
            index += 1
        }
        return false
    }

    /// Whether the path has a `.` or `..` segment.
    static func hasDotSegments(_ bytes: UnsafeBufferPointer<UInt8>, _ path: Range<Int>) -> Bool {
        var segmentStart = path.lowerBound
        var index = path.lowerBound
        while index <= path.upperBound {
            if index == path.upperBound || bytes[index] == UInt8(ascii: "/") {
                let length = index - segmentStart
                if length == 1 && bytes[segmentStart] == UInt8(ascii: ".") { return true }
                if length == 2 && bytes[segmentStart] == UInt8(ascii: ".") && bytes[segmentStart + 1] == UInt8(ascii: ".") {
                    return true
                }
                segmentStart = index + 1
            }
            index += 1
        }
        return false
    }

    /// Appends `path` with its dot segments removed (RFC 3986 section 5.2.4) to `output`; only
    /// the part of `output` appended here is ever shortened.
    static func appendRemovingDotSegments(_ path: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if !hasDotSegments(path, 0..<path.count) {
            output.append(contentsOf: path)
            return
        }
        let floor = output.count
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        var input = 0
        let end = path.count
        func at(_ index: Int) -> UInt8 { index < end ? path[index] : 0 }
        func removeLastSegment() {
            while output.count > floor, output.removeLast() != slash {}
        }
        while input < end {
            if at(input) == dot && at(input + 1) == dot && at(input + 2) == slash {          // A: "../"
                input += 3
            } else if at(input) == dot && at(input + 1) == slash {                            // A: "./"
                input += 2
            } else if at(input) == slash && at(input + 1) == dot && at(input + 2) == slash {  // B: "/./"
                input += 2
            } else if at(input) == slash && at(input + 1) == dot && input + 2 == end {         // B: "/."
                input += 1
                output.append(slash)
                input = end
            } else if at(input) == slash && at(input + 1) == dot && at(input + 2) == dot
                        && (at(input + 3) == slash || input + 3 == end) {                      // C: "/../" or "/.."
                removeLastSegment()
                if input + 3 == end {
                    output.append(slash)
                    input = end
                } else {
                    input += 3
                }
            } else if (at(input) == dot && input + 1 == end)
                        || (at(input) == dot && at(input + 1) == dot && input + 2 == end) {    // D: "." or ".."
                input = end
            } else {                                                                          // E
                var next = input
                if at(next) == slash { next += 1 }
                while next < end && path[next] != slash { next += 1 }
                output.append(contentsOf: path[input..<next])
                input = next
            }
        }
    }
}
