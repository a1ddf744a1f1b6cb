import FeedParsing

/// RDF/XML: one `rdf:Description` per block, properties as elements named by the export's prefixes.
struct RDFXMLSyntax: RDFSyntaxWriter {
    func head() -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
            + V.prefixes.map { "\n    xmlns:\($0.prefix)=\"\(Self.attribute($0.namespace))\"" }.joined() + ">\n"
    }
    func tail() -> String { "</rdf:RDF>\n" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var out = "  <rdf:Description rdf:about=\"\(Self.attribute(subject))\">\n"
        for t in statements {
            // Every predicate the export writes is in a declared namespace with a plain local name.
            let element = V.compact(t.predicate).map { "\($0.prefix):\($0.local)" } ?? "rdf:value"
            switch t.object {
            case .iri(let iri):
                out += "    <\(element) rdf:resource=\"\(Self.attribute(iri))\"/>\n"
            case .blank(let label):
                out += "    <\(element) rdf:nodeID=\"\(Self.attribute(label))\"/>\n"
            case .literal(let text, let datatype, let language):
                var attributes = ""
                if let language { attributes = " xml:lang=\"\(Self.attribute(language))\"" }
                else if let datatype { attributes = " rdf:datatype=\"\(Self.attribute(datatype))\"" }
                out += "    <\(element)\(attributes)>\(Self.text(text))</\(element)>\n"
            }
        }
        return out + "  </rdf:Description>\n"
    }

    /// Element content: `&`, `<`, `>` as entities and carriage returns as `&#13;` (XML would turn them into line feeds).
    static func text(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func attribute(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// JSON-LD: a context with the export's prefixes and a `@graph` of node objects, one per block.
struct JSONLDSyntax: RDFSyntaxWriter {
    private var first = true

    func head() -> String {
        let context = V.prefixes.map { "\n    " + Self.string($0.prefix) + ": " + Self.string($0.namespace) }.joined(separator: ",")
        return "{\n  \"@context\": {" + context + "\n  },\n  \"@graph\": ["
    }
    func tail() -> String { "\n  ]\n}\n" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var keys: [String] = []
        var values: [String: [String]] = [:]
        var types: [String] = []
        for t in statements {
            if t.predicate == V.type, case .iri(let iri) = t.object {
                types.append(Self.string(Self.name(iri)))
                continue
            }
            let key = Self.name(t.predicate)
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(Self.object(t.object))
        }
        var members = ["\"@id\": " + Self.string(subject)]
        if !types.isEmpty { members.append("\"@type\": [" + types.joined(separator: ", ") + "]") }
        for key in keys { members.append(Self.string(key) + ": [" + values[key]!.joined(separator: ", ") + "]") }
        let out = (first ? "\n    {" : ",\n    {") + members.joined(separator: ", ") + "}"
        first = false
        return out
    }

    private static func name(_ iri: String) -> String { V.compact(iri).map { "\($0.prefix):\($0.local)" } ?? iri }

    private static func object(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return "{\"@id\": " + string(iri) + "}"
        case .blank(let label): return "{\"@id\": " + string("_:" + label) + "}"
        case .literal(let text, let datatype, let language):
            if let language { return "{\"@value\": " + string(text) + ", \"@language\": " + string(language) + "}" }
            if let datatype { return "{\"@value\": " + string(text) + ", \"@type\": " + string(name(datatype)) + "}" }
            return "{\"@value\": " + string(text) + "}"
        }
    }

    static func string(_ text: String) -> String { JSONWriter.string(.string(text)) }
}
