/// Readable sentences for the errors serd 0.30 reports, keyed by serd's own printf format (which is stable within a
/// release line), and which of them serd's lax mode reads past.
enum SerdMessages {
    /// Errors after which serd's lax mode goes on with the same statement: it keeps an IRI with a space or control
    /// character as written and replaces broken UTF-8 or out-of-range escapes with U+FFFD. Every other error
    /// abandons the statement.
    static func isTolerated(format: String) -> Bool {
        switch format {
        case "invalid IRI character (escape %%%02X)\n",
             "invalid UTF-8 start 0x%X\n",
             "invalid UTF-8 continuation 0x%X\n",
             "unicode character 0x%X out of range\n":
            return true
        default:
            return false
        }
    }

    /// What line-based readers add to a problem that made serd skip its line.
    static let lineSkipped = "; the line was skipped"

    /// The format the session substitutes when serd reads the end of its input as part of an IRI.
    static let endInsideIRI = "fedcat: end inside IRI"
    /// The format the session substitutes when serd ran past the end of its input without an error of its own.
    static let endInsideToken = "fedcat: end inside token"

    /// A sentence for serd's error. `message` is the formatted text, `format` the format it came from; `final`
    /// tells that the text serd was reading ended with the document (so "end of input" means truncation).
    static func sentence(format: String, message: String, final: Bool) -> String {
        let ending = final ? "the document ends" : "the statement ends"
        switch format {
        case "bad verb\n":
            return "expected a predicate (an IRI, a prefixed name or `a`)"
        case "expected prefixed name\n":
            return "found a bare word where a prefixed name (`prefix:name`), `true` or `false` was expected"
        case "expected `%c', not `%c'\n":
            let (wanted, found) = expectedPair(message)
            if let found { return "expected `\(wanted)` but found `\(found)`" }
            return "expected `\(wanted)` but \(ending) first"
        case "unexpected end of file\n":
            return final ? "the document ends in the middle of a statement" : "the statement is incomplete"
        case "unexpected end of statement\n":
            return "a statement or directive ends unexpectedly (a SPARQL-style PREFIX takes no final `.`)"
        case endInsideIRI:
            return final ? "the document ends inside an IRI (`<` without its `>`)"
                : "an IRI is not closed by `>` before the end of the statement"
        case endInsideToken:
            return final ? "the document ends inside a string literal or IRI"
                : "a string literal or IRI is not closed before the end of the statement"
        case "invalid IRI character `%c'\n":
            return "an IRI contains \(quotedCharacter(message)), which must be percent-encoded"
        case "invalid IRI character (escape %%%02X)\n":
            return "an IRI contains a space or control character (\(lastWord(message).dropLast())); it was kept as written"
        case "invalid UTF-8 start 0x%X\n", "invalid UTF-8 continuation 0x%X\n":
            return "invalid UTF-8 (byte \(lastWord(message))); it was replaced by U+FFFD"
        case "unicode character 0x%X out of range\n":
            return "an escape names a code point beyond U+10FFFF; it was replaced by U+FFFD"
        case "missing IRI scheme\n", "expected IRI scheme\n", "bad IRI scheme start `%c'\n",
             "bad IRI scheme char U+%04X (%c)\n":
            return "an IRI is not absolute (it has no scheme such as `http:`), which this syntax requires"
        case "invalid IRI escape\n", "invalid escaped IRI character U+%04X\n":
            return "an IRI contains an invalid `\\u` escape"
        case "full stop after SPARQL BASE\n":
            return "a SPARQL-style BASE directive takes no final `.`"
        case "invalid escape\n", "bad escape\n", "invalid escape `\\%c'\n":
            return "invalid escape sequence (\(message.trimmed))"
        case "invalid hexadecimal digit `%c'\n":
            return "invalid hexadecimal digit in a `\\u` escape"
        case "prefix ends with `.'\n":
            return "a prefix name may not end with `.`"
        case "invalid name start\n":
            return "invalid blank node label"
        case "`.' inside blank\n":
            return "a `.` appears inside a `[ … ]` blank node"
        case "expected: ':', '<', or '_'\n":
            return "expected an IRI, a blank node or a literal"
        case "expected object\n":
            return "expected an object"
        case "end of file in short string\n", "line end in short string\n":
            return "a string literal is not closed on its line"
        case "end of file in long string\n":
            return "a long (triple-quoted) string literal is not closed"
        case "unexpected `%c'\n":
            return "invalid language tag"
        case "bad literal\n":
            return "invalid literal: its datatype or language tag cannot be read"
        case "missing ';' or '.'\n":
            return "expected `;` or `.` after an object"
        case "subject ends with `.'\n":
            return "a subject ends with `.`"
        case "bad subject\n":
            return "invalid subject"
        case "missing predicate object list\n":
            return "a subject has no predicates and objects"
        case "graph followed by `.'\n":
            return "a graph block `{ … }` is followed by `.`"
        case "uppercase directive\n":
            return "directives are written in lower case (`@prefix`, `@base`)"
        case "invalid directive\n":
            return "unknown directive (only `@prefix` and `@base` exist)"
        case "expected label or subject\n", "invalid graph name\n":
            return "invalid graph name"
        case "expected digit\n":
            return "a number has no digits"
        case "invalid character U+%04X in name\n":
            return "a name contains the character \(lastWord(message)), which names may not contain"
        case "found both `b' and `B' blank IDs, prefix required\n":
            return "the document uses both `_:bN` and `_:BN` blank node labels, which serd cannot keep apart"
        case "syntax does not support long literals\n":
            return "triple-quoted literals are not allowed in this syntax"
        case "syntax does not support abbreviation\n":
            return "object lists with `,` are not allowed in this syntax"
        case "syntax does not support directives\n":
            return "directives such as `@prefix` are not allowed in this syntax"
        case "syntax does not support graphs\n":
            return "graph blocks `{ … }` are not allowed in this syntax"
        case "corrupt byte order mark\n":
            return "the byte order mark at the start is corrupt"
        case "expected `='\n":
            return "expected `=`"
        default:
            return "serd reported: \(message.trimmed)"
        }
    }

    /// The two characters of "expected `.', not `<'"; nil for the second when serd hit the end of its input
    /// (it prints EOF as byte 0xFF, which decodes to U+FFFD).
    private static func expectedPair(_ message: String) -> (String, String?) {
        let parts = message.split(separator: "`", omittingEmptySubsequences: false)
        let wanted = parts.count > 1 ? String(parts[1].prefix(1)) : "?"
        guard parts.count > 3 else { return (wanted, nil) }
        let found = String(parts[3].prefix(1))
        if found == "\u{FFFD}" || found.isEmpty || found == "\0" { return (wanted, nil) }
        return (wanted, printable(found))
    }

    private static func quotedCharacter(_ message: String) -> String {
        let parts = message.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return "a character" }
        return "`\(printable(String(parts[1].prefix(1))))`"
    }

    private static func printable(_ character: String) -> String {
        guard let scalar = character.unicodeScalars.first, scalar.value < 0x20 else { return character }
        return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    private static func lastWord(_ message: String) -> String {
        String(message.trimmed.split(separator: " ").last ?? "")
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
