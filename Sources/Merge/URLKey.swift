/// Normalises URLs so that the same resource written two ways compares equal: scheme-less (http ≡ https),
/// lower-case host without `www.` and default port, no fragment, no trailing slash, query parameters sorted.
public enum URLKey {
    /// The normalised form, or nil when `text` is not an http(s) URL with a host.
    public static func normalise(_ text: String) -> String? {
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

/// Reads DOIs in any of their published shapes (`doi:10.1/x`, `https://doi.org/10.1/X`, `10.1/x`).
public enum DOIKey {
    /// The DOI in lower case (`10.1234/abc`), or nil when `text` holds none.
    public static func normalise(_ text: String) -> String? {
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
}

import CatalogModel
