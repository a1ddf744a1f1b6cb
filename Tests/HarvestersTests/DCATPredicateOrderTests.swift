import Testing
import FeedParsing
@testable import Harvesters

/// `DCATPredicateOrder` ranks predicates as `String`'s `<` orders them, whatever order they arrive in, when new ones
/// arrive between calls and when two share a slot of its table.
@Suite("DCAT predicate order")
struct DCATPredicateOrderTests {
    @Test func ranksFollowTheOrderOfTheIRIs() {
        // Same length and last three bytes: these share a slot.
        let sharing = ["http://ex.org/a/xyz", "http://ex.org/b/xyz", "http://ex.org/c/xyz"]
        let others = [RDFNames.type, "http://purl.org/dc/terms/title", "http://www.w3.org/ns/dcat#keyword", "http://purl.org/dc/terms/",
                      "http://purl.org/dc/terms/issued", "https://ex.org/\u{E9}", "https://ex.org/e"]
        let all = sharing + others
        var generator = SystemRandomNumberGenerator()
        let order = DCATPredicateOrder()
        for round in 0..<60 {
            let count = Int.random(in: 1...8, using: &generator)
            // New predicates arrive over the rounds: the first rounds only see some of them.
            let pool = Array(all.prefix(min(all.count, 2 + round / 4)))
            let statements = (0..<count).map { _ in RDFGraph.Statement(predicate: pool.randomElement(using: &generator)!, object: .string("x")) }
            let ranks = order.ranks(of: statements)
            for i in statements.indices {
                for j in statements.indices {
                    let a = statements[i].predicate, b = statements[j].predicate
                    #expect((ranks[i] < ranks[j]) == (a < b), "\(a) \(b)")
                    #expect((ranks[i] == ranks[j]) == (a == b), "\(a) \(b)")
                }
            }
        }
    }
}
