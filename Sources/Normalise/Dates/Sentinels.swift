/// Values that stand for "no date": placeholders typed by people or written by software in place of a date.
///
/// - Words and symbols (`N/A`, `unknown`, `null`, `None`, `-`, `TBD`, `Not Known` (magda_dsaga
///   `temporal_coverage_from`), `k. A.`, `inconnu`, `0000-00-00` …), compared without case;
/// - unexpanded templates: `{{…}}`, `${…}`, and upper-case identifiers with an underscore (`PYCSW_TIMESTAMP`,
///   pycsw's Atom `updated` and OAI `responseDate` in the corpus);
/// - dates that no metadata can mean: years 0001 and 9999 (`0001-01-01`, `9999-12-31`, database minima and
///   maxima) anywhere, and `1900-01-01` (spreadsheet and database default) in metadata dates (`issued`,
///   `modified`, distribution dates) only — a temporal coverage may really start on 1 January 1900.
///
/// "Open" words (`..`, `present`, `current`, `ongoing`, `now`) say a period has not ended: in a temporal end
/// they leave the end open; elsewhere they are placeholders too.
enum DateSentinel {
    enum Kind: Equatable { case placeholder, open }

    static func classify(_ bytes: [UInt8]) -> Kind? {
        guard !bytes.isEmpty else { return .placeholder }
        if bytes.count <= 24 {
            let lowered = String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
            if openWords.contains(lowered) { return .open }
            if placeholderWords.contains(lowered) { return .placeholder }
        }
        return isTemplate(bytes) ? .placeholder : nil
    }

    /// True for an ISO date (as `ISODate` writes it) that is a placeholder.
    static func isPlaceholder(iso: String, metadata: Bool) -> Bool {
        iso.hasPrefix("0001") || iso.hasPrefix("9999") || (metadata && iso.hasPrefix("1900-01-01"))
    }

    static let openWords: Set<String> = ["..", "present", "current", "ongoing", "now", "open", "to date", "today"]

    static let placeholderWords: Set<String> = [
        "n/a", "n.a.", "n. a.", "na", "n/d", "none", "null", "nil", "nan", "nat", "undefined", "unknown", "unk",
        "not known", "not available", "not applicable", "not specified", "unspecified", "not set", "no date",
        "tbd", "tba", "tbc", "invalid date", "-", "--", "---", "?", "??", "???", "0", "00", "000", "0000",
        "0000-00-00", "0000-00-00 00:00:00", "0000-00-00t00:00:00", "00/00/0000", "00.00.0000",
        "k.a.", "k. a.", "keine angabe", "unbekannt", "inconnu", "inconnue", "non renseigné", "nc", "n.c.",
        "desconocido", "sconosciuto", "onbekend",
    ]

    private static func isTemplate(_ bytes: [UInt8]) -> Bool {
        // `{{extent:…}}`, `${date}`, `%(modified)s`
        for index in bytes.indices.dropLast() {
            let byte = bytes[index], next = bytes[index + 1]
            if (byte == UInt8(ascii: "{") && next == UInt8(ascii: "{")) || (byte == UInt8(ascii: "$") && next == UInt8(ascii: "{"))
                || (byte == UInt8(ascii: "%") && next == UInt8(ascii: "(")) { return true }
        }
        // `PYCSW_TIMESTAMP`
        var underscore = false, letter = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = true
            case UInt8(ascii: "_"): underscore = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            default: return false
            }
        }
        return underscore && letter
    }
}
