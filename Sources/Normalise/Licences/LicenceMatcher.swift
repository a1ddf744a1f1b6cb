import CatalogModel

/// One licence fedcat recognises (or a family, a generic category, the placeholder), from the generated table.
struct LicenceEntry: Sendable {
    enum Kind: String, Sendable {
        /// A licence: recognised when it has an SPDX id or an EU code, else by its label only.
        case licence
        /// A licence named without its version (CKAN `cc-by`, `uk-ogl`): label only.
        case family
        /// One of CKAN's "Other (…)" categories: label only.
        case generic
        /// Says no licence was given (`notspecified`, `other`, `License not specified`).
        case placeholder
    }

    /// fedcat's key: the SPDX id, else the EU code, else the Open Definition or a curated id.
    let id: String
    let spdx: String?
    /// The EU licence authority code (`CC_BY_4_0`).
    let eu: String?
    let kind: Kind
    /// The unversioned family a versioned licence belongs to (`CC-BY` for `CC-BY-3.0-DE`).
    let family: String?
    let title: String
    /// `"<kind>:<key>|<key>…"` lines (see the generated file's header).
    let aliases: [String]

    init(_ id: String, spdx: String?, eu: String?, kind: Kind, family: String?, title: String, aliases: [String]) {
        self.id = id
        self.spdx = spdx
        self.eu = eu
        self.kind = kind
        self.family = family
        self.title = title
        self.aliases = aliases
    }

    /// The EU authority URI.
    var euURI: String? { eu.map { LicenceTable.euBase + $0 } }

    /// The value a note records: the SPDX id, else the EU URI, else fedcat's id.
    var noteValue: String { spdx ?? euURI ?? id }
}

/// The generated table (`LicenceTable.swift`) and the dictionaries built from it at first use.
enum LicenceTable {
    static let euBase = "http://publications.europa.eu/resource/authority/licence/"
    static let index = LicenceIndex(entries)
}

/// Dictionaries over the table, built once.
final class LicenceIndex: Sendable {
    /// An alias: the entry it names and its kind (`ckan-id`, `national-uri`, …), which names the rule.
    struct Alias: Sendable, Hashable {
        let entry: Int
        let kind: String
    }

    let entries: [LicenceEntry]
    /// Lower-cased ids: SPDX ids, EU codes, CKAN/Open Definition ids, Socrata ids.
    let ids: [String: Alias]
    /// URLs in `LicenceKeys.urlKey` form.
    let urls: [String: Alias]
    /// Names and titles in `LicenceKeys.textKey` form.
    let texts: [String: Int]
    /// URLs CKAN's default register attaches to an unversioned id (`cc-nc` → `…/by-nc/2.0/`): no evidence of a version.
    let registerURLs: [String: Int]
    /// The entries `registerURLs` point to.
    let registerFamilies: Set<Int>
    /// Lower-cased entry ids and SPDX ids.
    let byID: [String: Int]

    init(_ entries: [LicenceEntry]) {
        self.entries = entries
        var ids: [String: Alias] = [:], urls: [String: Alias] = [:], texts: [String: Int] = [:]
        var registerURLs: [String: Int] = [:], byID: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            byID[entry.id.lowercased()] = byID[entry.id.lowercased()] ?? position
            if let spdx = entry.spdx { byID[spdx.lowercased()] = position }
            for line in entry.aliases {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let kind = String(line[..<colon])
                let keys = line[line.index(after: colon)...].split(separator: "|").map(String.init)
                let base = kind.split(separator: ".").first.map(String.init) ?? kind
                for key in keys {
                    if base == "text" {
                        texts[key] = texts[key] ?? position
                    } else if base == "register-uri" {
                        registerURLs[key] = position
                    } else if base == "uri" || base.hasSuffix("-uri") {
                        urls[key] = urls[key] ?? Alias(entry: position, kind: kind)
                    } else {
                        ids[key] = ids[key] ?? Alias(entry: position, kind: kind)
                    }
                }
            }
        }
        self.ids = ids
        self.urls = urls
        self.texts = texts
        self.registerURLs = registerURLs
        self.registerFamilies = Set(registerURLs.values)
        self.byID = byID
    }
}

/// Reads one published licence value (an id, a URL, a name, or text with URLs in it) against the table.
enum LicenceMatcher {
    /// What a value was read as: a table entry and the rule that read it (`licence.cc-uri`, …).
    struct Reading: Sendable, Hashable {
        let entry: Int
        let rule: String

        var licence: LicenceEntry { LicenceTable.index.entries[entry] }
    }

    /// Readings of recent values: a harvest publishes the same few licence strings over and over.
    private static let recent = RecentValues<Reading?> { uncachedRead($0) }

    /// The reading of `value`, or nil when fedcat does not recognise it. Placeholders (`notspecified`, empty)
    /// read as the placeholder entry.
    static func read(_ value: String) -> Reading? {
        recent.value(for: value)
    }

    /// `read` without the cache.
    static func uncachedRead(_ value: String) -> Reading? {
        let index = LicenceTable.index
        let trimmed = value.trimmed
        let lower = trimmed.lowercased()
        if lower.isEmpty { return placeholder("empty") }
        if let alias = index.ids[lower] { return reading(alias.entry, kind: alias.kind) }
        if LicenceKeys.isBareURL(lower) { return readURL(lower) }
        let ranges = LicenceKeys.urlRanges(in: lower)
        for range in ranges {
            if let reading = readURL(String(lower[range])) { return reading }
        }
        var text = lower
        if !ranges.isEmpty {
            text = ""
            var start = lower.startIndex
            for range in ranges {
                text += lower[start..<range.lowerBound] + " "
                start = range.upperBound
            }
            text += lower[start...]
        }
        return readText(LicenceKeys.strippingHTML(text), hadURLs: !ranges.isEmpty)
    }

    /// A URL: a listed URL, else one read by its structure (Creative Commons, EU authority, SPDX, OSI, Open
    /// Definition, Open Data Commons).
    static func readURL(_ url: String) -> Reading? {
        let index = LicenceTable.index
        var key = LicenceKeys.urlKey(url)
        if let alias = index.urls[key] { return reading(alias.entry, kind: alias.kind) }
        if let cut = key.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            key = LicenceKeys.urlKey(String(key[..<cut]))
            if let alias = index.urls[key] { return reading(alias.entry, kind: alias.kind) }
        }
        let segments = key.split(separator: "/").map(String.init)
        guard let host = segments.first else { return nil }
        switch host {
        case "creativecommons.org", "licensebuttons.net", "i.creativecommons.org", "mirrors.creativecommons.org":
            return LicenceRecognisers.creativeCommonsURL(segments)
        case "publications.europa.eu":
            guard segments.count == 5, segments[1] == "resource", segments[2] == "authority", segments[3] == "licence",
                  let alias = index.ids[segments[4]], alias.kind.hasPrefix("eu-code") else { return nil }
            return reading(alias.entry, kind: "eu-uri")
        case "spdx.org":
            guard segments.count >= 3, segments[1] == "licenses",
                  let alias = index.ids[stripExtension(segments[2])], alias.kind.hasPrefix("spdx-id") else { return nil }
            return reading(alias.entry, kind: "spdx-uri")
        case "opensource.org":
            guard segments.count >= 3, segments[1] == "licenses",
                  let alias = index.ids[stripExtension(segments[segments.count - 1])] else { return nil }
            return reading(alias.entry, kind: "osi-uri")
        case "opendefinition.org", "licenses.opendefinition.org":
            guard segments.count >= 3, segments[1] == "licenses",
                  let alias = index.ids[stripExtension(segments[segments.count - 1])] else { return nil }
            return reading(alias.entry, kind: "od-uri")
        case "opendatacommons.org":
            guard segments.count >= 3, segments[1] == "licenses" else { return nil }
            let id = ["odbl": "odbl-1.0", "by": "odc-by-1.0", "pddl": "pddl-1.0"][segments[2]]
            return id.flatMap { known($0, kind: "od-uri") }
        default:
            return nil
        }
    }

    /// Free text: a listed name, an id written with spaces (`CC BY-SA 4.0`), or a family read from its words.
    static func readText(_ text: String, hadURLs: Bool) -> Reading? {
        let index = LicenceTable.index
        // Long values carry copyright statements after the licence name: read the first line only.
        var text = Substring(text)
        if text.count > 200, let firstLine = text.split(whereSeparator: \.isNewline).first { text = firstLine }
        let tokens = LicenceKeys.textTokens(String(text))
        if tokens.isEmpty { return hadURLs ? nil : placeholder("text") }
        if let entry = index.texts[tokens.joined(separator: " ")] { return reading(entry, kind: "text") }
        if let alias = index.ids[tokens.joined(separator: "-")] { return reading(alias.entry, kind: "text") }
        return LicenceRecognisers.text(tokens)
    }

    /// The entry with id or SPDX id `id` (lower-cased), read by `kind`.
    static func known(_ id: String, kind: String) -> Reading? {
        LicenceTable.index.byID[id].map { reading($0, kind: kind) }
    }

    /// A reading whose rule names how the value was read and, for a family or a generic category, says so.
    static func reading(_ entry: Int, kind: String) -> Reading {
        let suffix = switch LicenceTable.index.entries[entry].kind {
        case .family: ".unversioned"
        case .generic: ".generic"
        case .licence, .placeholder: ""
        }
        return Reading(entry: entry, rule: "licence.\(kind)\(suffix)")
    }

    private static func placeholder(_ kind: String) -> Reading? {
        known("notspecified", kind: kind)
    }

    private static func stripExtension(_ segment: String) -> String {
        for suffix in [".html", ".htm", ".php", ".json", ".txt"] where segment.hasSuffix(suffix) {
            return String(segment.dropLast(suffix.count))
        }
        return segment
    }
}
