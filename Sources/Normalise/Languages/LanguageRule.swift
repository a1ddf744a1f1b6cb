public import CatalogModel

/// Writes every language of a record as an ISO 639-1 code (`en`), once, in first-seen order; the language keys of
/// `title.variants` and `description.variants` are read the same way.
///
/// Read: ISO 639-1 codes in any case (`EN`), ISO 639-2/T and /B codes (`eng`, `fre`, `fra`), EU language
/// authority URIs (`http://publications.europa.eu/resource/authority/language/ENG`), Library of Congress and
/// Lexvo URIs, English and native names (`English`, `Français`), BCP 47 tags (`fr-FR`, `en_US`, `zh-Hant`),
/// tags written back to front (`us-EN`), withdrawn codes (`iw`) and lists in one string (`en; fr`).
///
/// BCP 47 region and script subtags are dropped (`fr-FR` → `fr`, `en-US` → `en`): `dct:language` in DCAT-AP is
/// a language of the EU authority table, which has no regions, and one facet per language is what search needs;
/// the tag as published stays in the note. A language with no 639-1 code keeps its 639-2 code (`haw`, `mul`).
/// A value fedcat cannot read is kept as published and raises `language.unknown` (info).
public struct LanguageRule: NormalisationRule {
    public let name = "languages"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        var notes: [FieldNote] = []
        var languages: [String] = []
        var seen = Set<String>()
        for published in record.languages {
            var previousRead = false
            for raw in Self.parts(of: published) {
                let value: String
                if let reading = Self.read(raw) {
                    value = reading.code
                    previousRead = true
                    if value != raw { notes.append(FieldNote(field: "languages", raw: raw, value: value, rule: "language." + reading.how)) }
                } else if previousRead, Self.isCountryCode(raw) {
                    // ISO 19139 `eng; CAN`: the country after the language, dropped like a BCP 47 region.
                    notes.append(FieldNote(field: "languages", raw: raw, value: "", rule: "language.country-dropped"))
                    continue
                } else {
                    value = raw
                    if !seen.contains(raw) {
                        issues.append(.normalisation("language.unknown", .info, record: record, field: "languages",
                                                     "the language '\(raw)' is not recognised; it is kept as published."))
                    }
                }
                if seen.insert(value).inserted { languages.append(value) }
            }
        }
        record.languages = languages

        let titleVariants = Self.normaliseKeys(record.title.variants, field: "title.variants", record: record,
                                               issues: &issues, notes: &notes)
        record.title.variants = titleVariants
        if let description = record.description {
            let variants = Self.normaliseKeys(description.variants, field: "description.variants", record: record,
                                              issues: &issues, notes: &notes)
            record.description?.variants = variants
        }
        record.notes += notes
    }

    /// Variants keyed by ISO 639-1 codes; a key that cannot be read, or whose code is already a key, stays as it is.
    static func normaliseKeys(_ variants: [String: String], field: String, record: CatalogRecord,
                              issues: inout [RecordIssue], notes: inout [FieldNote]) -> [String: String] {
        guard !variants.isEmpty else { return variants }
        var result: [String: String] = [:]
        for key in variants.keys.sorted() {
            let text = variants[key] ?? ""
            guard let reading = read(key) else {
                if !key.trimmed.isEmpty {
                    issues.append(.normalisation("language.unknown", .info, record: record, field: field,
                                                 "the language '\(key)' is not recognised; it is kept as published."))
                }
                result[key] = text
                continue
            }
            if reading.code == key || variants[reading.code] != nil || result[reading.code] != nil {
                result[key] = text
            } else {
                result[reading.code] = text
                notes.append(FieldNote(field: field, raw: key, value: reading.code, rule: "language." + reading.how))
            }
        }
        return result
    }

    /// Two or three upper-case ASCII letters (`CAN`, `US`): an ISO 3166 country code.
    static func isCountryCode(_ text: String) -> Bool {
        (2...3).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    /// The values of one published string (`en; fr`, `English, French`), trimmed; URIs are not split.
    static func parts(of published: String) -> [String] {
        let text = published.trimmed
        guard !text.isEmpty else { return [] }
        if text.contains(":") || !text.contains(where: { $0 == "," || $0 == ";" || $0 == "/" }) { return [text] }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// The ISO 639-1 code (else the 639-2 code) of a published language, and how it was read
    /// (`code`, `iso639-2`, `bcp47`, `name`, `eu-uri`, `uri`, `alias`, `swapped-tag`); nil when not recognised.
    static func read(_ raw: String) -> (code: String, how: String)? {
        let text = raw.trimmed
        guard !text.isEmpty else { return nil }
        let lower = text.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return readURI(lower) }

        let subtags = lower.split(whereSeparator: { $0 == "-" || $0 == "_" })
        if !subtags.isEmpty, subtags.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) {
            if let (code, how) = readCode(subtags[0]) {
                return (code, subtags.count > 1 && how == "code" ? "bcp47" : how)
            }
            // `us-EN`: a region, then the language.
            if subtags.count == 2, subtags[0].count == 2, let (code, _) = readCode(subtags[1]) { return (code, "swapped-tag") }
        }
        let name = FormatRule.foldName(lower)
        if let code = LanguageTable.names[name] { return (code, "name") }
        // `English (Canada)`, `English language`.
        if let open = name.firstIndex(of: "("), let code = LanguageTable.names[String(name[..<open]).trimmed] { return (code, "name") }
        if name.hasSuffix(" language"), let code = LanguageTable.names[String(name.dropLast(" language".count))] {
            return (code, "name")
        }
        return nil
    }

    /// A two- or three-letter code, lower case.
    private static func readCode(_ code: Substring) -> (String, String)? {
        let code = String(code)
        switch code.count {
        case 2:
            if LanguageTable.alpha2[code] != nil { return (code, "code") }
            if let alias = LanguageTable.codeAliases[code] { return (alias, "alias") }
        case 3:
            if let alpha2 = LanguageTable.alpha3[code] { return (alpha2, "iso639-2") }
            if LanguageTable.otherAlpha3.contains(code) { return (code, "code") }
        default:
            break
        }
        return nil
    }

    private static func readURI(_ lower: String) -> (code: String, how: String)? {
        var uri = Substring(lower)
        while uri.hasSuffix("/") { uri = uri.dropLast() }
        guard let slash = uri.lastIndex(of: "/") else { return nil }
        let code = uri[uri.index(after: slash)...]
        if lower.contains("publications.europa.eu/resource/authority/language/") {
            return readCode(code).map { ($0.0, "eu-uri") }
        }
        if lower.contains("id.loc.gov/vocabulary/iso639") || lower.contains("lexvo.org/id/iso639") {
            return readCode(code).map { ($0.0, "uri") }
        }
        return nil
    }
}
