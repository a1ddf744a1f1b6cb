/// One parsed HTTP/1.x request as the handler sees it.
///
/// `path` is the percent-decoded path without the query string; `query` keeps
/// the order of the parameters and has `%XX` and `+` decoded (form encoding).
public struct HTTPRequest: Sendable {
    public var method: String
    /// Percent-decoded path, without the query string (always starts with "/").
    public var path: String
    /// The request target exactly as it appeared on the request line.
    public var rawTarget: String
    /// Query parameters in order, percent- and '+'-decoded.
    public var query: [(name: String, value: String)]
    /// Header fields in order, names as sent by the client.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// "HTTP/1.1" or "HTTP/1.0".
    public var version: String

    /// Builds a request from a method and a raw request target such as
    /// `/portal/api/3/action/package_search?q=water&rows=5`.
    /// Returns nil when the target is malformed (bad percent-encoding, not
    /// starting with "/" and not absolute-form, invalid UTF-8).
    public init?(
        method: String,
        target: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        version: String = "HTTP/1.1"
    ) {
        guard let parsed = RequestTarget.parse(target) else { return nil }
        self.method = method
        self.rawTarget = target
        self.path = parsed.path
        self.query = parsed.query
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// The first query parameter with this exact name, if any.
    public func queryValue(_ name: String) -> String? {
        query.first(where: { $0.name == name })?.value
    }

    /// All values of a query parameter that may be repeated (e.g. `fq`).
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.name.lowercased() == wanted })?.value
    }
}

/// Splitting and decoding of a request target.
enum RequestTarget {
    static func parse(_ target: String) -> (path: String, query: [(name: String, value: String)])? {
        var target = Substring(target)
        // Absolute-form ("http://host:port/path?x") as sent to proxies: keep path and query.
        if target.hasPrefix("http://") || target.hasPrefix("https://") {
            let schemeLength = target.hasPrefix("https://") ? 8 : 7
            let afterScheme = target.dropFirst(schemeLength)
            if let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                target = afterScheme[slash...]
                if target.hasPrefix("?") { target = "/" + target }
            } else {
                target = "/"
            }
        }
        if target == "*" { return ("*", []) }
        guard target.hasPrefix("/") else { return nil }
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }

        let rawPath: Substring
        let rawQuery: Substring?
        if let q = target.firstIndex(of: "?") {
            rawPath = target[..<q]
            rawQuery = target[target.index(after: q)...]
        } else {
            rawPath = target
            rawQuery = nil
        }
        guard let path = percentDecode(rawPath, plusAsSpace: false) else { return nil }
        var query: [(name: String, value: String)] = []
        if let rawQuery {
            for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
                let name: Substring
                let value: Substring
                if let eq = pair.firstIndex(of: "=") {
                    name = pair[..<eq]
                    value = pair[pair.index(after: eq)...]
                } else {
                    name = pair
                    value = ""
                }
                guard let n = percentDecode(name, plusAsSpace: true),
                      let v = percentDecode(value, plusAsSpace: true) else { return nil }
                query.append((name: n, value: v))
            }
        }
        return (path, query)
    }

    /// Decodes `%XX` escapes (and `+` as space when asked). Nil on a bad escape
    /// or when the result is not valid UTF-8.
    static func percentDecode(_ s: Substring, plusAsSpace: Bool) -> String? {
        let utf8 = Array(s.utf8)
        if !utf8.contains(UInt8(ascii: "%")) && !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(s)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let c = utf8[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < utf8.count, let hi = hexValue(utf8[i + 1]), let lo = hexValue(utf8[i + 2]) else {
                    return nil
                }
                out.append(hi << 4 | lo)
                i += 3
            } else if plusAsSpace && c == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
