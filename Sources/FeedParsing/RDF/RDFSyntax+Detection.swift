/// Which parser reads a document: by Content-Type, then by sniffing the first bytes, then by the URL's extension.
extension RDFSyntax {
    /// The syntax a media type names (parameters ignored); nil for types that say nothing (`text/plain`,
    /// `application/octet-stream`) or are not RDF.
    public init?(mediaType: String) {
        let type = mediaType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmed.lowercased() } ?? ""
        switch type {
        case "text/turtle", "application/x-turtle", "application/turtle": self = .turtle
        case "application/n-triples", "text/n-triples": self = .ntriples
        case "application/trig", "application/x-trig": self = .trig
        case "application/n-quads", "text/x-nquads", "text/n-quads": self = .nquads
        case "application/rdf+xml": self = .rdfxml
        case "application/ld+json": self = .jsonld
        default: return nil
        }
    }

    /// The syntax a file extension suggests (`catalog.ttl`, `dump.rdf?x=1`).
    public init?(url: String) {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "ttl", "turtle": self = .turtle
        case "nt": self = .ntriples
        case "trig": self = .trig
        case "nq": self = .nquads
        case "rdf", "owl": self = .rdfxml
        case "jsonld", "json-ld": self = .jsonld
        default: return nil
        }
    }

    /// Guesses from the start of the document; nil when it could be anything.
    ///
    /// `<?xml` or `<rdf:RDF` → RDF/XML; `{` or `[` → JSON-LD; `@prefix`, `PREFIX`, `@base` → Turtle (TriG
    /// when a `{` block follows a graph name); lines of `<s> <p> <o> .` → N-Triples; anything else that
    /// starts with `<` and has no `:` right after it → Turtle.
    public init?(sniffing bytes: [UInt8]) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // Skip whitespace and Turtle comments.
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1; continue }
            if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            }
            break
        }
        guard index < bytes.count else { return nil }
        let head = String(decoding: bytes[index..<min(bytes.count, index + 4096)], as: UTF8.self)
        let lower = head.lowercased()
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            self = .jsonld
        case UInt8(ascii: "<"):
            if lower.hasPrefix("<html") || lower.hasPrefix("<!doctype html") {
                return nil
            } else if lower.hasPrefix("<?xml") || lower.hasPrefix("<rdf:") || lower.hasPrefix("<!--") || lower.hasPrefix("<!doctype") {
                self = .rdfxml
            } else if let line = head.split(separator: "\n", maxSplits: 1).first, Self.isNTriplesLine(line) {
                self = Self.hasGraphBlock(lower) ? .trig : .ntriples
            } else if head.dropFirst().first.map({ $0.isLetter }) == true, head.contains("</") || head.contains("/>") {
                // `<dcat:Catalog …>…</dcat:Catalog>`: XML without a declaration (Turtle has no `</` or `/>`).
                self = .rdfxml
            } else {
                self = Self.hasGraphBlock(lower) ? .trig : .turtle
            }
        default:
            if lower.hasPrefix("@prefix") || lower.hasPrefix("prefix") || lower.hasPrefix("@base") || lower.hasPrefix("base")
                || bytes[index] == UInt8(ascii: "_") {
                self = Self.hasGraphBlock(lower) ? .trig : .turtle
            } else {
                return nil
            }
        }
    }

    /// `<s> <p> <o> .` or `<s> <p> "…" .`: the whole line is one statement ending with `.`.
    private static func isNTriplesLine(_ line: Substring) -> Bool {
        let trimmed = line.trimmingTrailingSpaces
        guard trimmed.hasSuffix("."), trimmed.hasPrefix("<") else { return false }
        return trimmed.filter { $0 == "<" }.count >= 2 && !trimmed.contains(";")
    }

    /// A TriG graph block: `<g> {` or `GRAPH <g> {` at the start of a statement.
    private static func hasGraphBlock(_ lower: String) -> Bool {
        for line in lower.split(separator: "\n") {
            let trimmed = line.trimmingTrailingSpaces
            if trimmed.hasSuffix("{"), !trimmed.contains("\"") { return true }
            if trimmed.hasPrefix("graph ") { return true }
        }
        return false
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\t" || last == "\r" { end = index(before: end) }
        var start = startIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        return self[start..<end]
    }
}

extension String {
    fileprivate var trimmed: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
