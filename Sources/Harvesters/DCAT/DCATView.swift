import CatalogModel
import FeedParsing

/// Reads values out of one record's graph: texts by language, IRIs, nodes.
struct DCATView {
    typealias Node = DCATRecordGraph.Node

    let graph: DCATRecordGraph
    /// The language chosen for `LocalizedText.value` when a text has several (`language` source option, else `en`).
    let language: String

    func term(_ node: Node) -> RDFTerm { graph.term(node) }

    /// The IRI of a node, nil for a blank node or a literal.
    func iri(_ node: Node) -> String? { graph.store.iri(node) }

    func isLiteral(_ node: Node) -> Bool { graph.store.kind(node) == .literal }

    func isBlank(_ node: Node) -> Bool { graph.store.kind(node) == .blank }

    func objects(_ subject: Node, _ predicate: String) -> [Node] { graph.objects(subject, predicate) }

    func object(_ subject: Node, _ predicate: String) -> Node? { graph.object(subject, predicate) }

    /// Literal texts of `subject predicate`, each with its language tag lower-cased (`eN` → `en`), trimmed,
    /// empty ones dropped; IRIs are not texts.
    func texts(_ subject: Node, _ predicate: String) -> [(language: String?, text: String)] {
        guard let id = graph.predicates.id(of: predicate) else { return [] }
        return texts(in: graph.statements(about: subject), id)
    }

    private func texts(in statements: ArraySlice<DCATRecordGraph.Statement>, _ predicate: Int32) -> [(language: String?, text: String)] {
        var found: [(language: String?, text: String)] = []
        for statement in statements where statement.predicate == predicate {
            guard let (value, tag) = graph.store.literal(statement.object) else { continue }
            let text = value.trimmed
            guard !text.isEmpty else { continue }
            found.append((tag.flatMap { $0.isEmpty ? nil : $0.lowercased() }, text))
        }
        return found
    }

    /// A text with its language variants: the value in the preferred language, else untagged, else English,
    /// else the first; `variants` keeps the first text of each language.
    func localized(_ subject: Node, _ predicates: String...) -> LocalizedText? {
        for predicate in predicates {
            let found = texts(subject, predicate)
            guard !found.isEmpty else { continue }
            var variants: [String: String] = [:]
            for (tag, text) in found {
                if let tag, variants[Self.primary(tag)] == nil { variants[Self.primary(tag)] = text }
            }
            let chosen = variants[language] ?? found.first { $0.language == nil }?.text ?? variants["en"] ?? found[0].text
            return LocalizedText(chosen, variants: variants)
        }
        return nil
    }

    /// The chosen text of the first predicate that has one.
    func text(_ subject: Node, _ predicates: String...) -> String? {
        let statements = graph.statements(about: subject)
        guard !statements.isEmpty else { return nil }
        for predicate in predicates {
            guard let id = graph.predicates.id(of: predicate) else { continue }
            if let found = chosen(texts(in: statements, id)) { return found }
        }
        return nil
    }

    /// Texts in the preferred language and untagged ones; every text when none is in that language.
    func preferredTexts(_ subject: Node, _ predicate: String) -> [String] {
        let found = texts(subject, predicate)
        let tagged = found.filter { $0.language == nil || $0.language.map(Self.primary) == language }
        return (tagged.isEmpty ? found : tagged).map(\.text)
    }

    /// A value as text: a literal's lexical form, or an IRI (a `mailto:` or `tel:` IRI included).
    func plain(_ node: Node?) -> String? {
        guard let node else { return nil }
        switch graph.store.kind(node) {
        case .literal:
            let text = graph.store.text(node).trimmed
            return text.isEmpty ? nil : text
        case .iri: return graph.store.text(node)
        case .blank: return nil
        }
    }

    /// The first value (literal or IRI) of any of the predicates.
    func value(_ subject: Node, _ predicates: String...) -> String? {
        let statements = graph.statements(about: subject)
        guard !statements.isEmpty else { return nil }
        for predicate in predicates {
            guard let id = graph.predicates.id(of: predicate) else { continue }
            for statement in statements where statement.predicate == id {
                if let found = plain(statement.object) { return found }
            }
        }
        return nil
    }

    /// A resource's label: `skos:prefLabel`, `rdfs:label`, `dct:title`, `foaf:name`, `schema:name`.
    func label(_ subject: Node) -> String? {
        guard !isLiteral(subject) else { return nil }
        return text(subject, DCATIRIs.skosPrefLabel, DCATIRIs.rdfsLabel, DCATIRIs.dctTitle, DCATIRIs.foafName, DCATIRIs.schemaName, DCATIRIs.schemaSName)
    }

    private func chosen(_ found: [(language: String?, text: String)]) -> String? {
        guard !found.isEmpty else { return nil }
        return found.first { $0.language.map(Self.primary) == language }?.text ?? found.first { $0.language == nil }?.text
            ?? found.first { $0.language == "en" }?.text ?? found[0].text
    }

    /// `de-CH` → `de`.
    static func primary(_ tag: String) -> String {
        tag.split(separator: "-", maxSplits: 1).first.map(String.init) ?? tag
    }
}
