/// The remote JSON-LD contexts fedcat knows without fetching them. A document whose `@context` names one of
/// these URLs is read as if the context had been downloaded; any other remote context is reported.
enum JSONLDBundledContexts {
    /// Every bundled context (each file adding one says where it comes from).
    static let all: [JSONLDBundledContext] = [dcatAP301, dcatAP3Examples, dcatUS3, schemaOrg, projectOpenData]

    /// The `@context` value of the bundled context for `url`, or nil when there is none. URLs match without
    /// regard to `http`/`https`, case, a trailing slash or a fragment.
    static func context(for url: String) -> JSONValue? {
        byURL[normalize(url)]
    }

    private static let byURL: [String: JSONValue] = {
        var table: [String: JSONValue] = [:]
        for context in all {
            let json = context.json
            for url in context.urls { table[normalize(url)] = json }
        }
        return table
    }()

    /// `https://Schema.org/` → `schema.org`.
    static func normalize(_ url: String) -> String {
        var text = Substring(url.lowercased())
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
            break
        }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}

/// One bundled context document: where it is published and its definitions.
struct JSONLDBundledContext: Sendable {
    /// A name for messages and tests, e.g. "DCAT-AP 3.0.1".
    let name: String
    /// The URLs documents use to refer to it.
    let urls: [String]
    let vocab: String?
    let terms: [JSONLDBundledTerm]

    init(name: String, urls: [String], vocab: String? = nil, terms: [JSONLDBundledTerm]) {
        self.name = name
        self.urls = urls
        self.vocab = vocab
        self.terms = terms
    }

    /// The context as the JSON object the context processing algorithm reads.
    var json: JSONValue {
        var object = JSONObject()
        if let vocab { object.append(key: "@vocab", value: .string(vocab)) }
        for term in terms { object.append(key: term.term, value: term.json) }
        return .object(object)
    }
}

/// One term definition of a bundled context, as written in its source document.
struct JSONLDBundledTerm: Sendable {
    let term: String
    /// The IRI of a definition written as a plain string (`"dcat": "http://www.w3.org/ns/dcat#"`): only those
    /// can prefix compact IRIs, so the form is kept.
    let simpleIRI: String?
    let id: String?
    let reverse: String?
    let type: String?
    let container: [String]
    let language: String?
    let context: [JSONLDBundledTerm]?
    /// The `@base` of a scoped context (DCAT-US 3 resolves `mediaType` values against the IANA registry).
    let base: String?

    /// `"term": "iri"`.
    static func simple(_ term: String, _ iri: String) -> JSONLDBundledTerm {
        JSONLDBundledTerm(term: term, simpleIRI: iri, id: nil, reverse: nil, type: nil, container: [], language: nil,
                          context: nil, base: nil)
    }

    /// `"term": {"@id": …, "@type": …, "@container": …, "@context": {…}}`.
    static func define(_ term: String, id: String? = nil, reverse: String? = nil, type: String? = nil,
                       container: [String] = [], language: String? = nil,
                       context: [JSONLDBundledTerm]? = nil, base: String? = nil) -> JSONLDBundledTerm {
        JSONLDBundledTerm(term: term, simpleIRI: nil, id: id, reverse: reverse, type: type, container: container,
                          language: language, context: context ?? (base == nil ? nil : []), base: base)
    }

    var json: JSONValue {
        if let simpleIRI { return .string(simpleIRI) }
        var object = JSONObject()
        if let id { object.append(key: "@id", value: .string(id)) }
        if let reverse { object.append(key: "@reverse", value: .string(reverse)) }
        if let type { object.append(key: "@type", value: .string(type)) }
        if container.count == 1 {
            object.append(key: "@container", value: .string(container[0]))
        } else if !container.isEmpty {
            object.append(key: "@container", value: .array(container.map { .string($0) }))
        }
        if let language { object.append(key: "@language", value: .string(language)) }
        if let context {
            var scoped = JSONObject()
            if let base { scoped.append(key: "@base", value: .string(base)) }
            for term in context { scoped.append(key: term.term, value: term.json) }
            object.append(key: "@context", value: .object(scoped))
        }
        return .object(object)
    }
}
