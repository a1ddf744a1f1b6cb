import FeedParsing

/// Cleans what goes into a graph so that every syntax can carry the same graph.
enum RDFText {
    /// A literal's text with characters XML 1.0 cannot hold (C0 controls other than tab, line feed and carriage
    /// return, and U+FFFE/U+FFFF) replaced by U+FFFD, so Turtle, N-Triples, RDF/XML and JSON-LD give one graph.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(unsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    private static func unsafe(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D) || s.value == 0xFFFE || s.value == 0xFFFF
    }

    /// A published link as an absolute IRI: trimmed, characters IRIs forbid (space, `<>"{}|\^` and backquote,
    /// controls) percent-encoded; nil when it has no scheme (it is then not a link).
    static func iri(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
              text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil else { return nil }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|\\^`".unicodeScalars.contains(scalar) || (0x7F...0x9F).contains(scalar.value) {
                for byte in String(scalar).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A BCP 47 language tag as RDF accepts it, lowercased; nil when it is not one.
    static func language(_ tag: String) -> String? {
        let lower = tag.lowercased()
        return lower.range(of: #"^[a-z]{1,8}(-[a-z0-9]{1,8})*$"#, options: .regularExpression) != nil ? lower : nil
    }

    /// The typed literal for a date at the precision it was published: xsd:gYear, gYearMonth, date or dateTime;
    /// the published text as a plain literal when fedcat could not read it.
    static func date(_ date: CatalogDate?) -> RDFTerm? {
        guard let date else { return nil }
        guard let iso = date.iso else { return .string(clean(date.raw)) }
        let type: String
        if iso.contains("T") { type = "dateTime" }
        else if iso.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil { type = "date" }
        else if iso.range(of: #"^\d{4}-\d{2}$"#, options: .regularExpression) != nil { type = "gYearMonth" }
        else if iso.range(of: #"^\d{4}$"#, options: .regularExpression) != nil { type = "gYear" }
        else { return .string(clean(iso)) }
        return .literal(iso, datatype: V.xsd + type, language: nil)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

import CatalogModel
import Foundation
