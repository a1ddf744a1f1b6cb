import Foundation
public import CatalogModel

/// Whether a URL is well formed: http, https or ftp, with a host, and no spaces.
enum URLCheck {
    static func isWellFormed(_ text: String) -> Bool {
        plainVerdict(text.utf8) ?? parsedVerdict(text)
    }

    /// The verdict of Foundation's parser, for every URL `plainVerdict` leaves undecided.
    static func parsedVerdict(_ text: String) -> Bool {
        guard !containsWhitespace(text), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), ["http", "https", "ftp"].contains(scheme),
              let host = components.host, !host.isEmpty else { return false }
        return true
    }

    /// True for the plain URLs most records give, read over their bytes: `http://`, `https://` or `ftp://` (any
    /// case), a host of letters, digits and hyphens in dot-separated labels, an optional port of up to five digits, then
    /// only characters RFC 3986 allows there unescaped, `%` with two hex digits, and at most one `#`. Nil for anything
    /// else, which `parsedVerdict` decides: Foundation's parser took a fifth of scoring a record, and a test checks
    /// that both agree on every URL this accepts.
    static func plainVerdict(_ utf8: String.UTF8View) -> Bool? {
        var iterator = utf8.makeIterator()
        var schemeLetters = 0
        // Scheme, lower-cased, up to its colon.
        var scheme: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
        while let byte = iterator.next() {
            if byte == UInt8(ascii: ":") { break }
            let lower = byte | 0x20
            guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"), schemeLetters < 5 else { return nil }
            switch schemeLetters {
            case 0: scheme.0 = lower
            case 1: scheme.1 = lower
            case 2: scheme.2 = lower
            case 3: scheme.3 = lower
            default: scheme.4 = lower
            }
            schemeLetters += 1
        }
        let known = (schemeLetters == 4 && scheme.0 == 0x68 && scheme.1 == 0x74 && scheme.2 == 0x74 && scheme.3 == 0x70) // http
            || (schemeLetters == 5 && scheme.0 == 0x68 && scheme.1 == 0x74 && scheme.2 == 0x74 && scheme.3 == 0x70 && scheme.4 == 0x73) // https
            || (schemeLetters == 3 && scheme.0 == 0x66 && scheme.1 == 0x74 && scheme.2 == 0x70) // ftp
        guard known, iterator.next() == UInt8(ascii: "/"), iterator.next() == UInt8(ascii: "/") else { return nil }
        // Host: labels of letters, digits and hyphens, none empty; then a port, or the end, or the path.
        var labelLength = 0
        var hostLength = 0
        var next: UInt8? = nil
        while let byte = iterator.next() {
            if isAlphanumeric(byte) || byte == UInt8(ascii: "-") {
                labelLength += 1
                hostLength += 1
            } else if byte == UInt8(ascii: ".") {
                guard labelLength > 0 else { return nil }
                labelLength = 0
                hostLength += 1
            } else {
                next = byte
                break
            }
        }
        guard hostLength > 0, labelLength > 0 else { return nil }
        if next == UInt8(ascii: ":") {
            var digits = 0
            next = nil
            while let byte = iterator.next() {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                    next = byte
                    break
                }
                digits += 1
            }
            guard digits >= 1 && digits <= 5 else { return nil }
        }
        guard let first = next else { return true }
        guard first == UInt8(ascii: "/") || first == UInt8(ascii: "?") || first == UInt8(ascii: "#") else { return nil }
        // Path, query and fragment.
        var inFragment = first == UInt8(ascii: "#")
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(), isHexDigit(high), isHexDigit(low) else { return nil }
            } else if byte == UInt8(ascii: "#") {
                guard !inFragment else { return nil }
                inFragment = true
            } else if !isAllowedAfterHost(byte) {
                return nil
            }
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// Unreserved characters, sub-delimiters, `:`, `@`, `/` and `?`: what a path, query or fragment holds unescaped.
    private static func isAllowedAfterHost(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"):
            return true
        default:
            return false
        }
    }
}

extension URLCheck {
    /// Whether `text` holds white space: over the bytes when it is ASCII (the usual URL), else over characters.
    static func containsWhitespace(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.contains(where: \.isWhitespace)
    }
}

/// Whether a media type has the IANA `type/subtype` shape with a known top-level type.
enum MediaTypeCheck {
    static let topLevel: Set<String> = ["application", "audio", "font", "image", "message", "model", "multipart", "text", "video"]

    static func isWellFormed(_ text: String) -> Bool {
        // Over the bytes when the type is ASCII (the usual case): lower-casing and splitting it took a tenth of scoring.
        if let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")), text.utf8.allSatisfy({ $0 < 0x80 }) {
            let type = text.utf8[..<slash], subtype = text.utf8[text.utf8.index(after: slash)...]
            return !subtype.isEmpty && !subtype.contains(UInt8(ascii: "/")) && !subtype.contains(UInt8(ascii: " "))
                && topLevelBytes.contains { $0.elementsEqual(type.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
        }
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && topLevel.contains(String(parts[0])) && !parts[1].isEmpty && !parts[1].contains(" ")
    }

    private static let topLevelBytes = topLevel.map { Array($0.utf8) }
}

/// The EU file-type code a distribution was given by the format rule (`CSV` from `…/file-type/CSV`).
public enum FileTypeCode {
    static let prefix = "http://publications.europa.eu/resource/authority/file-type/"

    public static func of(_ distribution: Distribution) -> String? {
        guard let uri = distribution.fileType, uri.hasPrefix(prefix) else { return nil }
        let code = uri.dropFirst(prefix.count)
        return code.isEmpty ? nil : String(code)
    }
}

/// Whether a date is there, readable and plausible: read by the normaliser (ISO form known), not before 1900,
/// not after today, and (for a modification date) not before the date of issue.
enum DatePlausibility {
    enum Verdict { case missing, implausible, plausible }

    static func check(_ date: CatalogDate?, today: String, notBefore: String?) -> Verdict {
        guard let date else { return .missing }
        guard let iso = date.iso, let year = Int(iso.prefix(4)), iso.count >= 4 else { return .implausible }
        if year < 1900 || String(iso.prefix(10)) > today { return .implausible }
        if let notBefore {
            let common = min(iso.count, notBefore.count)
            if iso.prefix(common) < notBefore.prefix(common) { return .implausible }
        }
        return .plausible
    }
}

/// Whether a recognised licence is open (Open Definition conformant): reported, not scored.
public enum LicenceCheck {
    public static func isOpen(_ licence: LicenseRef) -> Bool {
        guard let id = licence.spdx else { return false }
        if LicenceOpenness.open.contains(id) { return true }
        return LicenceOpenness.openFamilies.contains { id.hasPrefix($0) } && !id.contains("-NC") && !id.contains("-ND")
    }
}
