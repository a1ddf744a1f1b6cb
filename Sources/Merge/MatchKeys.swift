public import CatalogModel

/// A value that two records describing the same dataset share.
public struct MatchKey: Sendable, Hashable, Codable {
    /// What kind of evidence the key is (`doi`, `identifier`, `uri`, `landing`, `downloads`, `title`).
    public var kind: String
    public var value: String
    /// Strong keys alone merge records; weak ones (the same title, publisher and issued date) too, with
    /// lower confidence, shown as such.
    public var strong: Bool

    public init(kind: String, value: String, strong: Bool) {
        self.kind = kind
        self.value = value
        self.strong = strong
    }
}

/// Works out the keys a record can be matched by.
public enum MatchKeys {
    public static func keys(for record: CatalogRecord) -> [MatchKey] {
        var keys: [MatchKey] = []
        var values = record.identifiers.map(\.value)
        for key in ["guid", "identifier", "uri", "dcat_identifier", "source_datajson_identifier", "harvest_url"] {
            if let value = record.extras[key] { values.append(value) }
        }
        for value in values {
            if let doi = DOIKey.normalise(value) {
                keys.append(MatchKey(kind: "doi", value: doi, strong: true))
            } else if let url = URLKey.normalise(value) {
                keys.append(MatchKey(kind: "uri", value: url, strong: true))
            } else if isGlobal(value) {
                keys.append(MatchKey(kind: "identifier", value: value.lowercased(), strong: true))
            }
        }
        if let page = record.provenance.originalURL.flatMap(URLKey.normalise) {
            keys.append(MatchKey(kind: "uri", value: page, strong: true))
        }
        if let landing = record.landingPage.flatMap(URLKey.normalise) {
            keys.append(MatchKey(kind: "landing", value: landing, strong: true))
        }
        let downloads = Set(record.distributions.compactMap { ($0.downloadURL ?? $0.accessURL).flatMap(URLKey.normalise) })
        if !downloads.isEmpty {
            keys.append(MatchKey(kind: "downloads", value: ContentHash.fnv(downloads.sorted().joined(separator: "\n").utf8), strong: true))
        }
        if let publisher = record.publisher.map({ $0.matchKey ?? TitleKey.fold($0.name) }), !publisher.isEmpty,
           let issued = record.issued?.iso.map({ String($0.prefix(10)) }) {
            let title = TitleKey.fold(record.title.value)
            if title.count >= 8 {
                keys.append(MatchKey(kind: "title", value: "\(title)|\(publisher)|\(issued)", strong: false))
            }
        }
        // A few keys a record: sorting and dropping repeats is cheaper than hashing them into a set. Kind and value
        // decide strength (only `title` keys are weak), so equal neighbours are the same key.
        keys.sort { ($0.kind, $0.value) < ($1.kind, $1.value) }
        var unique: [MatchKey] = []
        unique.reserveCapacity(keys.count)
        for key in keys where unique.last != key { unique.append(key) }
        return unique
    }

    /// An identifier that is unique beyond its portal: a UUID, or a long opaque id (not `1`, `data`, a slug).
    static func isGlobal(_ value: String) -> Bool {
        let text = value.trimmed
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, where characters are bytes: the common case, without walking grapheme clusters.
            guard text.utf8.count == 36 else { return false }
            var hex = 0, dashes = 0
            for byte in text.utf8 {
                switch byte {
                case 0x30...0x39, 0x41...0x46, 0x61...0x66: hex += 1
                case UInt8(ascii: "-"): dashes += 1
                default: break
                }
            }
            return hex == 32 && dashes == 4
        }
        let hex = text.filter { $0.isHexDigit }
        return text.count == 36 && hex.count == 32 && text.filter({ $0 == "-" }).count == 4
    }
}

/// Folds a title or name for matching: lower case, no accents, letters and digits only, single spaces.
public enum TitleKey {
    public static func fold(_ text: String) -> String {
        foldASCII(text) ?? foldAnyText(text)
    }

    /// `fold` over the bytes of an ASCII text; nil when the text is not ASCII.
    static func foldASCII(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A, 0x41...0x5A:
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(byte <= 0x5A && byte >= 0x41 ? byte + 32 : byte)
            case 0x80...:
                return nil
            default:
                space = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold` for any text, scalar by scalar.
    static func foldAnyText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        func add(_ scalars: some Sequence<Unicode.Scalar>) {
            if space && !out.isEmpty { out.append(" ") }
            out.append(contentsOf: scalars)
            space = false
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x61...0x7A: add(CollectionOfOne(scalar))
                case 0x41...0x5A: add(CollectionOfOne(Unicode.Scalar(value + 32)!))
                default: space = true
                }
            } else if let ascii = LatinFolding.ascii(for: scalar) {
                add(ascii.unicodeScalars)
            } else if (0x0300...0x036F).contains(value) {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                // Other scripts (Greek, Cyrillic …): decompose and drop the accents, which is rare enough to afford.
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x0300...0x036F).contains($0.value) }
                add(String(String.UnicodeScalarView(base)).lowercased().unicodeScalars)
            } else {
                space = true
            }
        }
        return String(out)
    }
}
