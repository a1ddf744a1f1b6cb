/// The namespaces the DCAT-AP export writes, with the prefixes Turtle, RDF/XML and JSON-LD declare for them.
enum V {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let adms = "http://www.w3.org/ns/adms#"
    static let locn = "http://www.w3.org/ns/locn#"
    static let gsp = "http://www.opengis.net/ont/geosparql#"
    static let hydra = "http://www.w3.org/ns/hydra/core#"

    /// Prefix and namespace, in the order documents declare them.
    static let prefixes: [(prefix: String, namespace: String)] = [
        ("rdf", rdf), ("rdfs", rdfs), ("xsd", xsd), ("dcat", dcat), ("dct", dct), ("foaf", foaf), ("vcard", vcard),
        ("skos", skos), ("adms", adms), ("locn", locn), ("gsp", gsp), ("hydra", hydra),
    ]

    static let type = rdf + "type"

    /// `dct:title` for a namespace the export declares and a local name every syntax accepts; nil otherwise.
    static func compact(_ iri: String) -> (prefix: String, local: String)? {
        for (prefix, namespace) in prefixes where iri.hasPrefix(namespace) {
            let local = iri.dropFirst(namespace.count)
            guard let first = local.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
                  local.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
            else { return nil }
            return (prefix, String(local))
        }
        return nil
    }
}
