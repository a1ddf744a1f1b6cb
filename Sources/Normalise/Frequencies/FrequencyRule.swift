public import CatalogModel

/// Reads a record's update frequency (`dct:accrualPeriodicity`) into the EU frequency concept
/// (`Concept(uri: …/frequency/MONTHLY, label: "monthly", scheme: "eu-frequency")`).
///
/// Read, from the concept's URI then its label: EU frequency URIs and codes (`IRREG`), Dublin Core collection
/// frequencies (`http://purl.org/cld/freq/monthly`), ISO 8601 repeating intervals as DCAT-US writes them
/// (`R/P1M`, `R/P3.5D`, `R/PT1H`, `R/PT1S` for continuously updated, with or without `R/` or a start date),
/// words in English, French, German, Spanish, Italian, Dutch and Portuguese (`monthly`, `annually`, `as needed`,
/// `asNeeded`, `real_time`, `mensuel`, `täglich`) and a number of days (HDX `data_update_frequency`: `90` →
/// quarterly, `0` → continuously updated, `-1` → never, `-2` → as needed).
/// A value fedcat cannot read is kept as published and raises `frequency.unknown` (info).
public struct FrequencyRule: NormalisationRule {
    public let name = "frequencies"
    public init() {}

    static let frequencyPrefix = "http://publications.europa.eu/resource/authority/frequency/"
    static let scheme = "eu-frequency"

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        guard let frequency = record.frequency else { return }
        let published = [frequency.uri, frequency.label].compactMap { $0?.trimmed }.filter { !$0.isEmpty }
        guard !published.isEmpty else {
            record.frequency = nil
            return
        }
        for raw in published {
            guard let (code, how) = Self.read(raw), let label = FrequencyTable.labels[code] else { continue }
            let concept = Concept(uri: Self.frequencyPrefix + code, label: label, scheme: Self.scheme)
            if concept != frequency {
                record.frequency = concept
                if concept.uri != frequency.uri {
                    record.note("frequency", raw: raw, value: Self.frequencyPrefix + code, rule: "frequency." + how)
                }
            }
            return
        }
        issues.append(.normalisation("frequency.unknown", .info, record: record, field: "frequency",
                                     "the frequency '\(published.joined(separator: "' / '"))' is not recognised; it is kept as published."))
    }

    /// The EU frequency code of a published value and how it was read (`eu-uri`, `cld-uri`, `iso8601`, `code`,
    /// `days`, `word`); nil when not recognised.
    static func read(_ raw: String) -> (code: String, how: String)? {
        let text = raw.trimmed
        guard !text.isEmpty else { return nil }
        let lower = text.lowercased()
        if let rest = FormatRule.suffix(of: lower, after: ["http://publications.europa.eu/resource/authority/frequency/",
                                                           "https://publications.europa.eu/resource/authority/frequency/"]) {
            let code = String(rest.split(separator: "/").first ?? "").uppercased()
            return FrequencyTable.labels[code] != nil ? (code, "eu-uri") : nil
        }
        if let rest = FormatRule.suffix(of: text, after: ["http://purl.org/cld/freq/", "https://purl.org/cld/freq/"]) {
            return FrequencyTable.cld[rest].map { ($0, "cld-uri") }
        }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return nil }
        let upper = text.uppercased()
        if upper.hasPrefix("R") || upper.hasPrefix("P"), let code = duration(upper) { return (code, "iso8601") }
        if FrequencyTable.labels[upper] != nil, upper.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
           text == upper {
            return (upper, "code")
        }
        if let days = Int(text), let code = FrequencyTable.days[days] { return (code, "days") }
        let key = fold(text)
        if let code = FrequencyTable.words[key] { return (code, "word") }
        for filler in ["updated ", "update ", "updates "] where key.hasPrefix(filler) {
            if let code = FrequencyTable.words[String(key.dropFirst(filler.count))] { return (code, "word") }
        }
        for filler in [" updates", " update", " updated"] where key.hasSuffix(filler) {
            if let code = FrequencyTable.words[String(key.dropLast(filler.count))] { return (code, "word") }
        }
        return nil
    }

    /// The code of an ISO 8601 duration or repeating interval (`R/P1M`, `R5/2020-01-01/P1D`, `P1Y`), upper case.
    static func duration(_ upper: String) -> String? {
        if upper.hasPrefix("P") { return FrequencyTable.durations[upper.replacing(",", with: ".")] }
        let parts = upper.split(separator: "/")
        guard parts.count >= 2, parts[0].dropFirst().allSatisfy(\.isNumber),
              let period = parts.dropFirst().first(where: { $0.hasPrefix("P") }) else { return nil }
        return FrequencyTable.durations[String(period).replacing(",", with: ".")]
    }

    /// camelCase split, lower case, `_` `-` `.` `,` as spaces, runs of white space as one space, trimmed: how the
    /// table's words are written (`asNeeded` → `as needed`, `real_time` → `real time`).
    static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 4)
        var previousIsLower = false
        for character in text {
            if character.isUppercase, previousIsLower { result.append(" ") }
            previousIsLower = character.isLowercase
            switch character {
            case "_", "-", ".", ",": result.append(" ")
            default: result.append(character)
            }
        }
        return result.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
