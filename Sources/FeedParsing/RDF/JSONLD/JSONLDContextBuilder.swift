/// Creates the term definitions of one context object (JSON-LD 1.1 "Create Term Definition"), defining
/// terms the others depend on first, whatever their order in the object.
final class JSONLDContextBuilder {
    /// Keys of a context object that are not term definitions.
    static let contextKeywords: Set<String> = [
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    ]
    /// Keys a term definition may have.
    private static let definitionKeys: Set<String> = [
        "@id", "@reverse", "@type", "@container", "@context", "@language", "@direction", "@index", "@nest",
        "@prefix", "@protected",
    ]

    private unowned let expander: JSONLDExpander
    private let result: JSONLDActiveContext
    /// The context object's members by key (the last one wins, as in JSON).
    private let local: [String: JSONValue]
    private let baseURL: String?
    /// false while a term is being defined, true once done: catches cycles.
    private var defined: [String: Bool] = [:]

    init(expander: JSONLDExpander, result: JSONLDActiveContext, members: [JSONObject.Member], baseURL: String?) {
        self.expander = expander
        self.result = result
        self.baseURL = baseURL
        var local: [String: JSONValue] = [:]
        local.reserveCapacity(members.count)
        for member in members { local[member.key] = member.value }
        self.local = local
    }

    // MARK: Context keywords

    func applyBase(_ value: JSONValue) {
        switch value {
        case .null:
            result.base = nil
        case .string(let iri):
            if JSONLDIRI.isAbsolute(iri) {
                result.base = iri
            } else if let base = result.base {
                result.base = JSONLDIRI.resolve(iri, against: base)
            } else {
                expander.problems.add("The `@base` at \(expander.path.display) is the relative IRI `\(iri)` and there is "
                    + "no base to resolve it against; it was ignored.")
            }
        default:
            expander.problems.add("The `@base` at \(expander.path.display) is \(JSONLDProblems.kind(value)), not an IRI; it was ignored.")
        }
    }

    func applyVocab(_ value: JSONValue) {
        switch value {
        case .null:
            result.vocab = nil
        case .string(let iri):
            let expanded = expander.expandIRI(iri, in: result, vocab: true, documentRelative: true)
            if let expanded, expanded.contains(":") {
                result.vocab = expanded
            } else {
                expander.problems.add("The `@vocab` at \(expander.path.display), `\(iri)`, is not an IRI; it was ignored.")
            }
        default:
            expander.problems.add("The `@vocab` at \(expander.path.display) is \(JSONLDProblems.kind(value)), not an IRI; it was ignored.")
        }
    }

    func applyLanguage(_ value: JSONValue) {
        switch value {
        case .null: result.defaultLanguage = nil
        case .string(let tag): result.defaultLanguage = tag
        default:
            expander.problems.add("The `@language` at \(expander.path.display) is \(JSONLDProblems.kind(value)), not a language tag; "
                + "it was ignored.")
        }
    }

    // MARK: Term definitions

    /// Defines `term` if the context object has it and it is not defined yet.
    func define(_ term: String) {
        if let done = defined[term] {
            if !done {
                expander.problems.add("The term `\(term)` at \(expander.path.display) is defined through itself "
                    + "(a cycle of definitions); the cycle was broken there.")
            }
            return
        }
        guard let value = local[term], !Self.contextKeywords.contains(term) else { return }
        defined[term] = false
        expander.path.push(term)
        defer {
            expander.path.pop()
            defined[term] = true
        }
        if let definition = makeDefinition(term, value) {
            result.terms[term] = definition
        } else {
            result.terms[term] = nil
        }
    }

    private func makeDefinition(_ term: String, _ value: JSONValue) -> JSONLDTermDefinition? {
        let problems = { (message: String) in self.expander.problems.add(message) }
        let at = expander.path.display
        if term.isEmpty {
            problems("The context at \(at) defines an empty term, which is not allowed; it was ignored.")
            return nil
        }
        if JSONLDKeyword(rawValue: term) != nil {
            if term == "@type", case .object = value { return result.terms[term] }
            problems("The context at \(at) redefines the keyword `\(term)`, which is not allowed; it was ignored.")
            return result.terms[term]
        }
        if JSONLDExpander.hasKeywordForm(term) {
            problems("The context at \(at) defines `\(term)`, which has the form of a keyword; it was ignored.")
            return nil
        }
        let map: JSONObject
        let simple: Bool
        switch value {
        case .null:
            return JSONLDTermDefinition(iri: nil)
        case .string(let iri):
            map = ["@id": .string(iri)]
            simple = true
        case .object(let object):
            map = object
            simple = false
        default:
            problems("The definition of `\(term)` at \(at) is \(JSONLDProblems.kind(value)); it must be a string, an object or null, "
                + "so the term was not defined.")
            return nil
        }
        for key in map.keys where !Self.definitionKeys.contains(key) {
            expander.problems.addOnce(key: "definition key " + key,
                "The definition of `\(term)` at \(at) has the unknown key `\(key)`, which was ignored.")
        }

        var typeMapping: String?
        if let type = map["@type"] {
            if let text = type.string,
               let expanded = expander.expandIRI(text, in: result, vocab: true, documentRelative: false, define: define),
               ["@id", "@vocab", "@json", "@none"].contains(expanded) || (expanded.first != "@" && JSONLDIRI.isAbsolute(expanded)) {
                typeMapping = expanded
            } else {
                problems("The `@type` of `\(term)` at \(at), \(type), is not @id, @vocab, @json or an IRI; "
                    + "the type coercion was ignored.")
            }
        }
        let container = containerFlags(map["@container"], term: term, at: at)
        let language: String?? = map["@language"].flatMap { value -> String?? in
            switch value {
            case .null: return .some(nil)
            case .string(let tag): return .some(tag)
            default:
                problems("The `@language` of `\(term)` at \(at) is \(JSONLDProblems.kind(value)); it was ignored.")
                return nil
            }
        }
        let nest = map["@nest"]?.string
        let localContext = map["@context"]

        if let reverse = map["@reverse"] {
            guard let text = reverse.string,
                  let iri = expander.expandIRI(text, in: result, vocab: true, documentRelative: false, define: define),
                  iri.contains(":") else {
                problems("The `@reverse` of `\(term)` at \(at) is not an IRI; the term was not defined.")
                return nil
            }
            return JSONLDTermDefinition(iri: iri, isReverse: true, typeMapping: typeMapping, language: language,
                                        container: container, nest: nest, localContext: localContext, contextBase: baseURL)
        }

        var iri: String?
        var isPrefix = false
        if let id = map["@id"], id != .string(term) {
            switch id {
            case .null:
                iri = nil
            case .string(let text):
                guard let expanded = expander.expandIRI(text, in: result, vocab: true, documentRelative: false, define: define),
                      JSONLDKeyword(rawValue: expanded) != nil || expanded.contains(":") else {
                    problems("The `@id` of `\(term)` at \(at), `\(text)`, is not an IRI, a blank node or a keyword; "
                        + "the term was not defined.")
                    return nil
                }
                if expanded == "@context" {
                    problems("The term `\(term)` at \(at) is an alias of `@context`, which is not allowed; it was ignored.")
                    return nil
                }
                iri = expanded
                if simple && !term.contains(":") && !term.contains("/") {
                    if let last = expanded.utf8.last, "/:?#[]@".utf8.contains(last) { isPrefix = true }
                    if expanded.hasPrefix("_:") { isPrefix = true }
                }
            default:
                problems("The `@id` of `\(term)` at \(at) is \(JSONLDProblems.kind(id)), not a string; the term was not defined.")
                return nil
            }
        } else if term.dropFirst().contains(":") || term.contains("/") {
            // A compact IRI term (`"adms:Identifier": {"@id": "adms:Identifier", …}` in DCAT-US 3) expands through its
            // prefix, never through its own definition (JSON-LD 1.1, Create Term Definition 14.2).
            let definePrefix = { (name: String) in if name != term { self.define(name) } }
            guard let expanded = expander.expandIRI(term, in: result, vocab: true, documentRelative: false, define: definePrefix),
                  expanded.contains(":") else {
                problems("The term `\(term)` at \(at) looks like an IRI but does not expand to one; it was not defined.")
                return nil
            }
            iri = expanded
        } else if let vocab = result.vocab {
            iri = vocab + term
        } else {
            problems("The term `\(term)` at \(at) has no `@id` and the context has no `@vocab`, so it maps to no IRI; "
                + "it was not defined.")
            return nil
        }
        if let prefixFlag = map["@prefix"]?.bool, !term.contains(":"), !term.contains("/") { isPrefix = prefixFlag }
        return JSONLDTermDefinition(iri: iri, typeMapping: typeMapping, language: language, container: container,
                                    nest: nest, isPrefix: isPrefix, localContext: localContext, contextBase: baseURL)
    }

    private func containerFlags(_ value: JSONValue?, term: String, at: String) -> JSONLDContainer {
        guard let value, !value.isNull else { return [] }
        let items = value.array ?? [value]
        var flags: JSONLDContainer = []
        for item in items {
            if let text = item.string, let flag = JSONLDContainer(keyword: text) {
                flags.insert(flag)
            } else {
                expander.problems.add("The `@container` of `\(term)` at \(at) has the value \(item), which is not a "
                    + "container keyword; it was ignored.")
            }
        }
        return flags
    }
}
