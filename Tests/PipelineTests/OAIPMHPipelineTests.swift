import CatalogModel
import CatalogStore
import Foundation
import LoopbackHTTP
import Pipeline
import Testing

/// A loopback OAI-PMH repository whose answers the test changes between runs.
final class OAIRepository: @unchecked Sendable {
    private let lock = NSLock()
    private var titles: [Int: String] = [:]
    private var changed: [Int] = []
    private var deleted: [Int] = []
    private(set) var requests: [String] = []
    var server: LoopbackServer!

    init() throws {
        server = try LoopbackServer { [unowned self] request in self.handle(request) }
        try server.start()
    }

    func set(titles: [Int: String], changed: [Int] = [], deleted: [Int] = []) {
        lock.withLock { (self.titles, self.changed, self.deleted) = (titles, changed, deleted) }
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (titles, changed, deleted) = lock.withLock {
            requests.append(request.rawTarget)
            return (self.titles, self.changed, self.deleted)
        }
        let body: String
        switch request.queryValue("verb") {
        case "Identify":
            body = "<Identify><repositoryName>R</repositoryName><granularity>YYYY-MM-DDThh:mm:ssZ</granularity><deletedRecord>persistent</deletedRecord></Identify>"
        case "ListMetadataFormats":
            body = "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats>"
        default:
            let ids: [Int]
            var token = ""
            if request.queryValue("from") != nil {
                ids = (changed + deleted).sorted()
            } else {
                let all = titles.keys.sorted()
                let page = request.queryValue("resumptionToken") == "two" ? 1 : 0
                ids = Array(all.dropFirst(page * 2).prefix(2))
                if page == 0 && all.count > 2 { token = "<resumptionToken completeListSize=\"\(all.count)\" cursor=\"0\">two</resumptionToken>" }
                if page == 1 { token = "<resumptionToken completeListSize=\"\(all.count)\" cursor=\"2\"/>" }
            }
            let records = ids.map { id in
                deleted.contains(id)
                    ? "<record><header status=\"deleted\"><identifier>oai:r:\(id)</identifier><datestamp>2024-01-01T00:00:00Z</datestamp></header></record>"
                    : """
                    <record><header><identifier>oai:r:\(id)</identifier><datestamp>2024-01-01T00:00:00Z</datestamp></header><metadata>
                    <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:title>\(titles[id] ?? "")</dc:title><dc:identifier>https://r.example/record/\(id)</dc:identifier></oai_dc:dc></metadata></record>
                    """
            }
            body = ids.isEmpty ? "<error code=\"noRecordsMatch\"/>" : "<ListRecords>\(records.joined())\(token)</ListRecords>"
        }
        let xml = "<?xml version=\"1.0\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>2024-01-01T00:00:00Z</responseDate><request>http://r</request>\(body)</OAI-PMH>"
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8))
    }
}

@Suite("OAI-PMH harvest end to end")
struct OAIPMHPipelineTests {
    @Test func anIncrementalHarvestUpdatesAddsAndWithdrawsDeletedRecords() throws {
        let repository = try OAIRepository()
        defer { repository.server.stop() }
        repository.set(titles: [1: "One", 2: "Two", 3: "Three", 4: "Four"])
        let store = try temporaryStore()
        let source = SourceConfig(id: "repo", kind: "oaipmh", url: repository.server.baseURL + "/oai")
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.status == "succeeded")
        #expect(first.added == 4)
        #expect(try store.record("repo/oai:r:1")?.record.landingPage == "https://r.example/record/1")

        // Record 2 is edited, 3 deleted, 5 added: the from= window lists exactly those.
        repository.set(titles: [1: "One", 2: "Two, edited", 4: "Four", 5: "Five"], changed: [2, 5], deleted: [3])
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.status == "succeeded")
        #expect(second.updated == 1)
        #expect(second.added == 1)
        #expect(second.deleted == 1)
        #expect(second.unchanged == 2)
        #expect(repository.requests.last?.contains("from=") == true)
        #expect(try store.record("repo/oai:r:2")?.record.title.value == "Two, edited")
        #expect(try store.record("repo/oai:r:3") == nil)

        // Nothing changed: noRecordsMatch, everything unchanged, nothing deleted.
        repository.set(titles: [1: "One", 2: "Two, edited", 4: "Four", 5: "Five"])
        let third = try HarvestRunner(store: store).run(source)
        #expect(third.status == "succeeded")
        #expect(third.unchanged == 4 && third.deleted == 0 && third.added == 0)
    }
}
