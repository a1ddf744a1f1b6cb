import FeedParsing
import Search

/// `package_search`'s parameters read into a fedcat search.
///
/// - `q`: fedcat's query language (words, "phrases", title:, publisher:, keyword:, format:, license:, source:,
///   modified:>=2023 …); `*:*` or nothing lists everything.
/// - `fq`: Solr filter clauses joined by spaces or AND: `organization:NAME`, `tags:WORD`, `groups:NAME`,
///   `res_format:CSV`, `license_id:ID`, `source:ID` (fedcat's), `metadata_modified:[FROM TO TO]` (day precision,
///   `*` open); values may be "quoted". Anything else is refused naming `fq`.
/// - `rows` 0–1000 (default 10), `start` ≥ 0, `sort` (`score desc, metadata_modified desc` the default, `metadata_modified
///   desc`, `title_string asc`, `name asc`, `id asc`), `facet.field` (a JSON list of organization, tags, groups,
///   res_format, license_id, source, language), `fl` (a comma list of the package fields to return).
struct CKANSearchParameters: Equatable {
    var query: String
    var rows: Int
    var start: Int
    var sort: SearchSort
    var sortText: String
    var facets: [(ckan: String, field: FacetField)]
    var fields: [String]?

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.query == rhs.query && lhs.rows == rhs.rows && lhs.start == rhs.start && lhs.sort == rhs.sort
            && lhs.facets.map(\.ckan) == rhs.facets.map(\.ckan) && lhs.fields == rhs.fields
    }

    /// CKAN facet names and the fedcat fields they count.
    static let facetFields: [(String, FacetField)] = [
        ("organization", .publisher), ("tags", .keyword), ("groups", .theme), ("res_format", .format),
        ("license_id", .license), ("source", .source), ("language", .language),
    ]

    static let sorts: [(String, SearchSort)] = [
        ("score desc, metadata_modified desc", .relevance), ("score desc", .relevance), ("relevance", .relevance),
        ("metadata_modified desc", .modified), ("title_string asc", .title), ("title asc", .title),
        ("name asc", .title), ("id asc", .title),
    ]

    init(_ parameters: QueryParameters) throws(ServerError) {
        rows = try parameters.int("rows", default: 10, in: 0...1000)
        start = try parameters.int("start", default: 0, in: 0...Int.max)
        let sortText = parameters.text("sort").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ") }
        if let sortText {
            guard let match = Self.sorts.first(where: { $0.0 == sortText.lowercased() }) else {
                throw .badParameter(name: "sort", reason: "must be one of \(Self.sorts.map { "'\($0.0)'" }.joined(separator: ", ")), not '\(QueryParameters.excerpt(sortText))'.")
            }
            sort = match.1
            self.sortText = match.0
        } else {
            sort = .relevance
            self.sortText = "score desc, metadata_modified desc"
        }
        var q = parameters.text("q") ?? ""
        if q == "*:*" || q == "*" { q = "" }
        var clauses = q.isEmpty ? [] : ["(\(q))"]
        if let fq = parameters.text("fq") { clauses += try Self.filters(fq) }
        query = clauses.joined(separator: " ")
        facets = try Self.facetList(parameters.text("facet.field"))
        fields = parameters.text("fl").map { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
    }

    /// `facet.field`: a JSON list (`["tags","res_format"]`) or, leniently, a comma list.
    static func facetList(_ text: String?) throws(ServerError) -> [(ckan: String, field: FacetField)] {
        guard let text else { return [] }
        var names: [String]
        if text.hasPrefix("[") {
            guard let list = (try? JSONParser.parse(text))?.array, list.allSatisfy({ $0.string != nil }) else {
                throw .badParameter(name: "facet.field", reason: "must be a JSON list of field names, like [\"tags\",\"res_format\"].")
            }
            names = list.compactMap(\.string)
        } else {
            names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return try names.map { (name) throws(ServerError) in
            guard let field = facetFields.first(where: { $0.0 == name })?.1 else {
                throw .badParameter(name: "facet.field", reason: "names '\(QueryParameters.excerpt(name))', which cannot be counted; use \(facetFields.map(\.0).joined(separator: ", ")).")
            }
            return (name, field)
        }
    }

    /// The fq clauses as fedcat query terms.
    static func filters(_ fq: String) throws(ServerError) -> [String] {
        var terms: [String] = []
        for clause in try clauses(fq) {
            let value = clause.value
            switch clause.field {
            case "organization", "owner_org":
                terms.append("publisher:\(quoted(value.replacingOccurrences(of: "-", with: " ")))")
            case "tags":
                terms.append("keyword:\(quoted(value))")
            case "groups":
                terms.append("theme:\(quoted(value.replacingOccurrences(of: "-", with: " ")))")
            case "res_format":
                terms.append("format:\(quoted(value))")
            case "license_id":
                terms.append("license:\(quoted(value))")
            case "source":
                terms.append("source:\(quoted(value))")
            case "metadata_modified":
                terms.append("modified:\(try range(value))")
            default:
                throw .badParameter(name: "fq", reason: "filters on '\(QueryParameters.excerpt(clause.field))', which fedcat cannot filter on; use organization, tags, groups, res_format, license_id, source or metadata_modified.")
            }
        }
        return terms
    }

    /// `field:value`, `field:"a value"` and `field:[a TO b]` clauses, separated by spaces, `AND` or `+`.
    static func clauses(_ fq: String) throws(ServerError) -> [(field: String, value: String)] {
        var result: [(String, String)] = []
        var rest = Substring(fq)
        func skipSpace() { rest = rest.drop { $0 == " " || $0 == "+" } }
        skipSpace()
        while !rest.isEmpty {
            if rest.hasPrefix("AND ") { rest = rest.dropFirst(4); skipSpace(); continue }
            guard let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(" ") else {
                throw .badParameter(name: "fq", reason: "must be field:value clauses, like organization:my-org tags:water; '\(QueryParameters.excerpt(String(rest)))' is not one.")
            }
            let field = String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "+"))
            rest = rest[rest.index(after: colon)...]
            let value: Substring
            if let open = rest.first, open == "\"" || open == "[" || open == "{" {
                let close: Character = open == "\"" ? "\"" : open == "[" ? "]" : "}"
                guard let end = rest.dropFirst().firstIndex(of: close) else {
                    throw .badParameter(name: "fq", reason: "has an unclosed \(open) after '\(field):'.")
                }
                value = open == "\"" ? rest[rest.index(after: rest.startIndex)..<end] : rest[rest.startIndex...end]
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            guard !value.isEmpty else { throw .badParameter(name: "fq", reason: "has no value after '\(field):'.") }
            result.append((field, String(value)))
            skipSpace()
        }
        return result
    }

    /// `[2024-01-01T00:00:00Z TO *]` as fedcat's `2024-01-01..`.
    static func range(_ value: String) throws(ServerError) -> String {
        let inner = value.trimmingCharacters(in: CharacterSet(charactersIn: "[]{}"))
        let ends = inner.components(separatedBy: " TO ")
        func day(_ text: String) throws(ServerError) -> String {
            let text = text.trimmingCharacters(in: .whitespaces)
            if text == "*" { return "" }
            let date = String(text.prefix(10))
            guard QueryParameters.isISODate(date) else {
                throw .badParameter(name: "fq", reason: "has metadata_modified '\(QueryParameters.excerpt(text))', which is not a date like 2024-01-31T00:00:00Z or *.")
            }
            return date
        }
        guard value.hasPrefix("["), ends.count == 2 else {
            if ends.count == 1, !value.hasPrefix("[") { return try day(value) }
            throw .badParameter(name: "fq", reason: "has a metadata_modified range '\(QueryParameters.excerpt(value))' that is not [FROM TO TO].")
        }
        let from = try day(ends[0]), to = try day(ends[1])
        return from.isEmpty && to.isEmpty ? "1000.." : "\(from)..\(to)"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "") + "\""
    }
}

import Foundation
