import Foundation

/// Reads the tokens of a query into a `QueryNode`: `OR` binds tighter than the implied `AND`, `-` negates what
/// follows it, parentheses group. Words with nothing searchable in them (`*`, `;`) are left out.
struct QueryParser {
    private let tokens: [QueryToken]
    private var index = 0
    private var terms = 0

    /// The query as a tree, or nil when it asks for everything (empty, or only `*`).
    static func parse(_ text: String) throws(QueryError) -> QueryNode? {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text))
        let node = try parser.parseAnd(depth: 0)
        if let extra = parser.peek {
            // parseAnd stops only at the end or at a `)`.
            throw .unexpectedClosingParenthesis(position: extra.position)
        }
        return node
    }

    private init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    private var peek: QueryToken? { index < tokens.count ? tokens[index] : nil }

    private func isWord(_ token: QueryToken?, _ word: String) -> Bool {
        if case .word(word)? = token?.kind { return true }
        return false
    }

    /// True when the token can start an operand.
    private func startsOperand(_ token: QueryToken?) -> Bool {
        guard let token else { return false }
        if case .close = token.kind { return false }
        return !isWord(token, "OR") && !isWord(token, "AND")
    }

    /// Terms one after the other, all required (`AND` may be typed between them).
    private mutating func parseAnd(depth: Int) throws(QueryError) -> QueryNode? {
        var parts: [QueryNode] = []
        var first = true
        while let token = peek {
            if case .close = token.kind { break }
            if isWord(token, "OR") { throw .missingOperand(operator: "OR", position: token.position) }
            if isWord(token, "AND") {
                index += 1
                guard !first, startsOperand(peek) else { throw .missingOperand(operator: "AND", position: token.position) }
                continue
            }
            first = false
            if let node = try parseOr(depth: depth) { parts.append(node) }
        }
        return parts.count <= 1 ? parts.first : .and(parts)
    }

    /// `a OR b OR c`: binds tighter than the implied AND, as in web search (`bus OR tram parking`).
    private mutating func parseOr(depth: Int) throws(QueryError) -> QueryNode? {
        var parts: [QueryNode] = []
        if let first = try parseUnary(depth: depth) { parts.append(first) }
        while isWord(peek, "OR") {
            let or = peek!
            index += 1
            guard startsOperand(peek) else { throw .missingOperand(operator: "OR", position: or.position) }
            if let next = try parseUnary(depth: depth) { parts.append(next) }
        }
        return parts.count <= 1 ? parts.first : .or(parts)
    }

    private mutating func parseUnary(depth: Int) throws(QueryError) -> QueryNode? {
        guard let token = peek else { return nil }
        if case .minus = token.kind {
            index += 1
            guard startsOperand(peek) else { throw .missingOperand(operator: "-", position: token.position) }
            return try parseUnary(depth: depth).map { .not($0) }
        }
        return try parsePrimary(depth: depth)
    }

    private mutating func parsePrimary(depth: Int) throws(QueryError) -> QueryNode? {
        guard let token = peek else { return nil }
        index += 1
        switch token.kind {
        case .open:
            guard depth < QueryError.maxDepth else { throw .tooDeep(position: token.position) }
            let inner = try parseAnd(depth: depth + 1)
            guard let close = peek, case .close = close.kind else { throw .unclosedParenthesis(position: token.position) }
            index += 1
            return inner
        case .close:
            throw .unexpectedClosingParenthesis(position: token.position)
        case .minus:
            throw .missingOperand(operator: "-", position: token.position)
        case .word(let word):
            try count(token)
            return Self.word(word, column: nil).map(QueryNode.text)
        case .phrase(let text):
            try count(token)
            return Self.searchable(text) ? .text(TextTerm(text: text)) : nil
        case .field(let field, let value, let quoted):
            try count(token)
            return try Self.field(field, value: value, quoted: quoted, position: token.position)
        }
    }

    private mutating func count(_ token: QueryToken) throws(QueryError) {
        terms += 1
        if terms > QueryError.maxTerms { throw .tooManyTerms(position: token.position) }
    }

    private static func searchable(_ text: String) -> Bool {
        text.contains { $0.isLetter || $0.isNumber }
    }

    /// A typed word as a term: a trailing `*` makes it a prefix; nil when nothing in it is searchable.
    private static func word(_ word: String, column: String?) -> TextTerm? {
        var text = Substring(word)
        var prefix = false
        while text.hasSuffix("*") { text.removeLast(); prefix = true }
        guard searchable(String(text)) else { return nil }
        return TextTerm(text: String(text), prefix: prefix, column: column)
    }

    private static func field(_ field: QueryField, value: String, quoted: Bool, position: Int) throws(QueryError) -> QueryNode {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let column = field.ftsColumn {
            let term = quoted ? (searchable(trimmed) ? TextTerm(text: trimmed, column: column) : nil) : word(trimmed, column: column)
            guard let term else { throw .missingValue(field: field.rawValue, position: position) }
            return .text(term)
        }
        guard !trimmed.isEmpty else { throw .missingValue(field: field.rawValue, position: position) }
        switch field {
        case .source: return .filter(.source(trimmed))
        case .language: return .filter(.language(trimmed))
        case .theme: return .filter(.theme(trimmed))
        case .format: return .filter(.format(trimmed))
        case .license: return .filter(.license(trimmed))
        case .modified, .issued:
            let dateField: DateField = field == .modified ? .modified : .issued
            guard let condition = DateCondition(parsing: trimmed) else {
                throw .badDate(field: field.rawValue, value: value, position: position)
            }
            return .filter(.date(dateField, condition))
        case .bbox:
            return .filter(try box(trimmed, position: position))
        case .title, .publisher, .keyword:
            preconditionFailure("text fields are handled above")
        }
    }

    private static func box(_ value: String, position: Int) throws(QueryError) -> FieldFilter {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else { throw .badBox(value: value, position: position, reason: "it needs four numbers, not \(parts.count)") }
        var numbers: [Double] = []
        for part in parts {
            guard let number = Double(part), number.isFinite else {
                throw .badBox(value: value, position: position, reason: "'\(part)' is not a number")
            }
            numbers.append(number)
        }
        let (west, south, east, north) = (numbers[0], numbers[1], numbers[2], numbers[3])
        guard (-180...180).contains(west), (-180...180).contains(east), (-90...90).contains(south), (-90...90).contains(north) else {
            throw .badBox(value: value, position: position, reason: "longitudes must lie within ±180 and latitudes within ±90")
        }
        guard west <= east, south <= north else {
            throw .badBox(value: value, position: position, reason: "minx must not exceed maxx, nor miny maxy")
        }
        return .bbox(west: west, south: south, east: east, north: north)
    }
}

extension DateCondition {
    /// `2023`, `>=2023-04`, `<2020`, `2020..2022`, `2020..`, `..2022`; nil when not understood.
    init?(parsing text: String) {
        func date(_ s: Substring) -> String? { Self.isDate(s) ? String(s) : nil }
        if let range = text.range(of: "..") {
            let from = text[..<range.lowerBound], to = text[range.upperBound...]
            if from.isEmpty && to.isEmpty { return nil }
            let start = from.isEmpty ? nil : date(from), end = to.isEmpty ? nil : date(to)
            if (!from.isEmpty && start == nil) || (!to.isEmpty && end == nil) { return nil }
            self = .range(start, end)
            return
        }
        let operators: [(String, (String) -> DateCondition)] = [
            (">=", DateCondition.atLeast), ("<=", DateCondition.atMost), (">", DateCondition.after),
            ("<", DateCondition.before), ("=", DateCondition.equal),
        ]
        for (symbol, make) in operators where text.hasPrefix(symbol) {
            guard let value = date(text.dropFirst(symbol.count)) else { return nil }
            self = make(value)
            return
        }
        guard let value = date(Substring(text)) else { return nil }
        self = .equal(value)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day number.
    private static func isDate(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return false }
        if parts.count >= 2 { guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false } }
        if parts.count == 3 { guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return false } }
        return true
    }
}
