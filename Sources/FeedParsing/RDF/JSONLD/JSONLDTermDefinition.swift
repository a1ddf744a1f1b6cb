/// The `@container` values of a term definition.
struct JSONLDContainer: OptionSet, Hashable {
    let rawValue: UInt8

    static let list = JSONLDContainer(rawValue: 1 << 0)
    static let set = JSONLDContainer(rawValue: 1 << 1)
    static let language = JSONLDContainer(rawValue: 1 << 2)
    static let index = JSONLDContainer(rawValue: 1 << 3)
    static let graph = JSONLDContainer(rawValue: 1 << 4)
    static let id = JSONLDContainer(rawValue: 1 << 5)
    static let type = JSONLDContainer(rawValue: 1 << 6)

    /// The container for a keyword such as `@list`; nil for anything else.
    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@language": self = .language
        case "@index": self = .index
        case "@graph": self = .graph
        case "@id": self = .id
        case "@type": self = .type
        default: return nil
        }
    }

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }
}

/// One term definition of an active context (JSON-LD 1.1, section 4.1 of the processing algorithms).
/// Immutable and shared between contexts derived from one another.
final class JSONLDTermDefinition {
    /// The IRI, blank node identifier or keyword the term stands for; nil when the term is defined as null
    /// (it then hides `@vocab` and its members are dropped).
    let iri: String?
    /// True for `@reverse` terms: values point back at the node.
    let isReverse: Bool
    /// `@id`, `@vocab`, `@json`, `@none` or a datatype IRI.
    let typeMapping: String?
    /// `typeMapping` sorted out once, for the hot path.
    let coercion: JSONLDCoercion
    /// Present when the term sets a language: the tag, or nil for "no language".
    let language: String??
    let container: JSONLDContainer
    /// A term whose values must sit in a `@nest` object (the nest term), if any.
    let nest: String?
    /// May prefix compact IRIs (`dcat:` in `dcat:Dataset`).
    let isPrefix: Bool
    /// A scoped context, applied to values of the property or to nodes of the type.
    let localContext: JSONValue?
    /// The base URL of the context document that defined a scoped context (a bundled context URL), if any.
    let contextBase: String?

    init(iri: String?, isReverse: Bool = false, typeMapping: String? = nil, language: String?? = .none,
         container: JSONLDContainer = [], nest: String? = nil, isPrefix: Bool = false,
         localContext: JSONValue? = nil, contextBase: String? = nil) {
        self.iri = iri
        self.isReverse = isReverse
        self.typeMapping = typeMapping
        self.coercion = JSONLDCoercion(typeMapping)
        self.language = language
        self.container = container
        self.nest = nest
        self.isPrefix = isPrefix
        self.localContext = localContext
        self.contextBase = contextBase
    }
}

/// What a term's `@type` does to its string values.
enum JSONLDCoercion {
    /// No coercion (or `@none`): strings are plain or language-tagged literals.
    case none
    /// `@id`: strings are IRIs relative to the base.
    case id
    /// `@vocab`: strings are terms or IRIs relative to `@vocab`.
    case vocab
    /// `@json`: the whole value is one JSON literal.
    case json
    /// A datatype IRI.
    case datatype(String)

    init(_ typeMapping: String?) {
        switch typeMapping {
        case nil, "@none"?: self = .none
        case "@id"?: self = .id
        case "@vocab"?: self = .vocab
        case "@json"?: self = .json
        case let datatype?: self = .datatype(datatype)
        }
    }
}
