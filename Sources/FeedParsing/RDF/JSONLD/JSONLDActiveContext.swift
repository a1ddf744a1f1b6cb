/// The JSON-LD keywords the expander acts on.
enum JSONLDKeyword: String {
    case context = "@context", id = "@id", type = "@type", value = "@value", language = "@language"
    case direction = "@direction", index = "@index", list = "@list", set = "@set", graph = "@graph"
    case reverse = "@reverse", included = "@included", nest = "@nest", none = "@none", json = "@json"
    case vocab = "@vocab", base = "@base", version = "@version", `protected` = "@protected"
    case propagate = "@propagate", `import` = "@import", container = "@container", prefix = "@prefix"
    case explicit = "@explicit", `default` = "@default", embed = "@embed", omitDefault = "@omitDefault"
    case requireAll = "@requireAll"
}

/// What a member key of a node object means in an active context; cached per context.
enum JSONLDKeyMeaning {
    /// A keyword, written as such or through an alias such as `"id": "@id"`.
    case keyword(JSONLDKeyword)
    /// A property: its IRI and the term definition it came from (nil for compact or absolute IRIs).
    case property(iri: String, term: JSONLDTermDefinition?)
    /// A term defined as null, or a keyword-like `@foo`: the member is ignored without a problem.
    case ignored
    /// Neither a term nor an IRI: the member is dropped and reported.
    case undefined
    /// A blank node identifier used as a property: not RDF, dropped and reported.
    case blankProperty(String)
}

/// An active context: the term definitions, `@vocab`, `@base` and default language in force at one point
/// of a document. Contexts are immutable once built, except for their lookup caches.
final class JSONLDActiveContext {
    /// The base IRI relative IRIs resolve against (nil: none).
    var base: String?
    /// The base the document started with; `"@context": null` returns to it.
    let originalBase: String?
    var vocab: String?
    var defaultLanguage: String?
    var terms: [String: JSONLDTermDefinition]
    /// Set on contexts made by a type-scoped (non-propagating) context: the context to return to when
    /// descending into a nested node object.
    var previous: JSONLDActiveContext?

    /// Key meanings already worked out (`dct:title` → property IRI).
    var keyCache: [String: JSONLDKeyMeaning] = [:]
    /// The key last looked up in each slot (`TextSlot.of(_:in: 128)`) with its meaning, in front of `keyCache`: a document repeats
    /// a few dozen keys, so most lookups compare one key instead of hashing it.
    var keySlots = [(key: String, meaning: JSONLDKeyMeaning)?](repeating: nil, count: 128)
    /// Vocabulary-relative IRI expansions already worked out (for `@type` values and `@vocab` coercions).
    var vocabCache: [String: String?] = [:]
    /// Whether some term has a scoped context; worked out on first use.
    var scopedTermsKnown: Bool?

    init(base: String?) {
        self.base = base
        self.originalBase = base
        self.terms = [:]
    }

    /// A copy without caches, to which a local context is applied.
    init(copying other: JSONLDActiveContext) {
        base = other.base
        originalBase = other.originalBase
        vocab = other.vocab
        defaultLanguage = other.defaultLanguage
        terms = other.terms
        previous = other.previous
    }
}

extension JSONLDActiveContext {
    /// True when some term carries a scoped context, so `@type` values may switch contexts. Only asked
    /// once the context is complete.
    var hasScopedTerms: Bool {
        if let known = scopedTermsKnown { return known }
        let found = terms.values.contains { $0.localContext != nil }
        scopedTermsKnown = found
        return found
    }
}
