/// Normalises URLs so that the same resource written two ways compares equal: scheme-less (http ≡ https),
/// lower-case host without `www.` and default port, no fragment, no trailing slash, query parameters sorted.
public enum URLKey {
    /// The normalised form, or nil when `text` is not an http(s) URL with a host.
    public static func normalise(_ text: String) -> String? {
        if let ascii = normaliseASCII(text) { return ascii }
        return normaliseAnyText(text)
    }

    /// `normalise` for any text, over Swift characters.
    static func normaliseAnyText(_ text: String) -> String? {
        var rest = Substring(text.trimmed)
        let lower = rest.lowercased()
        if lower.hasPrefix("https://") { rest = rest.dropFirst(8) } else if lower.hasPrefix("http://") { rest = rest.dropFirst(7) } else { return nil }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash].lowercased()
        var path = String(rest[slash...])
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if host.hasSuffix(":80") || host.hasSuffix(":443") { host = String(host[..<host.lastIndex(of: ":")!]) }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        while path.hasSuffix("/") { path.removeLast() }
        let parameters = query.split(separator: "&").filter { !$0.isEmpty }.map(String.init).sorted()
        return host + path + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }
}

extension URLKey {
    /// `normalise` over the bytes of an ASCII text, the usual case, without building intermediate strings; nil (not
    /// `.some(nil)`) when the text is not ASCII, for the general path to read. Gives what the general path gives.
    static func normaliseASCII(_ text: String) -> String?? {
        var utf8 = text.utf8[...]
        guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while let first = utf8.first, isSpace(first) { utf8 = utf8.dropFirst() }
        while let last = utf8.last, isSpace(last) { utf8 = utf8.dropLast() }
        var rest = Array(utf8)
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
        func starts(_ prefix: StaticString) -> Bool {
            rest.count >= prefix.utf8CodeUnitCount && (0..<prefix.utf8CodeUnitCount).allSatisfy {
                lowered(rest[$0]) == prefix.utf8Start[$0]
            }
        }
        if starts("https://") { rest.removeFirst(8) } else if starts("http://") { rest.removeFirst(7) } else { return .some(nil) }
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest.removeSubrange(hash...) }
        var query: ArraySlice<UInt8> = []
        if let mark = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = rest[(mark + 1)...]
            rest = Array(rest[..<mark])
        }
        let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        var host = rest[..<slash].map(lowered)[...]
        var path = rest[slash...]
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host = host[(at + 1)...] }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")),
           host[(colon + 1)...].elementsEqual("80".utf8) || host[(colon + 1)...].elementsEqual("443".utf8) {
            host = host[..<colon]
        }
        if host.starts(with: "www.".utf8) { host = host.dropFirst(4) }
        guard !host.isEmpty else { return .some(nil) }
        while path.last == UInt8(ascii: "/") { path = path.dropLast() }
        var key = Array(host)
        key.append(contentsOf: path)
        let parameters = query.split(separator: UInt8(ascii: "&")).sorted { $0.lexicographicallyPrecedes($1) }
        for (index, parameter) in parameters.enumerated() {
            key.append(index == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            key.append(contentsOf: parameter)
        }
        return .some(String(decoding: key, as: UTF8.self))
    }
}

/// Reads DOIs in any of their published shapes (`doi:10.1/x`, `https://doi.org/10.1/X`, `10.1/x`).
public enum DOIKey {
    /// The DOI in lower case (`10.1234/abc`), or nil when `text` holds none.
    public static func normalise(_ text: String) -> String? {
        // Most identifiers (UUIDs, slugs, URLs) hold no "10." at all: finding that in the bytes is far cheaper than
        // the lower-casing and search below, which took an eighth of the match keys' time.
        guard holdsDOIPrefix(text.utf8) else { return nil }
        let lower = text.trimmed.lowercased()
        guard let range = lower.range(of: "10.") else { return nil }
        let prefix = lower[..<range.lowerBound]
        guard prefix.isEmpty || prefix == "doi:" || prefix.hasSuffix("doi.org/") || prefix == "doi: " || prefix.hasSuffix("dx.doi.org/") else { return nil }
        let doi = lower[range.lowerBound...]
        guard let slash = doi.firstIndex(of: "/"), doi.distance(from: doi.startIndex, to: slash) >= 4,
              doi[doi.index(doi.startIndex, offsetBy: 3)..<slash].allSatisfy({ $0.isNumber || $0 == "." }),
              doi.index(after: slash) < doi.endIndex else { return nil }
        return String(doi)
    }

    /// Whether `utf8` contains the bytes of "10.", which every DOI starts with.
    static func holdsDOIPrefix(_ utf8: String.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte == UInt8(ascii: ".") && previous == (UInt8(ascii: "1"), UInt8(ascii: "0")) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}

import CatalogModel
