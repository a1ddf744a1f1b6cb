import Foundation
public import CatalogModel

/// Whether a URL is well formed: http, https or ftp, with a host, and no spaces.
enum URLCheck {
    static func isWellFormed(_ text: String) -> Bool {
        guard !containsWhitespace(text), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), ["http", "https", "ftp"].contains(scheme),
              let host = components.host, !host.isEmpty else { return false }
        return true
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
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && topLevel.contains(String(parts[0])) && !parts[1].isEmpty && !parts[1].contains(" ")
    }
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
