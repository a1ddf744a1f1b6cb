import CatalogModel
import FeedParsing

/// Reads values out of one record's graph: texts by language, IRIs, nodes.
struct DCATView {
    let graph: RDFGraph
    /// The language chosen for `LocalizedText.value` when a text has several (`language` source option, else `en`).
    let language: String

    /// Literal texts of `subject predicate`, each with its language tag lower-cased (`eN` → `en`), trimmed,
    /// empty ones dropped; IRIs are not texts.
    func texts(_ subject: RDFTerm, _ predicate: String) -> [(language: String?, text: String)] {
        Self.texts(in: graph.statements(about: subject), predicate)
    }

    private static func texts(in statements: [RDFGraph.Statement], _ predicate: String) -> [(language: String?, text: String)] {
        var found: [(language: String?, text: String)] = []
        // By index: statements are read in place instead of copied out one by one.
        for index in statements.indices where DCATTerms.same(statements[index].predicate, predicate) {
            guard case .literal(let value, _, let tag) = statements[index].object else { continue }
            let text = value.trimmed
            guard !text.isEmpty else { continue }
            found.append((tag.flatMap { $0.isEmpty ? nil : $0.lowercased() }, text))
        }
        return found
    }

    /// A text with its language variants: the value in the preferred language, else untagged, else English,
    /// else the first; `variants` keeps the first text of each language.
    func localized(_ subject: RDFTerm, _ predicates: String...) -> LocalizedText? {
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
    func text(_ subject: RDFTerm, _ predicates: String...) -> String? {
        let statements = graph.statements(about: subject)
        guard !statements.isEmpty else { return nil }
        for predicate in predicates {
            if let found = chosen(Self.texts(in: statements, predicate)) { return found }
        }
        return nil
    }

    /// Texts in the preferred language and untagged ones; every text when none is in that language.
    func preferredTexts(_ subject: RDFTerm, _ predicate: String) -> [String] {
        let found = texts(subject, predicate)
        let tagged = found.filter { $0.language == nil || $0.language.map(Self.primary) == language }
        return (tagged.isEmpty ? found : tagged).map(\.text)
    }

    /// A value as text: a literal's lexical form, or an IRI (a `mailto:` or `tel:` IRI included).
    func plain(_ term: RDFTerm?) -> String? {
        switch term {
        case .literal(let value, _, _)?:
            let text = value.trimmed
            return text.isEmpty ? nil : text
        case .iri(let iri)?: return iri
        default: return nil
        }
    }

    /// The first value (literal or IRI) of any of the predicates.
    func value(_ subject: RDFTerm, _ predicates: String...) -> String? {
        let statements = graph.statements(about: subject)
        guard !statements.isEmpty else { return nil }
        for predicate in predicates {
            for index in statements.indices where DCATTerms.same(statements[index].predicate, predicate) {
                if let found = plain(statements[index].object) { return found }
            }
        }
        return nil
    }

    /// A resource's label: `skos:prefLabel`, `rdfs:label`, `dct:title`, `foaf:name`, `schema:name`.
    func label(_ subject: RDFTerm) -> String? {
        guard subject.isResource else { return nil }
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
