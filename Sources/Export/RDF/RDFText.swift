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
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), hasScheme(text) else { return nil }
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }) { return text }
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

    private static let forbidden = Set("<>\"{}|\\^`".utf8)

    /// `scheme:` at the start: an ASCII letter, then letters, digits, `+`, `.` or `-`, then a colon.
    static func hasScheme(_ text: String) -> Bool {
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "-"): if index == 0 { return false }
            case UInt8(ascii: ":"): return index > 0
            default: return false
            }
        }
        return false
    }

    /// A BCP 47 language tag as RDF accepts it (`letters(-alphanumerics)*`, parts of 1 to 8), lowercased; nil otherwise.
    static func language(_ tag: String) -> String? {
        let lower = tag.lowercased()
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            guard (1...8).contains(part.utf8.count),
                  part.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (index > 0 && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)) })
            else { return nil }
        }
        return lower
    }

    /// True when `text` has exactly the shape of `pattern`, where `9` stands for any ASCII digit.
    static func shaped(_ text: String, _ pattern: String) -> Bool {
        guard text.utf8.count == pattern.utf8.count else { return false }
        return zip(text.utf8, pattern.utf8).allSatisfy { $1 == UInt8(ascii: "9") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) : $0 == $1 }
    }

    /// The typed literal for a date at the precision it was published: xsd:gYear, gYearMonth, date or dateTime;
    /// the published text as a plain literal when fedcat could not read it.
    static func date(_ date: CatalogDate?) -> RDFTerm? {
        guard let date else { return nil }
        guard let iso = date.iso else { return .string(clean(date.raw)) }
        let type: String
        if iso.contains("T") { type = "dateTime" }
        else if shaped(iso, "9999-99-99") { type = "date" }
        else if shaped(iso, "9999-99") { type = "gYearMonth" }
        else if shaped(iso, "9999") { type = "gYear" }
        else { return .string(clean(iso)) }
        return .literal(iso, datatype: V.xsd + type, language: nil)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

import CatalogModel
import Foundation
