import Foundation
import GRDB

/// A query compiled for SQLite: an FTS5 expression that finds and ranks (every term quoted), and an SQL condition
/// over the `records` row `r` for the rest, its values bound as parameters. Nothing typed reaches SQL or FTS5 as syntax.
struct QueryPlan: Sendable, Hashable {
    /// The FTS5 MATCH expression, or nil when no words are searched for.
    var match: String?
    /// An SQL condition over `records r`, or nil when there is none.
    var filter: String?
    /// `filter` with its `record_terms` conditions looked up record by record, for a few records (same arguments).
    var filterPerRecord: String?
    /// The values of `filter`'s `?` parameters, in order.
    var arguments: [DatabaseValue]
    /// True when `match` is one FTS5 phrase (one word, phrase or prefix, in any field or one): its matches are then
    /// the rows the phrase occurs in, which ranking needs to know.
    var isOnePhrase = false

    /// True when the query asks for everything.
    var isEverything: Bool { match == nil && filter == nil }

    static func compile(_ text: String) throws(QueryError) -> QueryPlan {
        guard let node = try QueryParser.parse(text) else { return QueryPlan(match: nil, filter: nil, filterPerRecord: nil, arguments: []) }
        let conjuncts: [QueryNode]
        if case .and(let parts) = node { conjuncts = parts } else { conjuncts = [node] }
        if conjuncts.allSatisfy({ if case .not = $0 { true } else { false } }) { throw .onlyExclusions }
        // Words and phrases that must all match become the MATCH expression (they rank the results); excluded
        // words are subtracted from it; anything else becomes SQL.
        var positive: [String] = []
        var texts = 0
        var negative: [(node: QueryNode, expression: String)] = []
        var rest: [QueryNode] = []
        for part in conjuncts {
            if case .not(let inner) = part, let expression = FTSExpression.of(inner) {
                negative.append((part, expression))
            } else if let expression = FTSExpression.of(part) {
                positive.append(expression)
                if case .text = part { texts += 1 }
            } else {
                rest.append(part)
            }
        }
        var match: String?
        if positive.isEmpty {
            rest += negative.map(\.node)
        } else {
            match = FTSExpression.subtract(negative.map(\.expression), from: positive)
        }
        var sql = SQLCondition()
        let conditions = rest.map { sql.condition($0) }
        var perRecord = SQLCondition(perRecord: true)
        let perRecordConditions = rest.map { perRecord.condition($0) }
        return QueryPlan(match: match, filter: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                         filterPerRecord: perRecordConditions.isEmpty ? nil : perRecordConditions.joined(separator: " AND "),
                         arguments: sql.arguments, isOnePhrase: match != nil && negative.isEmpty && positive.count == 1 && texts == 1)
    }
}

/// FTS5 expressions for the parts of a query that only search text.
enum FTSExpression {
    /// The expression for `node`, or nil when it involves a field filter or an exclusion FTS5 cannot express.
    static func of(_ node: QueryNode) -> String? {
        switch node {
        case .text(let term):
            return quote(term)
        case .filter, .not:
            return nil
        case .or(let parts):
            var expressions: [String] = []
            for part in parts {
                guard let expression = of(part) else { return nil }
                expressions.append(expression)
            }
            return "(" + expressions.joined(separator: " OR ") + ")"
        case .and(let parts):
            var positive: [String] = []
            var negative: [String] = []
            for part in parts {
                if case .not(let inner) = part {
                    guard let expression = of(inner) else { return nil }
                    negative.append(expression)
                } else {
                    guard let expression = of(part) else { return nil }
                    positive.append(expression)
                }
            }
            return positive.isEmpty ? nil : subtract(negative, from: positive)
        }
    }

    /// `(p1 AND p2) NOT n1 NOT n2`, parenthesised so that FTS5's precedence cannot regroup it.
    static func subtract(_ negative: [String], from positive: [String]) -> String {
        var expression = positive.count == 1 ? positive[0] : "(" + positive.joined(separator: " AND ") + ")"
        for term in negative { expression = "(\(expression) NOT \(term))" }
        return expression
    }

    /// One FTS5 string: the text in double quotes (inner quotes doubled), `*` after it for a prefix, and a column filter.
    static func quote(_ term: TextTerm) -> String {
        // Doubled scalar by scalar: a quote followed by a combining mark is one Character, which a replacement
        // of the Character `"` would miss, leaving FTS5 an unbalanced quote.
        var escaped = String.UnicodeScalarView()
        for scalar in term.text.unicodeScalars {
            escaped.append(scalar)
            if scalar == "\"" { escaped.append(scalar) }
        }
        let quoted = "\"" + String(escaped) + "\"" + (term.prefix ? "*" : "")
        guard let column = term.column else { return quoted }
        return "{\(column)} : \(quoted)"
    }
}
