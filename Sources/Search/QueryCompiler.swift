/// Turns what a person types into an FTS5 expression: words (all must match), `"exact phrases"`,
/// `prefix*`, `-excluded` words and `OR` between words (`AND` is implied and may be typed). Nothing typed can break the SQL or FTS5 syntax.
public enum QueryCompiler {
    /// The FTS5 MATCH expression, or nil when the query asks for everything (empty or `*`).
    public static func compile(_ text: String) throws(SearchError) -> String? {
        let tokens = tokenize(text)
        if tokens.isEmpty || tokens == [Token(text: "*", phrase: false, negated: false, prefix: false)] { return nil }
        var groups: [[String]] = [[]]
        var excluded: [String] = []
        var pendingOr = false
        for token in tokens {
            if !token.phrase && !token.negated && token.text == "OR" {
                pendingOr = !(groups.last?.isEmpty ?? true)
                continue
            }
            if !token.phrase && !token.negated && token.text == "AND" { continue }
            guard let term = term(token) else { continue }
            if token.negated {
                excluded.append(term)
            } else if pendingOr, !groups.isEmpty {
                groups[groups.count - 1].append(term)
                pendingOr = false
            } else {
                if !(groups.last?.isEmpty ?? true) { groups.append([]) }
                groups[groups.count - 1].append(term)
            }
        }
        groups.removeAll { $0.isEmpty }
        guard !groups.isEmpty else {
            if excluded.isEmpty { return nil }
            throw .onlyExclusions(text)
        }
        var expression = groups.map { $0.count == 1 ? $0[0] : "(" + $0.joined(separator: " OR ") + ")" }.joined(separator: " AND ")
        for term in excluded { expression = "(\(expression)) NOT \(term)" }
        return expression
    }

    struct Token: Equatable {
        var text: String
        var phrase: Bool
        var negated: Bool
        var prefix: Bool
    }

    /// Splits on spaces, keeping `"quoted phrases"` together.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace { index = text.index(after: index); continue }
            var negated = false
            var start = index
            if character == "-" {
                negated = true
                start = text.index(after: index)
            }
            if start < text.endIndex, text[start] == "\"" {
                let open = text.index(after: start)
                let close = text[open...].firstIndex(of: "\"") ?? text.endIndex
                tokens.append(Token(text: String(text[open..<close]), phrase: true, negated: negated, prefix: false))
                index = close < text.endIndex ? text.index(after: close) : close
                continue
            }
            let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            var word = String(text[start..<end])
            let prefix = word.hasSuffix("*") && word.count > 1
            if prefix { word.removeLast() }
            if !word.isEmpty { tokens.append(Token(text: word, phrase: false, negated: negated, prefix: prefix)) }
            index = end
        }
        return tokens
    }

    /// One quoted FTS5 string; nil when nothing searchable is left.
    private static func term(_ token: Token) -> String? {
        let cleaned = token.text.filter { !$0.isPunctuation || $0 == "'" || $0 == "-" || $0 == "." || $0 == "_" }
        guard cleaned.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        let quoted = "\"" + token.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return token.prefix ? quoted + "*" : quoted
    }
}

/// Why a search could not run.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    case onlyExclusions(String)
    case badLimit(Int)
    case store(String)

    public var description: String {
        switch self {
        case .onlyExclusions(let query):
            return "The search '\(query)' only excludes words; add at least one word to look for."
        case .badLimit(let limit):
            return "The limit \(limit) is out of range: use 1 to 1000."
        case .store(let reason):
            return reason
        }
    }
}

import Foundation
