import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
@testable import Harvesters

/// What a fake repository was asked, for the tests to check.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func add(_ entry: String) { lock.withLock { entries.append(entry) } }
    var all: [String] { lock.withLock { entries } }
}

/// A loopback OAI-PMH repository in Zenodo's shape. `/oai`: six DataCite records on three pages (tokens `t2`,
/// `t3`, completeListSize 6, record 6 deleted); with `from=` record 2 changed and record 5 deleted, or
/// noRecordsMatch when `from` is in 2099. `/loop/oai` gives `t2` again on page 2; `/short/oai` announces 10
/// records; `/html/oai` answers HTML. Granularity is seconds, or days under `/day/oai`.
enum FakeRepository {
    static func start(log: RequestLog = RequestLog()) throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            let variant = request.path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            guard request.path.hasSuffix("/oai") else { return .status(404) }
            log.add(request.rawTarget)
            let verb = request.queryValue("verb") ?? ""
            if variant == "html" { return HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: Array("<!DOCTYPE html><html><body><p>Hello</p></body></html>".utf8)) }
            switch verb {
            case "Identify":
                return envelope(verb, """
                    <Identify><repositoryName>Fake</repositoryName><baseURL>http://fake/oai</baseURL><protocolVersion>2.0</protocolVersion>
                    <adminEmail>a@b.c</adminEmail><earliestDatestamp>2014-02-03T14:41:33Z</earliestDatestamp>
                    <deletedRecord>persistent</deletedRecord><granularity>\(variant == "day" ? "YYYY-MM-DD" : "YYYY-MM-DDThh:mm:ssZ")</granularity></Identify>
                    """)
            case "ListMetadataFormats":
                return envelope(verb, """
                    <ListMetadataFormats>
                    <metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat>
                    <metadataFormat><metadataPrefix>oai_datacite</metadataPrefix><schema>http://schema.datacite.org/oai/oai-1.1/oai.xsd</schema><metadataNamespace>http://schema.datacite.org/oai/oai-1.1/</metadataNamespace></metadataFormat>
                    </ListMetadataFormats>
                    """)
            case "ListRecords":
                if let token = request.queryValue("resumptionToken") {
                    switch token {
                    case "t2": return page([3, 4], token: variant == "loop" ? "t2" : "t3", total: variant == "short" ? 10 : 6, cursor: 2)
                    case "t3": return page([5, 6], deleted: [6], token: "", total: variant == "short" ? 10 : 6, cursor: 4)
                    default: return error("badResumptionToken", "The value of the resumptionToken argument is invalid or expired.")
                    }
                }
                guard request.queryValue("metadataPrefix") == "oai_datacite" else {
                    return error("cannotDisseminateFormat", "The metadata format identified by the value given for the metadataPrefix argument is not supported.")
                }
                if let from = request.queryValue("from") {
                    if from.hasPrefix("2099") { return error("noRecordsMatch", "No records match.") }
                    return page([2, 5], deleted: [5], token: nil, total: nil, cursor: nil, changed: true)
                }
                return page([1, 2], token: "t2", total: variant == "short" ? 10 : 6, cursor: 0)
            default:
                return error("badVerb", "Illegal verb")
            }
        }
        try server.start()
        return server
    }

    static func envelope(_ verb: String, _ body: String) -> HTTPResponse {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <responseDate>2024-05-01T10:00:00Z</responseDate><request verb="\(verb)">http://fake/oai</request>
            \(body)
            </OAI-PMH>
            """
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array(xml.utf8))
    }

    static func error(_ code: String, _ message: String) -> HTTPResponse {
        envelope("ListRecords", "<error code=\"\(code)\">\(message)</error>")
    }

    static func page(_ ids: [Int], deleted: Set<Int> = [], token: String?, total: Int?, cursor: Int?, changed: Bool = false) -> HTTPResponse {
        var body = "<ListRecords>\n"
        for id in ids {
            if deleted.contains(id) {
                body += "<record><header status=\"deleted\"><identifier>oai:fake:\(id)</identifier><datestamp>2024-05-01T09:00:00Z</datestamp></header></record>\n"
            } else {
                body += "<record><header><identifier>oai:fake:\(id)</identifier><datestamp>2024-04-01T09:00:00Z</datestamp><setSpec>user-fake</setSpec></header>"
                body += "<metadata>\(dataCite(id, title: changed ? "Dataset \(id), revised" : "Dataset \(id)"))</metadata></record>\n"
            }
        }
        if let token {
            let attributes = [total.map { " completeListSize=\"\($0)\"" }, cursor.map { " cursor=\"\($0)\"" }].compactMap { $0 }.joined()
            body += "<resumptionToken\(attributes)>\(token)</resumptionToken>\n"
        }
        body += "</ListRecords>"
        return envelope("ListRecords", body)
    }

    /// A DataCite kernel 4 record inside `oai_datacite`, as DataCite's own OAI server sends it.
    static func dataCite(_ id: Int, title: String) -> String {
        """
        <oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/"><schemaVersion>4.3</schemaVersion><datacentreSymbol>FAKE</datacentreSymbol>
        <payload><resource xmlns="http://datacite.org/schema/kernel-4">
        <identifier identifierType="DOI">10.1234/fake.\(id)</identifier>
        <creators><creator><creatorName nameType="Personal">Doe, Jane</creatorName><nameIdentifier nameIdentifierScheme="ORCID">0000-0002-1825-0097</nameIdentifier></creator></creators>
        <titles><title xml:lang="en">\(title)</title></titles>
        <publisher>Fake Repository</publisher><publicationYear>2023</publicationYear>
        <rightsList><rights rightsURI="https://creativecommons.org/licenses/by/4.0/legalcode" rightsIdentifier="cc-by-4.0" rightsIdentifierScheme="SPDX">Creative Commons Attribution 4.0</rights></rightsList>
        <geoLocations><geoLocation><geoLocationBox><westBoundLongitude>5.9</westBoundLongitude><eastBoundLongitude>10.5</eastBoundLongitude><southBoundLatitude>45.8</southBoundLatitude><northBoundLatitude>47.8</northBoundLatitude></geoLocationBox></geoLocation></geoLocations>
        </resource></payload></oai_datacite>
        """
    }
}

@Suite("OAI-PMH harvester over loopback")
struct OAIPMHHarvesterTests {
    static func source(_ server: LoopbackServer, _ path: String = "/oai", options: [String: String] = [:]) -> SourceConfig {
        SourceConfig(id: "fake", kind: "oaipmh", url: server.baseURL + path, options: options)
    }

    static func harvest(_ source: SourceConfig, context: GatherContext = GatherContext()) throws -> (GatherOutcome, CollectingSink) {
        let sink = CollectingSink()
        let outcome = try OAIHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: context, into: sink)
        return (outcome, sink)
    }

    @Test func pagesThroughThreePagesAndLeavesDeletedRecordsOut() throws {
        let log = RequestLog()
        let server = try FakeRepository.start(log: log)
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server))
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 6, pages: 3))
        #expect(sink.records.compactMap(\.localID) == (1...5).map { "oai:fake:\($0)" })
        #expect(sink.records.allSatisfy { $0.mediaType == "application/xml" })
        #expect(sink.issues.isEmpty)
        #expect(log.all.first == "/oai?verb=Identify")
        #expect(log.all.contains("/oai?verb=ListRecords&metadataPrefix=oai_datacite"))
        #expect(sink.pages.map(\.checkpoint).last == .some(nil))
        #expect(OAICursor(checkpoint: sink.pages[0].checkpoint)?.token == "t2")

        let record = try #require(OAIMapper().map(sink.records[0], context: MappingContext(source: Self.source(server), harvestedAt: Date())).record)
        #expect(record.id == "fake/oai:fake:1")
        #expect(record.title == LocalizedText("Dataset 1", variants: ["en": "Dataset 1"]))
        #expect(record.landingPage == "https://doi.org/10.1234/fake.1")
        #expect(record.provenance.originalURL == "https://doi.org/10.1234/fake.1")
        #expect(record.creator?.uri == "https://orcid.org/0000-0002-1825-0097")
        #expect(record.license?.raw == "cc-by-4.0")
        #expect(record.spatial.first?.geometry == "POLYGON((5.9 45.8, 10.5 45.8, 10.5 47.8, 5.9 47.8, 5.9 45.8))")
        #expect(record.themes == [Concept(label: "user-fake", scheme: "oai-set")])
    }

    @Test func aResumedRunGoesOnWithTheStoredToken() throws {
        let log = RequestLog()
        let server = try FakeRepository.start(log: log)
        defer { server.stop() }
        let checkpoint = OAICursor(prefix: "oai_datacite", set: nil, from: nil)
        var cursor = checkpoint
        cursor.token = "t2"
        cursor.pages = 1
        cursor.listed = 2
        let (outcome, sink) = try Self.harvest(Self.source(server), context: GatherContext(resumeFrom: cursor.json))
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 6, pages: 3))
        #expect(sink.records.compactMap(\.localID) == ["oai:fake:3", "oai:fake:4", "oai:fake:5"])
        #expect(log.all == ["/oai?verb=ListRecords&resumptionToken=t2", "/oai?verb=ListRecords&resumptionToken=t3"])
    }

    @Test func anIncrementalRunAsksFromTheLastRunAndWithdrawsDeletedRecords() throws {
        let log = RequestLog()
        let server = try FakeRepository.start(log: log)
        defer { server.stop() }
        let known = Set((1...6).map { "oai:fake:\($0)" })
        let last = try Date("2024-04-20T12:00:00Z", strategy: .iso8601)
        let (outcome, sink) = try Self.harvest(Self.source(server), context: GatherContext(lastCompleteRun: last, knownIDs: known))
        #expect(outcome.complete)
        #expect(outcome.expectedTotal == nil)
        #expect(log.all.contains("/oai?verb=ListRecords&metadataPrefix=oai_datacite&from=2024-04-20T11%3A00%3A00Z"))
        #expect(sink.records.compactMap(\.localID) == ["oai:fake:2"])
        // Record 5 is deleted: neither handed over nor unchanged, so the commit withdraws it.
        #expect(sink.unchanged == ["oai:fake:1", "oai:fake:3", "oai:fake:4", "oai:fake:6"])

        let dayLog = RequestLog()
        let dayServer = try FakeRepository.start(log: dayLog)
        defer { dayServer.stop() }
        _ = try Self.harvest(Self.source(dayServer, "/day/oai"), context: GatherContext(lastCompleteRun: last, knownIDs: known))
        #expect(dayLog.all.contains("/day/oai?verb=ListRecords&metadataPrefix=oai_datacite&from=2024-04-20"))

        let fullLog = RequestLog()
        let fullServer = try FakeRepository.start(log: fullLog)
        defer { fullServer.stop() }
        _ = try Self.harvest(Self.source(fullServer, options: ["incremental": "false"]), context: GatherContext(lastCompleteRun: last, knownIDs: known))
        #expect(!fullLog.all.contains { $0.contains("from=") })
    }

    @Test func noRecordsMatchIsAnEmptySuccess() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        let known: Set<String> = ["oai:fake:1", "oai:fake:2"]
        let (outcome, sink) = try Self.harvest(Self.source(server), context: GatherContext(lastCompleteRun: try Date("2099-06-01T00:00:00Z", strategy: .iso8601), knownIDs: known))
        #expect(outcome.complete)
        #expect(sink.records.isEmpty)
        #expect(sink.issues.isEmpty)
        #expect(sink.unchanged == ["oai:fake:1", "oai:fake:2"])
    }

    @Test func aBadResumptionTokenRestartsTheListingOnce() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        var cursor = OAICursor(prefix: "oai_datacite", set: nil, from: nil)
        cursor.token = "expired"
        let (outcome, sink) = try Self.harvest(Self.source(server), context: GatherContext(resumeFrom: cursor.json))
        #expect(outcome.complete)
        #expect(sink.issues.map(\.code) == ["oai.paging.bad-resumption-token"])
        #expect(sink.records.count == 5)

        cursor.restarted = true
        #expect(throws: HarvestError.self) {
            _ = try Self.harvest(Self.source(server), context: GatherContext(resumeFrom: cursor.json))
        }
    }

    @Test func otherOAIErrorsStopTheRunNamingTheCode() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        do {
            _ = try Self.harvest(Self.source(server, options: ["metadata_prefix": "marc21"]))
            Issue.record("expected an error")
        } catch let error as HarvestError {
            guard case .portalError(_, let url, let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(url.hasSuffix("verb=ListRecords&metadataPrefix=marc21"))
            #expect(message.hasPrefix("OAI-PMH error cannotDisseminateFormat: The metadata format"))
        }
    }

    @Test func aRepeatedTokenIsALoop() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        do {
            _ = try Self.harvest(Self.source(server, "/loop/oai"))
            Issue.record("expected a paging error")
        } catch let error as HarvestError {
            guard case .paging(_, _, let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains("'t2' a second time"))
        }
    }

    @Test func aListingShorterThanAnnouncedIsIncomplete() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        let (outcome, sink) = try Self.harvest(Self.source(server, "/short/oai"))
        #expect(outcome == GatherOutcome(complete: false, expectedTotal: 10, pages: 3))
        #expect(sink.issues.map(\.code) == ["oai.paging.short-listing"])
        #expect(sink.issues.first?.message.contains("completeListSize=10") == true)
    }

    @Test func anHTMLPageIsNotOAI() throws {
        let server = try FakeRepository.start()
        defer { server.stop() }
        do {
            _ = try Self.harvest(Self.source(server, "/html/oai"))
            Issue.record("expected an error")
        } catch let error as HarvestError {
            #expect(error.description.contains("not an OAI-PMH response: the root element is <html>"))
            #expect(error.description.contains("text/html"))
        }
    }

    @Test func optionsAndURLs() throws {
        let source = SourceConfig(id: "z", kind: "oaipmh", url: "https://zenodo.org/oai2d?verb=Identify", options: ["set": "user-covid", "metadata_prefix": "datacite"])
        let harvester = try OAIHarvester(source: source)
        #expect(harvester.baseURL == "https://zenodo.org/oai2d")
        #expect(harvester.url("ListRecords", [("resumptionToken", "726959|1001"), ("set", nil)]) == "https://zenodo.org/oai2d?verb=ListRecords&resumptionToken=726959%7C1001")
        #expect(harvester.set == "user-covid")
        #expect(throws: HarvestError.self) { try OAIHarvester(source: SourceConfig(id: "z", kind: "oaipmh", url: "ftp://x/oai")) }
        #expect(HarvesterRegistry.kinds.contains("oaipmh"))
    }
}
