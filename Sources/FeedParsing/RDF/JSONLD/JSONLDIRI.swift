/// IRI helpers for JSON-LD: telling absolute IRIs from relative references, and resolving references
/// against a base IRI (RFC 3986 section 5.2, with dot-segment removal).
enum JSONLDIRI {
    /// True when `value` starts with a URI scheme followed by `:` (`http:`, `urn:`, `example-ds:`).
    static func isAbsolute(_ value: String) -> Bool {
        schemeEnd(value) != nil
    }

    /// The UTF-8 offset of the `:` ending the scheme, or nil when `value` has no scheme.
    static func schemeEnd(_ value: String) -> Int? {
        // Native strings are read from their UTF-8 buffer: walking the view byte by byte cost some 50 instructions a
        // byte.
        if let found = value.utf8.withContiguousStorageIfAvailable({ schemeEnd(bytes: $0) }) { return found }
        return schemeEnd(bytes: value.utf8)
    }

    @inline(__always)
    private static func schemeEnd(bytes: some Sequence<UInt8>) -> Int? {
        var index = 0
        for byte in bytes {
            if byte == UInt8(ascii: ":") { return index > 0 ? index : nil }
            let isAlpha = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if index == 0 {
                guard isAlpha else { return nil }
            } else {
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                guard isAlpha || isDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".") else { return nil }
            }
            index += 1
        }
        return nil
    }

    /// False when `iri` holds a character no IRI may contain: a space, a control character or one of
    /// `<>"{}|^` `` ` `` `\`. Eight bytes are stepped over at once while none of them can be one.
    static func isWellFormed(_ iri: String) -> Bool {
        var iri = iri
        return iri.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return true }
            var index = 0
            while index + 8 <= utf8.count, !mayHoldForbidden(ByteWord.load(base, index)) { index += 8 }
            while index < utf8.count {
                if isForbidden(base[index]) { return false }
                index += 1
            }
            return true
        }
    }

    /// True when `byte` may not appear in an IRI (bytes of non-ASCII characters may).
    @inline(__always)
    private static func isForbidden(_ byte: UInt8) -> Bool {
        // Bit n of `low` / `high` is set when byte n / n + 64 may not appear.
        let low: UInt64 = 0x0000_0005_FFFF_FFFF | (1 << 0x22) | (1 << 0x3C) | (1 << 0x3E)
        let high: UInt64 = (1 << (0x5C - 64)) | (1 << (0x5E - 64)) | (1 << (0x60 - 64)) | (1 << (0x7B - 64))
            | (1 << (0x7C - 64)) | (1 << (0x7D - 64)) | (1 << (0x7F - 64))
        if byte < 64 { return (low >> UInt64(byte)) & 1 != 0 }
        if byte < 128 { return (high >> UInt64(byte - 64)) & 1 != 0 }
        return false
    }

    /// False only when none of the eight bytes of `word` is one `isForbidden` refuses.
    @inline(__always)
    private static func mayHoldForbidden(_ word: UInt64) -> Bool {
        ByteWord.hasBelow(word, 0x21) || ByteWord.has(word, 0x22) || ByteWord.has(word, 0x3C) || ByteWord.has(word, 0x3E)
            || ByteWord.has(word, 0x5C) || ByteWord.has(word, 0x5E) || ByteWord.has(word, 0x60) || ByteWord.has(word, 0x7B)
            || ByteWord.has(word, 0x7C) || ByteWord.has(word, 0x7D) || ByteWord.has(word, 0x7F)
    }

    /// Resolves `reference` against `base`; an absolute reference is returned as it is, and so is any
    /// reference when there is no usable base (the caller then sees a relative result).
    static func resolve(_ reference: String, against base: String?) -> String {
        if isAbsolute(reference) { return reference }
        guard let base else { return reference }
        let baseParts = Parts(parsing: base)
        guard baseParts.scheme != nil else { return reference }
        let ref = Parts(parsing: reference)
        var target = Parts()
        target.scheme = baseParts.scheme
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removeDotSegments(ref.path)
            target.query = ref.query
        } else {
            target.authority = baseParts.authority
            if ref.path.isEmpty {
                target.path = baseParts.path
                target.query = ref.query ?? baseParts.query
            } else {
                if ref.path.hasPrefix("/") {
                    target.path = removeDotSegments(ref.path)
                } else {
                    target.path = removeDotSegments(merge(base: baseParts, path: ref.path))
                }
                target.query = ref.query
            }
        }
        target.fragment = ref.fragment
        return target.text
    }

    /// The five components of a URI reference.
    struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        /// Splits a reference into its components (RFC 3986 appendix B).
        init(parsing text: String) {
            var rest = Substring(text)
            if let end = JSONLDIRI.schemeEnd(text) {
                scheme = String(text.prefix(end))  // ASCII, so characters are bytes
                rest = rest.dropFirst(end + 1)
            }
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let slash = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
                authority = String(afterSlashes[..<slash])
                rest = afterSlashes[slash...]
            }
            path = String(rest)
        }

        var text: String {
            var result = ""
            if let scheme { result += scheme + ":" }
            if let authority { result += "//" + authority }
            result += path
            if let query { result += "?" + query }
            if let fragment { result += "#" + fragment }
            return result
        }
    }

    /// RFC 3986 5.2.3: the reference path appended to the base path's directory.
    private static func merge(base: Parts, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 5.2.4: removes `.` and `..` segments.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                let start = input.hasPrefix("/") ? input.index(after: input.startIndex) : input.startIndex
                let end = input[start...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        return output.joined()
    }
}
