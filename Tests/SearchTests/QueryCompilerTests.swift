import Testing
@testable import Search

@Suite("Query compiler")
struct QueryCompilerTests {
    @Test("turns typed queries into safe FTS5 expressions", arguments: [
        ("air quality", #""air" AND "quality""#),
        (#""bus stops" timetable"#, #""bus stops" AND "timetable""#),
        ("bike*", #""bike"*"#),
        ("water -ground", #"("water") NOT "ground""#),
        ("bus OR tram", #"("bus" OR "tram")"#),
        ("bus OR tram parking", #"("bus" OR "tram") AND "parking""#),
        (#"say "hi"#, #""say" AND "hi""#),
        ("NEAR( AND ) ^col:x", #""NEAR(" AND "^col:x""#),
        ("Straßenbäume", #""Straßenbäume""#),
        (#"a"b"#, #""a""b""#),
    ])
    func compiles(input: String, expected: String) throws {
        #expect(try QueryCompiler.compile(input) == expected)
    }

    @Test func emptyOrStarMeansEverything() throws {
        #expect(try QueryCompiler.compile("") == nil)
        #expect(try QueryCompiler.compile("   ") == nil)
        #expect(try QueryCompiler.compile("*") == nil)
    }

    @Test func onlyExclusionsIsAnError() {
        #expect(throws: SearchError.self) { try QueryCompiler.compile("-trees") }
    }
}
