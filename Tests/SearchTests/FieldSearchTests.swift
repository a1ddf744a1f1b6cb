import Testing
@testable import Search

@Suite("Fielded search")
struct FieldSearchTests {
    func ids(_ engine: SearchEngine, _ text: String, sort: SearchSort = .relevance) throws -> [String] {
        try engine.search(SearchRequest(text: text, limit: 100, sort: sort)).results.map { String($0.id.split(separator: "/")[1]) }
    }

    @Test func filtersByEveryField() throws {
        let engine = try CatalogueFixture.engine()
        let cases: [(String, Set<String>)] = [
            ("source:state", ["pollution", "bus", "lakes"]),
            ("format:csv", ["air", "traffic", "bus", "lakes"]),
            ("license:cc-by", ["air", "trees", "lakes"]),
            ("license:CC0-1.0", ["traffic"]),
            ("license:other-open", ["pollution"]),
            ("theme:ENVI", ["air", "trees", "pollution"]),
            ("theme:transport", ["traffic", "bus"]),
            ("language:EN", ["air", "pollution", "bus"]),
            ("modified:>=2023", ["traffic", "bus"]),
            ("modified:>2023", ["traffic"]),
            ("modified:<2021", ["trees"]),
            ("modified:2020..2022", ["air", "trees", "pollution"]),
            ("modified:2021", ["air"]),
            ("modified:2021-03", ["air"]),
            ("issued:<=2020", ["air"]),
            ("bbox:8.0,47.0,9.0,48.0", ["air", "trees", "pollution"]),
            ("bbox:6.5,46.2,6.6,46.3", ["pollution", "lakes"]),
            ("bbox:-10,-10,-5,-5", []),
            ("air source:city", ["air", "traffic"]),
            ("air -source:city", ["pollution"]),
            ("quality OR format:pdf", ["air", "traffic", "lakes", "pollution"]),
            ("title:air", ["air", "pollution"]),
            ("publisher:state", ["pollution", "bus", "lakes"]),
            ("keyword:trees", ["trees"]),
            ("format:csv -quality", ["bus"]),
            ("(theme:TRAN OR language:fr) -bus", ["traffic", "lakes"]),
            (#"source:"x') OR 1=1 --""#, []),
            ("'; DROP TABLE records; --", []),
        ]
        for (query, expected) in cases {
            #expect(Set(try ids(engine, query)) == expected, "\(query)")
        }
        #expect(try engine.search(SearchRequest(text: "format:csv")).total == 4)
        let beyond = try engine.search(SearchRequest(text: "format:csv", limit: 2, offset: 10))
        #expect(beyond.total == 4 && beyond.results.isEmpty)
        #expect(try engine.search(SearchRequest(text: "format:csv", limit: 2, offset: 2)).total == 4)
        #expect(try ids(engine, "") .count == 6)
    }

    @Test func sortsByRelevanceDateOrTitle() throws {
        let engine = try CatalogueFixture.engine()
        #expect(try ids(engine, "air", sort: .title) == ["pollution", "air", "traffic"])
        #expect(try ids(engine, "air", sort: .modified) == ["traffic", "pollution", "air"])
        #expect(try ids(engine, "air").first == "air")
        #expect(try ids(engine, "source:state", sort: .title) == ["pollution", "bus", "lakes"])
        #expect(try ids(engine, "source:state") == ["bus", "pollution", "lakes"])
        #expect(try ids(engine, "", sort: .title) == ["pollution", "air", "bus", "traffic", "trees", "lakes"])
    }

    @Test func malformedQueriesFailWithASentence() throws {
        let engine = try CatalogueFixture.engine()
        for query in [#"say "hi"#, "(a", "a)", "modified:soon", "bbox:1,2", "nope:x", "OR", String(repeating: "a ", count: 5000)] {
            do {
                _ = try engine.search(SearchRequest(text: query))
                Issue.record("'\(query.prefix(20))' should fail")
            } catch {
                guard case .query = error else { Issue.record("'\(query.prefix(20))' failed in the store: \(error)"); continue }
                #expect(!error.description.contains("SQL") && !error.description.contains("fts5"))
            }
        }
    }
}
