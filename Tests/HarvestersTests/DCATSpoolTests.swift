import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

@Suite("DCAT dumps over 16 MB streamed from a file")
struct DCATSpoolTests {
    /// Harvests `source` once in memory and once spooled; both sinks.
    static func bothWays(_ source: SourceConfig) throws -> (memory: CollectingSink, spooled: CollectingSink, outcomes: [GatherOutcome]) {
        let spool = try SpoolFolder()
        defer { spool.remove() }
        let memory = CollectingSink(), spooled = CollectingSink()
        let first = try DCATHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: memory)
        let second = try DCATHarvester(source: source).gather(using: Fetcher(options: spool.options(spoolingAbove: 2048)), context: GatherContext(), into: spooled)
        #expect(spool.isEmpty)   // every body's file is gone
        return (memory, spooled, [first, second])
    }

    @Test(arguments: ["turtle", "rdfxml"])
    func aSpooledDumpGivesTheRecordsOfTheSameDumpReadInMemory(syntax: String) throws {
        let server = try DCATPagingTests.portal { page, base in
            let ids = (page * 1000)..<(page * 1000 + 150)
            let next = page < 2 ? "\(base)?page=\(page + 1)" : nil
            return syntax == "turtle" ? DCATPagingTests.turtlePage(page, ids: ids, total: 300, next: next)
                                      : DCATPagingTests.ckanextPage(page, ids: ids, total: 300, next: next)
        }
        defer { server.stop() }
        let (memory, spooled, outcomes) = try Self.bothWays(SourceConfig(id: "dump", kind: "dcat", url: server.baseURL + "/catalog"))
        #expect(outcomes[0] == GatherOutcome(complete: true, expectedTotal: 300, pages: 2))
        #expect(outcomes[1] == outcomes[0])
        #expect(spooled.records.count == 300)
        #expect(spooled.records.map(\.localID) == memory.records.map(\.localID))
        #expect(spooled.records.map(\.payload) == memory.records.map(\.payload))
        #expect(spooled.records.map(\.location) == memory.records.map(\.location))
        #expect(spooled.pages.map(\.memo?.pageJSON) == memory.pages.map(\.memo?.pageJSON))
        #expect(spooled.issues.isEmpty && memory.issues.isEmpty)
    }

    @Test func aSpooledDumpNotGroupedBySubjectIsReportedAndNothingIsDeleted() throws {
        // Dataset 0, then 10,000 others (50,000 statements: the stream hands dataset 0 over), then one more statement
        // about dataset 0.
        var body = "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
        for id in 0...10_000 {
            body += "<dataset/\(id)> a dcat:Dataset ; dct:identifier \"d\(id)\" ; dct:title \"Dataset \(id)\" ; dct:publisher <org> ; dcat:keyword \"k\" .\n"
        }
        body += "<dataset/0> dct:description \"Told late.\" .\n"
        let bytes = Array(body.utf8)
        let server = try LoopbackServer { _ in HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: bytes) }
        try server.start()
        defer { server.stop() }
        let (memory, spooled, outcomes) = try Self.bothWays(SourceConfig(id: "dump", kind: "dcat", url: server.baseURL + "/dump.ttl"))
        // In memory the document is read again as one graph: nothing is lost.
        #expect(outcomes[0].complete)
        #expect(memory.records.first { $0.localID == "d0" }.map { String(decoding: $0.payload, as: UTF8.self).contains("Told late.") } == true)
        // Streamed, the late statement is counted and reported, and the listing is incomplete.
        #expect(!outcomes[1].complete)
        #expect(spooled.records.count == 10_001)
        let issue = try #require(spooled.issues.first { $0.code == "dcat.document.not-grouped" })
        #expect(issue.message.contains("1 statements came after the dataset they describe"))
    }
}
