/// The attributes of one RDF/XML element, sorted into what the grammar makes of them.
struct RDFXMLAttributes {
    var id: String?
    var about: String?
    var nodeID: String?
    var resource: String?
    var datatype: String?
    var parseType: String?
    /// `xml:lang`: nil when absent, `.some(nil)` for `xml:lang=""` (no language from here down).
    var language: String??
    var base: String?
    /// Property attributes: the predicate IRI and the value (`rdf:type` values are IRIs, the
    /// others literals).
    var properties: [(predicate: String, value: String)] = []
    /// Sentences for attributes that have no meaning in RDF/XML (they are ignored).
    var problems: [String] = []

    init(_ attributes: [XMLAttribute]) {
        for attribute in attributes {
            let name = attribute.name
            if name.namespace == RDFXMLVocabulary.xml {
                if name.local == "lang" {
                    language = .some(attribute.value.isEmpty ? nil : attribute.value)
                } else if name.local == "base" {
                    base = attribute.value
                }
                continue   // xml:space and the other xml: attributes mean nothing to RDF
            }
            guard let term = RDFXMLVocabulary.term(of: name) else {
                if let namespace = name.namespace {
                    properties.append((namespace + name.local, attribute.value))
                } else if !name.local.lowercased().hasPrefix("xml") {
                    problems.append("the attribute `\(name.local)` has no namespace, so it names no property; it is ignored")
                }
                continue
            }
            switch term {
            case .ID: id = attribute.value
            case .about: about = attribute.value
            case .nodeID: nodeID = attribute.value
            case .resource: resource = attribute.value
            case .datatype: datatype = attribute.value
            case .parseType: parseType = attribute.value
            case .other:
                let local = name.namespace == nil ? "type" : name.local
                if RDFXMLVocabulary.isKnownProperty(local) {
                    properties.append((RDFXMLVocabulary.rdf + local, attribute.value))
                } else {
                    problems.append("`rdf:\(local)` is not a property of the RDF vocabulary; the attribute is ignored")
                }
            case .RDF, .description, .li:
                problems.append("`rdf:\(name.local)` cannot be used as an attribute; it is ignored")
            case .old:
                problems.append("`rdf:\(name.local)` was removed from RDF and cannot be used; it is ignored")
            }
        }
    }

    /// True when the attributes say nothing about the element's object (for property elements:
    /// no rdf:resource, rdf:nodeID or property attributes).
    var namesNoObject: Bool { resource == nil && nodeID == nil && properties.isEmpty }
}
