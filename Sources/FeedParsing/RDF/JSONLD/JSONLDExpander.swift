/// Walks a parsed JSON-LD document and delivers its triples as it goes: JSON-LD 1.1 expansion and the
/// deserialisation to RDF done in one pass, without building the expanded document. Named graphs are
/// merged into the default graph, as `RDFTriple` documents.
final class JSONLDExpander {
    /// Objects nested deeper than this are skipped with a problem (the JSON parser allows 512 levels).
    static let maxDepth = 200

    var problems = JSONLDProblems()
    var path = JSONLDPath()
    private(set) var triples = 0
    let sink: (RDFTriple) -> Void
    let blankScope: String
    /// The document's base IRI; relative context IRIs resolve against it.
    let documentBase: String?

    /// Document blank node labels (`_:x`) to their relabelled names.
    var blankLabels: [String: String] = [:]
    var blankCounter = 0
    /// The RDF objects produced by the values being expanded; each caller takes those past its mark.
    var objects: [RDFTerm] = []
    /// Key meanings of the objects being expanded, innermost last.
    var meanings: [JSONLDKeyMeaning] = []
    var depth = 0

    var remoteContextCache: [RemoteContextKey: (source: JSONLDActiveContext, result: JSONLDActiveContext)] = [:]
    var scopedContextCache: [ScopedContextKey: (source: JSONLDActiveContext, term: JSONLDTermDefinition,
                                                 result: JSONLDActiveContext)] = [:]

    init(baseIRI: String?, blankScope: String, sink: @escaping (RDFTriple) -> Void) {
        self.documentBase = baseIRI
        self.blankScope = blankScope
        self.sink = sink
    }

    /// Reads the whole document.
    func expandDocument(_ document: JSONValue) {
        let initial = JSONLDActiveContext(base: documentBase)
        expandElement(document, context: initial, property: nil)
        objects.removeAll()
    }

    /// Delivers one triple.
    @inline(__always)
    func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        triples += 1
        sink(RDFTriple(subject, predicate, object))
    }

    // MARK: Elements

    /// Expands `element` as a value of `property` (nil at the top level and in `@graph`), appending the RDF
    /// terms it stands for to `objects` and delivering the triples of any node objects inside it.
    func expandElement(_ element: JSONValue, context: JSONLDActiveContext, property: JSONLDTermDefinition?) {
        switch element {
        case .null:
            return
        case .array(let items):
            guard depth < Self.maxDepth else {
                problems.addOnce(key: "depth", "Values are nested more than \(Self.maxDepth) levels deep at \(path.display); "
                    + "the deeper part was skipped.")
                return
            }
            depth += 1
            defer { depth -= 1 }
            for (index, item) in items.enumerated() {
                path.push(index)
                if case .array = item, property?.container.contains(.list) == true {
                    expandList(item, context: context, property: property)
                } else {
                    expandElement(item, context: context, property: property)
                }
                path.pop()
            }
        case .object(let object):
            expandObject(object, context: context, property: property)
        case .string, .number, .bool:
            var valueContext = context
            if let property, property.localContext != nil {
                valueContext = scopedContext(context, term: property, propagate: true)
            }
            if let term = scalarTerm(element, context: valueContext, property: property) { objects.append(term) }
        }
    }

    /// The meaning of a member key in `context`, worked out once per context.
    func meaning(of key: String, in context: JSONLDActiveContext) -> JSONLDKeyMeaning {
        let slot = TextSlot.of(key, in: 128)
        if let held = context.keySlots[slot], RDFGraph.same(held.key, key) { return held.meaning }
        if let cached = context.keyCache[key] {
            context.keySlots[slot] = (key, cached)
            return cached
        }
        let result: JSONLDKeyMeaning
        if key.utf8.first == UInt8(ascii: "@"), let keyword = JSONLDKeyword(rawValue: key) {
            result = .keyword(keyword)
        } else if let expanded = expandIRI(key, in: context, vocab: true, documentRelative: false) {
            if expanded.utf8.first == UInt8(ascii: "@") {
                result = JSONLDKeyword(rawValue: expanded).map { .keyword($0) } ?? .ignored
            } else if expanded.hasPrefix("_:") {
                result = .blankProperty(expanded)
            } else if expanded.contains(":") {
                if JSONLDIRI.isWellFormed(expanded) {
                    result = .property(iri: expanded, term: context.terms[key])
                } else {
                    problems.add("The key `\(key)` at \(path.display) expands to <\(expanded)>, which is not a valid IRI; "
                        + "its values were dropped.")
                    result = .ignored
                }
            } else {
                result = .undefined
            }
        } else {
            result = .ignored
        }
        context.keyCache[key] = result
        context.keySlots[slot] = (key, result)
        return result
    }

    /// `context` with the scoped context of `term` applied, memoised per document.
    func scopedContext(_ context: JSONLDActiveContext, term: JSONLDTermDefinition, propagate: Bool) -> JSONLDActiveContext {
        guard let local = term.localContext else { return context }
        let key = ScopedContextKey(source: ObjectIdentifier(context), term: ObjectIdentifier(term), propagate: propagate)
        if let cached = scopedContextCache[key] { return cached.result }
        let result = processContext(local, onto: context, baseURL: term.contextBase ?? documentBase, propagate: propagate)
        scopedContextCache[key] = (context, term, result)
        return result
    }
}

/// Identifies a scoped context applied on top of one particular active context.
struct ScopedContextKey: Hashable {
    let source: ObjectIdentifier
    let term: ObjectIdentifier
    let propagate: Bool
}
