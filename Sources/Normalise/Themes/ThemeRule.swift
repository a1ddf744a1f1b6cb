public import CatalogModel

/// Adds the EU data themes (`Concept(uri: …/data-theme/ENVI, label: "Environment", scheme: "eu-data-theme")`) a
/// record's themes clearly name, keeping every published theme as it is.
///
/// Read, from each published theme:
/// - EU data theme URIs (kept; given their English label and scheme when they have none) and codes (`ENVI`);
/// - ISO 19115 topic categories (`inlandWaters`, or their INSPIRE code-list URI), through the INSPIRE theme they
///   map to (SEMIC alignments, `skos:relatedMatch` left out), so `inlandWaters` → ENVI and TECH, `economy` → ECON;
/// - INSPIRE theme URIs and names (`http://inspire.ec.europa.eu/theme/tn`, `Transport networks`);
/// - group and category names (CKAN groups, DCAT-US themes): the EU labels in every EU language and a curated
///   list of English names (`Environment`, `Transport and Mobility`, `Public Safety`); a name made of several
///   (`Energy & Environment`, `Transport, travel and motoring`) is read part by part, and each part that names a
///   theme adds it.
/// A theme that names none adds nothing and raises no issue. Each theme added is noted on `themes`.
public struct ThemeRule: NormalisationRule {
    public let name = "themes"
    public init() {}

    static let themePrefix = "http://publications.europa.eu/resource/authority/data-theme/"
    static let scheme = "eu-data-theme"

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        guard !record.themes.isEmpty else { return }
        var present = Set<String>()
        var notes: [FieldNote] = []
        // EU themes already there: labelled, and remembered.
        for index in record.themes.indices {
            guard let uri = record.themes[index].uri, let code = Self.euCode(uri) else { continue }
            present.insert(code)
            if record.themes[index].label == nil, let label = ThemeTable.labels[code] {
                record.themes[index].label = label
                notes.append(FieldNote(field: "themes", raw: uri, value: Self.themePrefix + code, rule: "theme.eu-uri"))
            }
            if record.themes[index].scheme == nil { record.themes[index].scheme = Self.scheme }
        }
        var added: [Concept] = []
        for theme in record.themes {
            if let uri = theme.uri, Self.euCode(uri) != nil { continue }
            guard let (codes, how) = Self.themes(for: theme) else { continue }
            for code in codes where present.insert(code).inserted {
                let uri = Self.themePrefix + code
                added.append(Concept(uri: uri, label: ThemeTable.labels[code], scheme: Self.scheme))
                notes.append(FieldNote(field: "themes", raw: theme.label ?? theme.uri ?? "", value: uri, rule: "theme." + how))
            }
        }
        record.themes += added
        record.notes += notes
    }

    /// The EU code of an EU data theme URI (`http`/`https`, any case), when it is one of the 13.
    static func euCode(_ uri: String) -> String? {
        let lower = uri.trimmed.lowercased()
        guard let rest = FormatRule.suffix(of: lower, after: ["http://publications.europa.eu/resource/authority/data-theme/",
                                                              "https://publications.europa.eu/resource/authority/data-theme/"])
        else { return nil }
        let code = String(rest.split(separator: "/").first ?? "").uppercased()
        return ThemeTable.labels[code] != nil ? code : nil
    }

    /// The EU themes one published theme names, and how they were read (`eu-code`, `iso-topic`, `inspire`, `name`,
    /// `name-part`); nil when it names none.
    static func themes(for concept: Concept) -> (codes: [String], how: String)? {
        if let uri = concept.uri?.trimmed, !uri.isEmpty, let found = themes(forURI: uri) { return found }
        guard let label = concept.label?.trimmed, !label.isEmpty else { return nil }
        if label.count == 4, label == label.uppercased(), ThemeTable.labels[label] != nil { return ([label], "eu-code") }
        if let codes = ThemeTable.topicCategories[label] { return (codes, "iso-topic") }
        if label.hasPrefix("http://") || label.hasPrefix("https://") { return themes(forURI: label) }
        let key = fold(label)
        if let codes = ThemeTable.names[key] { return (codes, "name") }
        var codes: [String] = []
        for part in parts(of: key) {
            for code in ThemeTable.names[part] ?? [] where !codes.contains(code) { codes.append(code) }
        }
        return codes.isEmpty ? nil : (codes, "name-part")
    }

    private static func themes(forURI uri: String) -> (codes: [String], how: String)? {
        if let code = euCode(uri) { return ([code], "eu-uri") }
        let lower = uri.lowercased()
        var last = Substring(uri)
        while last.hasSuffix("/") { last = last.dropLast() }
        if let slash = last.lastIndex(of: "/") { last = last[last.index(after: slash)...] }
        if lower.contains("inspire.ec.europa.eu/metadata-codelist/topiccategory/"),
           let codes = ThemeTable.topicCategories[String(last)] {
            return (codes, "iso-topic")
        }
        if lower.contains("inspire.ec.europa.eu/theme/"), let codes = ThemeTable.inspireThemes[String(last).lowercased()] {
            return (codes, "inspire")
        }
        return nil
    }

    /// Lower case, `&` as `and`, runs of white space as one space, trimmed: how the table's names are written.
    static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character == "&" { result += " and " } else { result.append(character) }
        }
        return result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The parts of a folded name: split at `,` `;` `/` `|` `>` and at ` and ` (` et `, ` und `, ` y `).
    static func parts(of key: String) -> [String] {
        var parts: [String] = []
        for piece in key.split(whereSeparator: { ",;/|>".contains($0) }) {
            var words: [Substring] = []
            for word in piece.split(separator: " ") {
                if word == "and" || word == "et" || word == "und" || word == "y" {
                    if !words.isEmpty { parts.append(words.joined(separator: " ")) }
                    words = []
                } else {
                    words.append(word)
                }
            }
            if !words.isEmpty { parts.append(words.joined(separator: " ")) }
        }
        return parts
    }
}
