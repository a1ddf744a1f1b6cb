import Testing
import FeedParsing
@testable import Harvesters

/// `DCATTermGraph` ranks predicates as `String`'s `<` orders them, whatever order they arrive in, when new ones
/// arrive between lookups and when two share a slot of its table.
@Suite("DCAT term graph")
struct DCATTermGraphTests {
    @Test func predicateRanksFollowTheOrderOfTheIRIs() {
        // Same length and last three bytes: these share a slot.
        let sharing = ["http://ex.org/a/xyz", "http://ex.org/b/xyz", "http://ex.org/c/xyz"]
        let others = [RDFNames.type, "http://purl.org/dc/terms/title", "http://www.w3.org/ns/dcat#keyword", "http://purl.org/dc/terms/",
                      "http://purl.org/dc/terms/issued", "https://ex.org/\u{E9}", "https://ex.org/e"]
        let all = sharing + others
        var generator = SystemRandomNumberGenerator()
        let graph = DCATTermGraph()
        for round in 0..<60 {
            let count = Int.random(in: 1...8, using: &generator)
            // New predicates arrive over the rounds: the first rounds only see some of them.
            let pool = Array(all.prefix(min(all.count, 2 + round / 4)))
            let predicates = (0..<count).map { _ in pool.randomElement(using: &generator)! }
            let ids = predicates.map(graph.predicateID)
            #expect(ids.map { graph.predicates[$0] } == predicates)
            let ranks = ids.map { graph.ranks[Int($0)] }
            for i in predicates.indices {
                for j in predicates.indices {
                    let a = predicates[i], b = predicates[j]
                    #expect((ranks[i] < ranks[j]) == (a < b), "\(a) \(b)")
                    #expect((ranks[i] == ranks[j]) == (a == b), "\(a) \(b)")
                }
            }
        }
    }
}
