import GRDB
import Testing
@testable import Search

@Suite("Query language")
struct QueryLanguageTests {
    @Test("turns words, phrases, prefixes, exclusions and OR into quoted FTS5", arguments: [
        ("air quality", #"("air" AND "quality")"#),
        ("air AND quality", #"("air" AND "quality")"#),
        (#""bus stops" timetable"#, #"("bus stops" AND "timetable")"#),
        ("bike*", #""bike"*"#),
        ("water -ground", #"("water" NOT "ground")"#),
        ("water -ground -soil", #"(("water" NOT "ground") NOT "soil")"#),
        ("bus OR tram", #"("bus" OR "tram")"#),
        ("bus OR tram parking", #"(("bus" OR "tram") AND "parking")"#),
        ("(bus parking) OR tram", #"(("bus" AND "parking") OR "tram")"#),
        ("water -(ground OR soil)", #"("water" NOT ("ground" OR "soil"))"#),
        ("Straßenbäume", #""Straßenbäume""#),
        ("title:air", #"{title} : "air""#),
        (#"title:"air quality" publisher:city*"#, #"({title} : "air quality" AND {publisher} : "city"*)"#),
        ("keyword:trees", #"{keywords} : "trees""#),
        ("NEAR a", #"("NEAR" AND "a")"#),
        ("a*b ^col:x", #"("a*b" AND "^col:x")"#),
        ("http://example.org/x", #""http://example.org/x""#),
        ("covid-19", #""covid-19""#),
        ("a ; * -- - b", #"("a" AND "b")"#),
        (#"it's "say ""#, #"("it's" AND "say ")"#),
    ])
    func compilesText(input: String, expected: String) throws {
        let plan = try QueryPlan.compile(input)
        #expect(plan.match == expected)
        #expect(plan.filter == nil)
    }

    @Test func emptyOrStarMeansEverything() throws {
        for text in ["", "   ", "*", "()", "; *"] { #expect(try QueryPlan.compile(text).isEverything) }
    }

    @Test("compiles fields to bound SQL filters", arguments: [
        ("source:city", "lower(r.source_id) = lower(?)", ["city"]),
        ("language:en", "field IN ('language') AND value = lower(?)", ["en"]),
        ("format:CSV", "field IN ('format', 'format.raw') AND value = upper(ltrim(?, '.'))", ["CSV", "CSV"]),
        ("theme:ENVI", "field IN ('theme') AND value = lower(?)", ["ENVI"]),
        ("license:cc-by", "LIKE ? ESCAPE", ["cc-by", "cc-by-%", "cc-by", "cc-by"]),
        ("modified:>=2023", "substr(CASE WHEN r.modified GLOB '[0-9][0-9][0-9][0-9]*' THEN r.modified END, 1, 4) >= ?", ["2023"]),
        ("modified:>2023-04", "1, 7) > ?", ["2023-04"]),
        ("issued:<=2020-01-31", "substr(r.issued_iso, 1, 10) <= ?", ["2020-01-31"]),
        ("issued:<2020", ") < ?", ["2020"]),
        ("modified:2021", ") = ?", ["2021"]),
        ("modified:2020..2022", ">= ? AND substr", ["2020", "2022"]),
        ("modified:..2022", "<= ?", ["2022"]),
        ("theme:50%_off", "field IN ('theme') AND value = lower(?)", ["50%_off"]),
    ])
    func compilesFilters(input: String, sql: String, values: [String]) throws {
        let plan = try QueryPlan.compile(input)
        #expect(plan.match == nil)
        #expect(plan.filter?.contains(sql) == true, "\(plan.filter ?? "nil")")
        #expect(plan.arguments == values.map(\.databaseValue))
    }

    @Test func bboxBindsNumbers() throws {
        let plan = try QueryPlan.compile("bbox:5.9,45.8,10.5,47.8 trees")
        #expect(plan.match == #""trees""#)
        #expect(plan.arguments == [10.5, 5.9, 47.8, 45.8].map(\.databaseValue))
    }

    @Test func mixesTextAndFiltersUnderOrAndNot() throws {
        let or = try QueryPlan.compile("water OR format:csv")
        #expect(or.match == nil)
        #expect(or.filter?.hasPrefix("(r.seq IN (SELECT (rowid & 4294967295) FROM records_fts WHERE records_fts MATCH ?) OR (r.seq IN (SELECT seq FROM record_terms") == true)
        #expect(or.arguments.first == #""water""#.databaseValue)
        let not = try QueryPlan.compile("format:csv -water")
        #expect(not.match == nil)
        #expect(not.filter?.contains("AND NOT coalesce(r.seq IN (SELECT (rowid & 4294967295) FROM records_fts") == true)
        let both = try QueryPlan.compile("water -format:csv")
        #expect(both.match == #""water""#)
        #expect(both.filter?.hasPrefix("NOT coalesce((r.seq IN (SELECT seq FROM record_terms") == true)
    }

    @Test("points at the offending part of a malformed query", arguments: [
        (#"say "hi"#, QueryError.unclosedQuote(position: 5)),
        (#"a"b"#, .unclosedQuote(position: 2)),
        ("(bus OR tram", .unclosedParenthesis(position: 1)),
        ("bus) tram", .unexpectedClosingParenthesis(position: 4)),
        ("OR tram", .missingOperand(operator: "OR", position: 1)),
        ("bus OR", .missingOperand(operator: "OR", position: 5)),
        ("bus OR OR tram", .missingOperand(operator: "OR", position: 5)),
        ("AND bus", .missingOperand(operator: "AND", position: 1)),
        ("bus AND", .missingOperand(operator: "AND", position: 5)),
        ("(bus -)", .missingOperand(operator: "-", position: 6)),
        ("title:", .missingValue(field: "title", position: 1)),
        ("air title:*", .missingValue(field: "title", position: 5)),
        ("format:", .missingValue(field: "format", position: 1)),
        ("titel:air", .unknownField(name: "titel", position: 1)),
        ("modified:yesterday", .badDate(field: "modified", value: "yesterday", position: 1)),
        ("modified:2023-13", .badDate(field: "modified", value: "2023-13", position: 1)),
        ("issued:..", .badDate(field: "issued", value: "..", position: 1)),
        ("modified:>=", .badDate(field: "modified", value: ">=", position: 1)),
        ("x bbox:1,2,3", .badBox(value: "1,2,3", position: 3, reason: "it needs four numbers, not 3")),
        ("bbox:1,2,a,4", .badBox(value: "1,2,a,4", position: 1, reason: "'a' is not a number")),
        ("bbox:10,0,5,1", .badBox(value: "10,0,5,1", position: 1, reason: "minx must not exceed maxx, nor miny maxy")),
        ("bbox:0,0,200,1", .badBox(value: "0,0,200,1", position: 1,
                                   reason: "longitudes must lie within ±180 and latitudes within ±90")),
        ("-trees", .onlyExclusions),
        ("-trees -\"bus stop\"", .onlyExclusions),
    ])
    func rejects(input: String, error: QueryError) {
        #expect(throws: error) { try QueryPlan.compile(input) }
        #expect(!error.description.isEmpty && error.description.hasSuffix("."))
    }

    @Test func hostileInputNeverReachesSQLOrFTS5AsSyntax() throws {
        let drop = try QueryPlan.compile("'; DROP TABLE records; --")
        #expect(drop.match == #"("DROP" AND "TABLE" AND "records;")"#)
        #expect(drop.filter == nil)
        let quoted = try QueryPlan.compile(#"source:"x') OR 1=1 --""#)
        #expect(quoted.filter == "lower(r.source_id) = lower(?)")
        #expect(quoted.arguments == ["x') OR 1=1 --".databaseValue])
        #expect(try QueryPlan.compile(#"NEAR("a b", 2) {title}:y ^z"#).match
                == #"("NEAR" AND ("a b" AND "2") AND "{title}:y" AND "^z")"#)
        let deep = String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)
        #expect(throws: QueryError.tooDeep(position: 17)) { try QueryPlan.compile(deep) }
        let long = String(repeating: "water ", count: 1800)
        #expect(throws: QueryError.tooLong(length: long.count)) { try QueryPlan.compile(long) }
        let many = (1...70).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: QueryError.tooManyTerms(position: 248)) { try QueryPlan.compile(many) }
    }

    /// Found by the FuzzQuery target: a NUL inside a phrase cut the FTS5 expression short (SQLite reads bound text
    /// up to the NUL), so SQLite refused it as a syntax error instead of the query running.
    @Test func controlCharactersAreSpacesNotPartOfTheFTS5Expression() throws {
        let engine = try CatalogueFixture.engine()
        for text in ["title:\"bus\u{0}stops\" x", "\"air\u{0}\" quality", "bus\u{0}\u{1A}stops", "\u{0}"] {
            #expect(throws: Never.self, "\(text.debugDescription)") { _ = try engine.search(SearchRequest(text: text)) }
        }
        #expect(try QueryPlan.compile("bus\u{0}stops").match == #"("bus" AND "stops")"#)
    }

    /// Found by FuzzQuery: a quote followed by a combining mark (`"` + U+0611) is one Character, so it was neither
    /// read as a phrase's quote nor doubled in the FTS5 string, and FTS5 refused the unbalanced quote.
    @Test func aQuoteCombinedWithAMarkIsEscapedForFTS5() throws {
        let engine = try CatalogueFixture.engine()
        for text in ["title:\"\u{0611}<ft", "bus\"\u{0301}stops", "\"\u{0301}"] {
            #expect(throws: Never.self, "\(text.debugDescription)") { _ = try engine.search(SearchRequest(text: text)) }
        }
        #expect(try QueryPlan.compile("bus\"\u{0301}stops").match == "\"bus\"\"\u{0301}stops\"")
    }
}
