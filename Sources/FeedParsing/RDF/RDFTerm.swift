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

/// What a term is, for readers that hand terms over as bytes (`RDFTermBytes`).
public enum RDFTermKind: UInt8, Sendable {
    case iri, literal, blank
}

/// A term handed over as its text's UTF-8 bytes, valid only during the call that hands it: what a reader can give
/// without making a `String` (serd's nodes), and what a `String` term gives without copying (`with(_:_:)`).
public struct RDFTermBytes {
    public var kind: RDFTermKind
    public var text: UnsafeRawBufferPointer
    /// A literal's datatype IRI or language tag (at most one, as in `RDFTerm`).
    public var datatype: String?
    public var language: String?

    public init(kind: RDFTermKind, text: UnsafeRawBufferPointer, datatype: String? = nil, language: String? = nil) {
        self.kind = kind
        self.text = text
        self.datatype = datatype
        self.language = language
    }

    /// The term as an `RDFTerm` (a `String` made from the bytes).
    public var term: RDFTerm {
        let value = String(decoding: text, as: UTF8.self)
        switch kind {
        case .iri: return .iri(value)
        case .blank: return .blank(value)
        case .literal: return .literal(value, datatype: datatype, language: language)
        }
    }

    /// Calls `body` with `term` as bytes.
    public static func with<T>(_ term: RDFTerm, _ body: (RDFTermBytes) -> T) -> T {
        switch term {
        case .iri(let iri): return with(iri, .iri, nil, nil, body)
        case .blank(let label): return with(label, .blank, nil, nil, body)
        case .literal(let text, let datatype, let language): return with(text, .literal, datatype, language, body)
        }
    }

    private static func with<T>(_ text: String, _ kind: RDFTermKind, _ datatype: String?, _ language: String?,
                                _ body: (RDFTermBytes) -> T) -> T {
        var text = text
        return text.withUTF8 { body(RDFTermBytes(kind: kind, text: UnsafeRawBufferPointer($0), datatype: datatype, language: language)) }
    }

    /// Hands `subject predicate object` to `sink` as bytes.
    public static func deliver(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, to sink: RDFByteSink) {
        with(subject) { subjectBytes in
            with(object) { sink(subjectBytes, predicate, $0) }
        }
    }
}

/// Where a reader that hands terms over as bytes delivers each statement: subject, predicate IRI, object.
public typealias RDFByteSink = (RDFTermBytes, String, RDFTermBytes) -> Void
