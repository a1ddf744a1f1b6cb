/// The RDF serialisations fedcat reads.
public enum RDFSyntax: String, Sendable, CaseIterable {
    case turtle
    case ntriples
    case trig
    case nquads
    case rdfxml
    case jsonld

    /// The media type to ask for and to label payloads with.
    public var mediaType: String {
        switch self {
        case .turtle: return "text/turtle"
        case .ntriples: return "application/n-triples"
        case .trig: return "application/trig"
        case .nquads: return "application/n-quads"
        case .rdfxml: return "application/rdf+xml"
        case .jsonld: return "application/ld+json"
        }
    }

    /// A name for messages: "Turtle", "RDF/XML", ….
    public var title: String {
        switch self {
        case .turtle: return "Turtle"
        case .ntriples: return "N-Triples"
        case .trig: return "TriG"
        case .nquads: return "N-Quads"
        case .rdfxml: return "RDF/XML"
        case .jsonld: return "JSON-LD"
        }
    }
}
