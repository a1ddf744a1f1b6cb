/// One node of an RDF graph: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI (relative references are resolved by the parsers against the document's base).
    case iri(String)
    /// A blank node, by its label without `_:`. Labels are scoped to one document: every parser prefixes
    /// the labels it reads with a per-document scope so two documents never share a blank node.
    case blank(String)
    /// A literal with its lexical form, and its datatype IRI or language tag (at most one of the two;
    /// `rdf:langString` literals carry only the language). Language tags are kept as written.
    case literal(String, datatype: String?, language: String?)

    /// A plain string literal.
    public static func string(_ value: String) -> RDFTerm { .literal(value, datatype: nil, language: nil) }

    /// The IRI, if this is an IRI.
    public var iri: String? {
        if case .iri(let value) = self { return value }
        return nil
    }

    /// The lexical form, if this is a literal.
    public var lexical: String? {
        if case .literal(let value, _, _) = self { return value }
        return nil
    }

    /// True for IRIs and blank nodes: a term that can be a subject.
    public var isResource: Bool {
        switch self {
        case .iri, .blank: return true
        case .literal: return false
        }
    }
}

/// One statement: subject, predicate IRI, object. Named graphs (TriG, N-Quads, JSON-LD `@graph` with an id)
/// are merged into one graph: fedcat reads catalogue metadata, not provenance of graphs.
public struct RDFTriple: Sendable, Hashable {
    public var subject: RDFTerm
    public var predicate: String
    public var object: RDFTerm

    public init(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}
