/// Serialises the content of an `rdf:parseType="Literal"` property element, from reader events,
/// into the lexical form of an `rdf:XMLLiteral` in the manner of Exclusive XML Canonicalization
/// without comments: each element declares the namespaces it visibly uses that are not already
/// declared by an enclosing element of the literal, declarations and attributes in canonical order,
/// empty elements as start and end tags, and text and attribute values escaped as c14n does.
/// Comments and processing instructions are not part of the events and so are left out.
struct RDFXMLLiteralWriter {
    private(set) var output: [UInt8] = []
    /// Open elements of the literal (the property element itself is not one).
    private(set) var depth = 0
    /// Namespace bindings declared in the output so far: (prefix, namespace, depth declared at).
    private var bindings: [(prefix: String, namespace: String, depth: Int)] = []

    init() {}

    /// The literal's lexical form.
    var lexical: String { String(decoding: output, as: UTF8.self) }

    mutating func start(_ name: XMLName, attributes: [XMLAttribute]) {
        depth += 1
        var declarations: [(prefix: String, namespace: String)] = []
        func use(_ prefix: String, _ namespace: String) {
            if declarations.contains(where: { $0.prefix == prefix }) { return }
            if let bound = bindings.last(where: { $0.prefix == prefix }) {
                if bound.namespace == namespace { return }
            } else if namespace.isEmpty {
                return   // an unprefixed element in no namespace, with no default namespace to undo
            }
            declarations.append((prefix, namespace))
        }
        use(name.prefix ?? "", name.namespace ?? "")
        for attribute in attributes {
            guard let namespace = attribute.name.namespace, namespace != RDFXMLVocabulary.xml else { continue }
            use(attribute.name.prefix ?? "", namespace)
        }
        declarations.sort { $0.prefix < $1.prefix }
        let sortedAttributes = attributes.sorted { a, b in
            let (na, nb) = (a.name.namespace ?? "", b.name.namespace ?? "")
            return na == nb ? a.name.local < b.name.local : na < nb
        }

        append("<")
        append(name.qualified)
        for declaration in declarations {
            append(declaration.prefix.isEmpty ? " xmlns=\"" : " xmlns:" + declaration.prefix + "=\"")
            appendEscaped(declaration.namespace, attribute: true)
            append("\"")
            bindings.append((declaration.prefix, declaration.namespace, depth))
        }
        for attribute in sortedAttributes {
            append(" ")
            append(attribute.name.namespace == RDFXMLVocabulary.xml ? "xml:" + attribute.name.local : attribute.name.qualified)
            append("=\"")
            appendEscaped(attribute.value, attribute: true)
            append("\"")
        }
        append(">")
    }

    mutating func end(_ name: XMLName) {
        append("</")
        append(name.qualified)
        append(">")
        while let last = bindings.last, last.depth == depth { bindings.removeLast() }
        depth -= 1
    }

    mutating func text(_ text: String) {
        appendEscaped(text, attribute: false)
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func appendEscaped(_ text: String, attribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">") where !attribute: append("&gt;")
            case UInt8(ascii: "\"") where attribute: append("&quot;")
            case 0x09 where attribute: append("&#x9;")
            case 0x0A where attribute: append("&#xA;")
            case 0x0D: append("&#xD;")
            default: output.append(byte)
            }
        }
    }
}
