import Testing
@testable import Search

/// The phrases of a compiled query in FTS5's numbering, each with the column filters that apply to it: ranking counts
/// their rows once per query and hands them to `fedcat_rank` by position.
@Suite("Phrases of a query")
struct FTSPhrasesTests {
    private func phrases(_ query: String) throws -> [FTSPhrases.Phrase] {
        FTSPhrases.of(try #require(try QueryPlan.compile(query).match))
    }

    @Test func eachWordPhraseAndPrefixInOrder() throws {
        #expect(try phrases("air quality") == [.init(expression: "\"air\"", countable: true), .init(expression: "\"quality\"", countable: true)])
        #expect(try phrases("\"bus stop\" wat* -soil").map(\.expression) == ["\"bus stop\"", "\"wat\"*", "\"soil\""])
        #expect(try phrases("\"bus stop\" wat*").map(\.countable) == [false, false])
        #expect(try phrases("title:air (bus OR tram)") == [.init(expression: "{title} : \"air\"", countable: false),
                                                          .init(expression: "\"bus\"", countable: true), .init(expression: "\"tram\"", countable: true)])
    }

    @Test func aGroupsColumnFilterAppliesToEachOfItsPhrases() {
        let titled = "((\"bus\" OR {publisher} : \"tram\")) AND ({title}: ((\"bus\" OR {publisher} : \"tram\")))"
        #expect(FTSPhrases.of(titled).map(\.expression) == ["\"bus\"", "{publisher} : \"tram\"", "{title} : (\"bus\")",
                                                            "{title} : ({publisher} : \"tram\")"])
        #expect(FTSPhrases.of(titled).map(\.countable) == [true, false, false, false])
    }

    @Test func quotesInsideAWordStayDoubled() {
        let quoted = FTSPhrases.of("(\"say\"\"s\" AND \"it\")")
        #expect(quoted.map(\.expression) == ["\"say\"\"s\"", "\"it\""])
        #expect(quoted.map(\.countable) == [false, true])
    }
}
