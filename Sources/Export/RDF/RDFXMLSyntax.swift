import FeedParsing

/// RDF/XML: one `rdf:Description` per block, properties as elements named by the export's prefixes.
struct RDFXMLSyntax: RDFSyntaxWriter {
    private let names = CompactNames()

    func head() -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
            + V.prefixes.map { "\n    xmlns:\($0.prefix)=\"\(Self.attribute($0.namespace))\"" }.joined() + ">\n"
    }
    func tail() -> String { "</rdf:RDF>\n" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var out = "  <rdf:Description rdf:about=\"\(Self.attribute(subject))\">\n"
        for t in statements {
            // Every predicate the export writes is in a declared namespace with a plain local name.
            let element = names.name(t.predicate) ?? "rdf:value"
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

    /// Element content (`attribute: false`): `&`, `<`, `>` as entities and carriage returns as `&#13;` (XML would
    /// turn them into line feeds). Attribute values also escape `"`, tab and line feed.
    static func escape(_ value: String, attribute: Bool = true) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func text(_ value: String) -> String { escape(value, attribute: false) }
    static func attribute(_ value: String) -> String { escape(value) }
}

/// JSON-LD: a context with the export's prefixes and a `@graph` of node objects, one per block.
struct JSONLDSyntax: RDFSyntaxWriter {
    private var first = true
    private let names = CompactNames()

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
                types.append(Self.string(name(iri)))
                continue
            }
            let key = name(t.predicate)
            if values[key] == nil { keys.append(key) }
            values[key, default: []].append(object(t.object))
        }
        var members = ["\"@id\": " + Self.string(subject)]
        if !types.isEmpty { members.append("\"@type\": [" + types.joined(separator: ", ") + "]") }
        for key in keys { members.append(Self.string(key) + ": [" + values[key]!.joined(separator: ", ") + "]") }
        let out = (first ? "\n    {" : ",\n    {") + members.joined(separator: ", ") + "}"
        first = false
        return out
    }

    private func name(_ iri: String) -> String { names.name(iri) ?? iri }

    private func object(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return "{\"@id\": " + Self.string(iri) + "}"
        case .blank(let label): return "{\"@id\": " + Self.string("_:" + label) + "}"
        case .literal(let text, let datatype, let language):
            if let language { return "{\"@value\": " + Self.string(text) + ", \"@language\": " + Self.string(language) + "}" }
            if let datatype { return "{\"@value\": " + Self.string(text) + ", \"@type\": " + Self.string(name(datatype)) + "}" }
            return "{\"@value\": " + Self.string(text) + "}"
        }
    }

    static func string(_ text: String) -> String { JSONWriter.string(.string(text)) }
}
