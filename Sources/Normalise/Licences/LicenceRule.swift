public import CatalogModel

/// Recognises the licence of a record and of each distribution from whatever was published (an id, a URL, a
/// name, or text with URLs in it) and fills `spdx`, `euURI` and `label`; `raw`, `title` and `uri` are kept as
/// published.
///
/// Each recognised licence gets a note naming the value read, the SPDX id (else the EU URI, else fedcat's id)
/// and how it was read: `licence.spdx-id`, `licence.ckan-id`, `licence.socrata-id`, `licence.eu-code`,
/// `licence.eu-uri`, `licence.cc-uri`, `licence.od-uri`, `licence.osi-uri`, `licence.spdx-uri`,
/// `licence.national-uri`, `licence.uri`, `licence.text`. Suffixes say what is approximate:
/// `.ported-generic` (a Creative Commons port without its own SPDX id, read as the generic licence),
/// `.unversioned` (a family named without its version: label only), `.generic` (CKAN's "Other (…)": label
/// only), `.deprecated` (a deprecated SPDX id, read as its replacement).
///
/// Placeholders (`notspecified`, `other`, `License not specified`, empty) raise `licence.not-specified` (info);
/// values fedcat does not know raise `licence.unknown` (info), naming the value; fields that name different
/// licences raise `licence.conflict` (info).
public struct LicenceRule: NormalisationRule {
    public let name = "licences"
    public init() {}

    public func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext) {
        if let licence = record.license {
            let normalised = normalise(licence, field: "license", record: &record, issues: &issues)
            record.license = normalised
        }
        for index in record.distributions.indices {
            guard let licence = record.distributions[index].license else { continue }
            let normalised = normalise(licence, field: "distributions[\(index)].license", record: &record, issues: &issues)
            record.distributions[index].license = normalised
        }
    }

    private func normalise(_ licence: LicenseRef, field: String, record: inout CatalogRecord,
                           issues: inout [RecordIssue]) -> LicenseRef {
        // Already normalised (a second run, or a harvester that filled it).
        guard licence.label == nil else { return licence }
        var licence = licence
        switch Self.resolve(licence) {
        case .nothing:
            break
        case let .recognised(reading, read, conflict):
            let entry = reading.licence
            licence.label = entry.title
            if licence.spdx == nil { licence.spdx = entry.spdx }
            if licence.euURI == nil { licence.euURI = entry.euURI }
            record.note(field, raw: read, value: entry.noteValue, rule: reading.rule)
            if let conflict {
                issues.append(.normalisation("licence.conflict", .info, record: record, field: field,
                                             "the licence fields disagree: '\(Self.quoted(read))' reads as "
                                                 + "\(entry.noteValue), '\(Self.quoted(conflict.read))' as "
                                                 + "\(conflict.reading.licence.noteValue); \(entry.noteValue) was kept."))
            }
        case let .notSpecified(read):
            issues.append(.normalisation("licence.not-specified", .info, record: record, field: field,
                                         "the licence '\(Self.quoted(read))' says no licence is specified; it is kept as published."))
        case let .unknown(values):
            let others = values.dropFirst().map { "'\(Self.quoted($0))'" }
            issues.append(.normalisation("licence.unknown", .info, record: record, field: field,
                                         "the licence '\(Self.quoted(values[0]))' is not one fedcat recognises"
                                             + (others.isEmpty ? "" : " (also published: \(others.joined(separator: ", ")))")
                                             + "; it is kept as published."))
        }
        return licence
    }

    /// What a published licence comes to.
    enum Resolution: Equatable {
        /// Nothing was published.
        case nothing
        /// `reading` of the value `read`; `conflict`: another field that names a different licence.
        case recognised(LicenceMatcher.Reading, read: String, conflict: Conflict?)
        /// Only placeholders were published.
        case notSpecified(read: String)
        /// Values fedcat does not recognise (and no recognised one).
        case unknown([String])
    }

    struct Conflict: Equatable {
        let reading: LicenceMatcher.Reading
        let read: String
    }

    /// Reads `raw`, `uri` and `title` and keeps the most precise reading: a licence over a family or a generic
    /// category over a placeholder; between equals, the first of raw, uri, title.
    static func resolve(_ licence: LicenseRef) -> Resolution {
        var values: [(value: String, isURI: Bool)] = []
        for (value, isURI) in [(licence.raw, false), (licence.uri, true), (licence.title, false)] {
            if let value, !values.contains(where: { $0.value == value }) { values.append((value, isURI)) }
        }
        guard !values.isEmpty else { return .nothing }
        var readings = values.map { (value: $0.value, isURI: $0.isURI, reading: LicenceMatcher.read($0.value)) }

        // A URL CKAN's register attaches to an unversioned id (cc-nc → …/by-nc/2.0/) says nothing more than the id.
        let index = LicenceTable.index
        if let family = readings.first(where: { !$0.isURI && $0.reading.map { index.registerFamilies.contains($0.entry) } == true }),
           let uri = readings.first(where: \.isURI), index.registerURLs[LicenceKeys.urlKey(uri.value)] == family.reading?.entry {
            readings.removeAll(where: \.isURI)
        }

        let read = readings.compactMap { item in item.reading.map { (value: item.value, reading: $0) } }
        let licences = read.filter { $0.reading.licence.kind == .licence }
        if let best = licences.first {
            let conflict = read.first { other in
                other.reading.entry != best.reading.entry && !compatible(best.reading.licence, other.reading.licence)
            }
            return .recognised(best.reading, read: best.value,
                               conflict: conflict.map { Conflict(reading: $0.reading, read: $0.value) })
        }
        if let best = read.first(where: { $0.reading.licence.kind == .family || $0.reading.licence.kind == .generic }) {
            return .recognised(best.reading, read: best.value, conflict: nil)
        }
        let unknown = readings.filter { $0.reading == nil }.map(\.value)
        if !unknown.isEmpty { return .unknown(unknown) }
        return .notSpecified(read: read.first?.value ?? values[0].value)
    }

    /// True when `other` does not contradict `kept`: the same SPDX id or EU code, `kept`'s own family, a generic
    /// category or a placeholder.
    private static func compatible(_ kept: LicenceEntry, _ other: LicenceEntry) -> Bool {
        switch other.kind {
        case .generic, .placeholder: return true
        case .family: return kept.family == other.id
        case .licence:
            return (kept.spdx != nil && kept.spdx == other.spdx) || (kept.eu != nil && kept.eu == other.eu)
        }
    }

    /// `text` for a message: one line, at most 200 characters.
    static func quoted(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
