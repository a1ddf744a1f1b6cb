import Foundation
@testable import Server
import Testing

@Suite("fedcat serve: content negotiation and parameters")
struct SupportTests {
    @Test("Accept picks the representation", arguments: [
        (nil, "application/json"),
        ("*/*", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/json;q=0.5, text/turtle;q=0.9", "text/turtle"),
        ("text/*", "text/html"),
        ("TEXT/HTML", "text/html"),
        ("image/png", nil),
        ("application/json;q=0, */*;q=0.1", "text/html"),
    ] as [(String?, String?)])
    func negotiation(accept: String?, expected: String?) {
        #expect(ContentNegotiation.choose(["application/json", "text/html", "text/turtle"], accept: accept) == expected)
    }

    @Test func queryStringsDecodePlusAndPercent() {
        let parameters = QueryParameters(query: "q=air+quality%2Bmore&fq=tags%3Awater&empty&a=1&a=2&=x")
        #expect(parameters.string("q") == "air quality+more")
        #expect(parameters.string("fq") == "tags:water")
        #expect(parameters.string("empty") == "")
        #expect(parameters.string("a") == "2")
        #expect(parameters.values.count == 5)
    }

    @Test func readersNameTheParameter() throws {
        let parameters = QueryParameters(query: "rows=ten&start=-1&sort=up&since=2024-13-01&ok=5")
        #expect(throws: ServerError.badParameter(name: "rows", reason: "must be a whole number, not 'ten'.")) {
            try parameters.int("rows", default: 10, in: 0...1000)
        }
        #expect(throws: ServerError.badParameter(name: "start", reason: "must be 0 or more, not -1.")) {
            try parameters.int("start", default: 0, in: 0...Int.max)
        }
        #expect(throws: ServerError.self) { try parameters.choice("sort", ["asc", "desc"], default: "asc") }
        #expect(throws: ServerError.self) { try parameters.date("since") }
        #expect(try parameters.int("ok", default: 1, in: 1...10) == 5)
        #expect(try parameters.int("absent", default: 7, in: 1...10) == 7)
    }

    @Test func searchAsksForAnExactTotalOnlyWhenTold() throws {
        #expect(try SearchRoutes.request(QueryParameters(query: "q=water")).exactTotal == false)
        #expect(try SearchRoutes.request(QueryParameters(query: "q=water&exact_total=true")).exactTotal == true)
        #expect(throws: ServerError.self) { try SearchRoutes.request(QueryParameters(query: "q=water&exact_total=yes")) }
    }

    @Test func jsonBodiesAddParameters() throws {
        var parameters = QueryParameters()
        try parameters.add(jsonBody: Array(#"{"q": "water", "rows": 5, "facet.field": ["tags", "res_format"], "x": null}"#.utf8))
        #expect(parameters.string("q") == "water")
        #expect(parameters.string("rows") == "5")
        #expect(parameters.string("facet.field") == #"["tags","res_format"]"#)
        #expect(parameters.string("x") == nil)
        #expect(throws: ServerError.self) { try parameters.add(jsonBody: Array("[1]".utf8)) }
    }

    @Test func solrFiltersBecomeFedcatQueries() throws {
        #expect(try CKANSearchParameters.filters(#"organization:transport-department +tags:"air quality" AND res_format:CSV"#)
                == [#"publisher:"transport department""#, #"keyword:"air quality""#, #"format:"CSV""#])
        #expect(try CKANSearchParameters.filters("metadata_modified:[2024-03-01T10:00:00Z TO *]") == ["modified:2024-03-01.."])
        #expect(try CKANSearchParameters.filters("metadata_modified:[* TO 2020-01-01T00:00:00.000Z]") == ["modified:..2020-01-01"])
        #expect(throws: ServerError.self) { try CKANSearchParameters.filters("metadata_modified:[yesterday TO *]") }
        #expect(throws: ServerError.self) { try CKANSearchParameters.filters("just words") }
        let query = try CKANSearchParameters(QueryParameters(query: "q=*:*&fq=source:lakeside&rows=0&sort=metadata_modified+desc&facet.field=%5B%22tags%22%5D"))
        #expect(query.query == #"source:"lakeside""#)
        #expect(query.rows == 0)
        #expect(query.sort == .modified)
        #expect(query.facets.map(\.ckan) == ["tags"])
    }

    @Test func packageNamesAreCKANNamesThatLeadBack() {
        #expect(CKANPackage.slug("Transport Department (Lakeside)") == "transport-department-lakeside")
        #expect(CKANPackage.slug("Ärzte & Co") == "arzte-co")
        #expect(CKANPackage.recordReference(ofName: "lakeside--air-2022") == "lakeside/air-2022")
        #expect(CKANPackage.recordReference(ofName: "plain") == nil)
    }

    @Test func pathsWithDotDotAreTraversal() {
        #expect(RequestLog<Hummingbird.BasicRequestContext>.isTraversal("/../etc/passwd"))
        #expect(RequestLog<Hummingbird.BasicRequestContext>.isTraversal("/datasets/%2E%2E/x"))
        #expect(!RequestLog<Hummingbird.BasicRequestContext>.isTraversal("/datasets/a..b/c"))
    }
}

import Hummingbird
