/// Namespaces used when a document writes a compact IRI such as `xsd:dateTime` without defining its
/// prefix. The JSON-LD specification would keep `xsd:dateTime` as an IRI of scheme `xsd`; catalogue
/// portals mean the XML Schema datatype, so fedcat expands these well-known prefixes and reports it.
enum JSONLDWellKnownPrefixes {
    static let namespaces: [String: String] = [
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "dcterms": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "schema": "http://schema.org/",
        "adms": "http://www.w3.org/ns/adms#",
        "locn": "http://www.w3.org/ns/locn#",
    ]
}
