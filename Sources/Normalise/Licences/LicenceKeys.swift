import CatalogModel

/// The key forms licence values are looked up by. `scripts/vocab/licences.py` writes the table's keys in the same
/// forms (`url_key`, `text_key`); keep the two in step (LicenceTests checks every table key is a fixed point here).
enum LicenceKeys {
    /// Words that carry nothing about which licence is meant.
    static let noise: Set<String> = [
        "licence", "license", "licences", "licenses", "licenza", "lizenz", "licencia", "licentie", "licensed",
        "version", "versione", "vers", "the", "v", "international", "internacional", "internazionale",
        "internationale", "unported", "generic", "generica", "universal", "universale", "universel", "universell",
    ]

    /// Latin letters with diacritics to ASCII (`é` → `e`, `ß` → `ss`), from the generated table.
    static let fold: [Character: String] = {
        var fold: [Character: String] = [:]
        for line in LicenceTable.foldPairs {
            for pair in line.split(separator: " ") where pair.count >= 2 {
                fold[pair.first!] = String(pair.dropFirst())
            }
        }
        return fold
    }()

    /// A URL without scheme, leading `www.` and trailing `/.,;:)'"`, lower-cased: `https://www.Example.org/a/` → `example.org/a`.
    static func urlKey(_ url: String) -> String {
        let lower = url.trimmed.lowercased()
        let bytes = lower.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard bytes.distance(from: start, to: end) >= count else { return false }
            return prefix.withUTF8Buffer { bytes[start..<end].starts(with: $0) }
        }
        if start < end, bytes[start] == UInt8(ascii: "<"), bytes[bytes.index(before: end)] == UInt8(ascii: ">") {
            start = bytes.index(after: start)
            end = bytes.index(before: end)
        }
        for prefix: StaticString in ["https://", "http://", "//"] where hasPrefix(prefix) {
            start = bytes.index(start, offsetBy: prefix.utf8CodeUnitCount)
            break
        }
        if hasPrefix("www.") { start = bytes.index(start, offsetBy: 4) }
        while start < end, isTrailing(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `/.,;:)'"` and ASCII white space.
    private static func isTrailing(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
             UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "\""), 0x20, 0x09...0x0D: true
        default: false
        }
    }

    /// The words of a licence text, lower-cased and folded, with versions written `3.0` and noise words dropped:
    /// `Open Government Licence v3` → `["open", "government", "3.0"]`.
    static func textTokens(_ text: String) -> [String] {
        let characters = Array(text.lowercased())
        var tokens: [String] = []
        var current = ""
        for index in characters.indices {
            let character = characters[index]
            if !character.isASCII, let folded = fold[character] {
                current += folded
            } else if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == ".", let last = current.last, last.isASCII, last.isNumber,
                      index + 1 < characters.count, characters[index + 1].isASCII, characters[index + 1].isNumber {
                current.append(character)
            } else {
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                if character == "&" { tokens.append("and") }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.compactMap(normaliseToken)
    }

    /// The text key: `textTokens` joined by single spaces.
    static func textKey(_ text: String) -> String {
        textTokens(text).joined(separator: " ")
    }

    /// `v3` → `3`, a lone digit `3` → `3.0`, noise words → nil.
    private static func normaliseToken(_ token: String) -> String? {
        var token = token
        if token.count >= 2, token.first == "v", token.dropFirst().first.map(isDigit) == true,
           token.dropFirst().allSatisfy({ isDigit($0) || $0 == "." }) {
            token.removeFirst()
        }
        if token.count == 1, let only = token.first, isDigit(only) { token += ".0" }
        return noise.contains(token) ? nil : token
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}

extension LicenceKeys {
    /// The `http://` and `https://` URLs inside a (lower-cased) text, which may be mashed into other words:
    /// `attribution 4.0https://creativecommons.org/…`. A URL ends at white space, a quote or an angle bracket.
    static func urlRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "h"), let afterScheme = schemeEnd(bytes, at: index) else {
                index = bytes.index(after: index)
                continue
            }
            var end = afterScheme
            while end < bytes.endIndex, !isURLEnd(bytes[end]) { end = bytes.index(after: end) }
            if end > afterScheme { ranges.append(index..<end) }
            index = end
        }
        return ranges
    }

    /// True when the whole (trimmed, lower-cased) value is one URL, with or without its scheme:
    /// `creativecommons.org/licenses/by/4.0`, `www.nationalarchives.gov.uk/doc/open-government-licence`.
    static func isBareURL(_ text: String) -> Bool {
        guard !text.utf8.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }), !text.contains(where: \.isWhitespace)
        else { return false }
        if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.") { return true }
        guard let slash = text.firstIndex(of: "/") else { return false }
        let host = text[..<slash]
        return host.contains(".") && host.last?.isLetter == true
    }

    private static func schemeEnd(_ bytes: String.UTF8View, at start: String.Index) -> String.Index? {
        for scheme in ["http://", "https://"] {
            var index = start
            var matched = true
            for byte in scheme.utf8 {
                guard index < bytes.endIndex, bytes[index] == byte else {
                    matched = false
                    break
                }
                index = bytes.index(after: index)
            }
            if matched { return index }
        }
        return nil
    }

    private static func isURLEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"): true
        default: false
        }
    }

    /// The text with HTML tags replaced by spaces and the usual entities decoded (ArcGIS Hub publishes
    /// licences as HTML fragments).
    static func strippingHTML(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
                result.append(" ")
            } else if character == ">", inTag {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        guard result.contains("&") else { return result }
        for (entity, replacement) in [("&nbsp;", " "), ("&#160;", " "), ("&amp;", "&"), ("&#39;", "'"), ("&quot;", "\"")] {
            result = result.replacing(entity, with: replacement)
        }
        return result
    }
}
