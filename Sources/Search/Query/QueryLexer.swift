/// One piece of a typed query, with the character position (from 1) where it starts.
struct QueryToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word(String)
        case phrase(String)
        /// `-` directly before a word, phrase, field or parenthesis.
        case minus
        case open
        case close
        /// `name:value`; `quoted` when the value was a `"phrase"`.
        case field(QueryField, value: String, quoted: Bool)
    }

    var kind: Kind
    var position: Int
}

/// Splits a query into words, `"phrases"`, `-`, parentheses and `field:value` pairs.
enum QueryLexer {
    static func tokens(_ text: String) throws(QueryError) -> [QueryToken] {
        let count = text.count
        guard count <= QueryError.maxLength else { throw .tooLong(length: count) }
        // A control character (NUL, SUB, …) is a space: SQLite would read bound FTS5 text only up to a NUL.
        let chars = Array(text).map { c in c.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : c }
        var tokens: [QueryToken] = []
        var i = 0
        func isBreak(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "\"" }
        /// The phrase starting at the quote at `start`, and the index after its closing quote.
        func phrase(at start: Int) throws(QueryError) -> (String, Int) {
            var end = start + 1
            while end < chars.count, chars[end] != "\"" { end += 1 }
            guard end < chars.count else { throw .unclosedQuote(position: start + 1) }
            return (String(chars[(start + 1)..<end]), end + 1)
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let position = i + 1
            switch c {
            case "(":
                tokens.append(QueryToken(kind: .open, position: position)); i += 1
            case ")":
                tokens.append(QueryToken(kind: .close, position: position)); i += 1
            case "\"":
                let (text, next) = try phrase(at: i)
                tokens.append(QueryToken(kind: .phrase(text), position: position)); i = next
            case "-" where i + 1 < chars.count && !chars[i + 1].isWhitespace && chars[i + 1] != "-":
                tokens.append(QueryToken(kind: .minus, position: position)); i += 1
            default:
                var end = i
                while end < chars.count, !isBreak(chars[end]) { end += 1 }
                let word = String(chars[i..<end])
                i = end
                guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else {
                    tokens.append(QueryToken(kind: .word(word), position: position)); continue
                }
                let name = String(word[..<colon])
                let value = String(word[word.index(after: colon)...])
                if let field = QueryField(rawValue: name.lowercased()) {
                    if value.isEmpty, i < chars.count, chars[i] == "\"" {
                        let (text, next) = try phrase(at: i)
                        i = next
                        tokens.append(QueryToken(kind: .field(field, value: text, quoted: true), position: position))
                    } else if value.isEmpty {
                        throw .missingValue(field: field.rawValue, position: position)
                    } else {
                        tokens.append(QueryToken(kind: .field(field, value: value, quoted: false), position: position))
                    }
                } else if name.allSatisfy({ $0.isASCII && $0.isLetter }), !value.isEmpty, !value.hasPrefix("/") {
                    throw .unknownField(name: name, position: position)
                } else {
                    tokens.append(QueryToken(kind: .word(word), position: position))
                }
            }
        }
        return tokens
    }
}
