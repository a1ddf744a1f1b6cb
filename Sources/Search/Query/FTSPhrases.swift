/// The phrases of an FTS5 expression that fedcat wrote (`FTSExpression`, and the title part ranking adds), in the order
/// FTS5 numbers them (the order they appear, excluded ones included), each as an expression of its own carrying the
/// column filters that apply to it: `("bus" OR {title} : "tram") AND ({title}: ("bus"))` has the phrases `"bus"`,
/// `{title} : "tram"` and `{title} : ("bus")`. Ranking counts each one's rows once per query (`QueryRanking`).
enum FTSPhrases {
    struct Phrase: Hashable, Sendable {
        /// An FTS5 expression matching the rows the phrase occurs in, with its column filters.
        var expression: String
        /// True for one word in any column, without a prefix: FTS5 finds its rows in one list, so counting them all
        /// costs no more than their number (see `SampledBM25.phraseRows`).
        var countable: Bool
    }

    static func of(_ expression: String) -> [Phrase] {
        let scalars = Array(expression.unicodeScalars)
        var phrases: [Phrase] = []
        // The column filter of each open parenthesis (nil for a group without one), and one just read, which applies
        // to the next phrase or group.
        var groups: [String?] = []
        var pending: String?
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "{":
                var end = index + 1
                while end < scalars.count && scalars[end] != "}" { end += 1 }
                pending = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
                index = end
            case "(":
                groups.append(pending)
                pending = nil
            case ")":
                _ = groups.popLast()
            case "\"":
                // A quoted string, its inner quotes doubled, then `*` for a prefix.
                var end = index + 1
                var words = String.UnicodeScalarView()
                while end < scalars.count {
                    if scalars[end] == "\"" {
                        if end + 1 < scalars.count && scalars[end + 1] == "\"" { end += 1 } else { break }
                    }
                    words.append(scalars[end])
                    end += 1
                }
                let prefix = end + 1 < scalars.count && scalars[end + 1] == "*"
                var text = String(String.UnicodeScalarView(scalars[index...min(end, scalars.count - 1)])) + (prefix ? "*" : "")
                let columns = groups.compactMap { $0 } + [pending].compactMap { $0 }
                if let pending { text = "{\(pending)} : " + text }
                for case let column? in groups.reversed() { text = "{\(column)} : (\(text))" }
                let oneWord = !words.isEmpty && words.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                phrases.append(Phrase(expression: text, countable: oneWord && !prefix && columns.isEmpty))
                pending = nil
                index = prefix ? end + 1 : end
            default:
                break
            }
            index += 1
        }
        return phrases
    }
}
