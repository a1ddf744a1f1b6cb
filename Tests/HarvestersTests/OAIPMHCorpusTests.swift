import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

/// Every OAI-PMH response of the shared corpus is read by the protocol layer, and every record of a ListRecords
/// or GetRecord response maps; the bad/ files with OAI content give their specific error or issue.
@Suite("OAI-PMH corpus")
struct OAIPMHCorpusTests {
    /// Mapped records per response (the manifest's counts; deleted records are not mapped).
    static let expectedRecords: [String: Int] = [
        "DERIVED_zenodo_GetRecord_datacite.xml": 1, "DERIVED_zenodo_ListRecords_chain_p1.xml": 3,
        "DERIVED_zenodo_ListRecords_chain_p2.xml": 2, "DERIVED_zenodo_ListRecords_chain_p3_last.xml": 3,
        "DERIVED_zenodo_ListRecords_oai_dc_p1.xml": 50, "arxiv_GetRecord_oai_dc.xml": 1,
        "arxiv_ListRecords_arXivRaw_resumption.xml": 6, "arxiv_ListRecords_cs_46.xml": 46,
        "inspirehep_ListRecords_marcxml.xml": 2, "pycsw_oai_ListRecords_datacite.xml": 10,
        "pycsw_oai_ListRecords_iso19139.xml": 10, "pycsw_oai_ListRecords_oai_dc.xml": 10,
        "pyoai_dspace-eur_GetRecord.xml": 1, "pyoai_dspace-eur_ListRecords_16.xml": 16,
        "pyoai_dspace-eur_ListRecords_81.xml": 79, "sickle_GetRecord_utf8test.xml": 1, "sickle_ListRecords.xml": 1,
    ]

    /// Error responses and their code.
    static let expectedErrors: [String: String] = [
        "DERIVED_zenodo_error_badResumptionToken.xml": "badResumptionToken",
        "DERIVED_zenodo_error_cannotDisseminateFormat.xml": "badArgument",  // Zenodo answers badArgument
        "DERIVED_zenodo_error_noRecordsMatch.xml": "noRecordsMatch",
        "arxiv_error_badResumptionToken.xml": "badResumptionToken", "arxiv_error_noRecordsMatch.xml": "noRecordsMatch",
        "pycsw_oai_bad_verb.xml": "badArgument", "sickle_badResumptionToken.xml": "badResumptionToken",
        "sickle_noRecordsMatch.xml": "noRecordsMatch",
    ]

    static let files = Corpus.files(under: "oaipmh", endingIn: [".xml"])

    static func mapAll(_ response: OAIResponse, file: String) -> [MappingResult] {
        let source = SourceConfig(id: "corpus", kind: "oaipmh", url: "https://corpus.example/oai")
        return response.records.filter { !$0.header.deleted && $0.hasMetadata }.map { entry in
            let raw = RawRecord(localID: entry.header.identifier, payload: entry.payload, mediaType: "application/xml",
                                pageURL: "https://corpus.example/\(file)", location: entry.pointer)
            return OAIMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
        }
    }

    @Test func everyResponseIsReadAndEveryRecordMaps() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        #expect(Self.files.count >= 38)
        for relative in Self.files {
            let name = String(relative.dropFirst("oaipmh/".count))
            let response = try OAIResponse.parse(try Corpus.bytes(relative), url: relative)
            if let code = Self.expectedErrors[name] {
                #expect(response.errors.map(\.code) == [code], "\(name)")
                continue
            }
            #expect(response.errors.isEmpty, "\(name): \(response.errors.map(\.code))")
            switch response.verb {
            case "ListRecords", "GetRecord":
                let results = Self.mapAll(response, file: name)
                let records = results.compactMap(\.record)
                #expect(records.count == Self.expectedRecords[name], "\(name): \(records.count) records")
                #expect(records.allSatisfy { !$0.title.value.isEmpty && $0.id.hasPrefix("corpus/") }, "\(name)")
                let errors = results.flatMap(\.issues).filter { $0.severity == .error }
                #expect(errors.isEmpty, "\(name): \(errors.map(\.message))")
            case "Identify":
                #expect(response.identify.granularity != nil && response.identify.deletedRecord != nil, "\(name)")
            case "ListSets":
                #expect(!response.sets.isEmpty, "\(name)")
            case "ListMetadataFormats":
                #expect(response.formats.map(\.prefix).contains("oai_dc"), "\(name)")
            case "ListIdentifiers":
                #expect(response.records.isEmpty, "\(name)")
            default:
                Issue.record("\(name): unexpected verb \(response.verb ?? "none")")
            }
        }
    }

    @Test func theDataCiteAndDublinCoreMappingsOfRealRecords() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        let zenodo = try OAIResponse.parse(try Corpus.bytes("oaipmh/DERIVED_zenodo_GetRecord_datacite.xml"))
        let record = try #require(Self.mapAll(zenodo, file: "zenodo").first?.record)
        #expect(record.id == "corpus/oai:zenodo.org:10357859")
        #expect(record.title.value == "Research Data Management Organiser (RDMO)")
        #expect(record.landingPage == "https://doi.org/10.5281/zenodo.10357859")
        #expect(record.creator?.name == "Klar, Jochen")
        #expect(record.publisher?.name == "Zenodo")
        #expect(record.issued?.raw == "2023-12-11")
        #expect(record.modified?.raw == "2023-12-11")
        #expect(record.version == "2.1.0")
        #expect(record.license?.uri == "http://www.apache.org/licenses/LICENSE-2.0")
        #expect(record.accessRights?.uri == "info:eu-repo/semantics/openAccess")
        #expect(record.extras["related_IsVersionOf"] == "DOI 10.5281/zenodo.596581")
        #expect(record.description?.value.hasPrefix("RDMO 2.1.0") == true)

        let pycsw = try OAIResponse.parse(try Corpus.bytes("oaipmh/pycsw_oai_ListRecords_datacite.xml"))
        let geo = Self.mapAll(pycsw, file: "pycsw").compactMap(\.record).flatMap(\.spatial).compactMap(\.geometry)
        #expect(!geo.isEmpty)

        let dspace = try OAIResponse.parse(try Corpus.bytes("oaipmh/pyoai_dspace-eur_ListRecords_81.xml"))
        let dc = Self.mapAll(dspace, file: "dspace").compactMap(\.record)
        #expect(dc.allSatisfy { $0.landingPage?.hasPrefix("http://hdl.handle.net/1765/") == true })
        #expect(dc.contains { $0.distributions.contains { $0.downloadURL?.hasSuffix(".pdf") == true && $0.mediaType == "application/pdf" } })
    }

    /// Serves `body` as every ListRecords answer of a minimal repository.
    static func serve(_ body: [UInt8], type: String = "text/xml") throws -> LoopbackServer {
        let server = try LoopbackServer { request in
            switch request.queryValue("verb") {
            case "Identify": return FakeRepository.envelope("Identify", "<Identify><granularity>YYYY-MM-DD</granularity><deletedRecord>no</deletedRecord></Identify>")
            default: return HTTPResponse(status: 200, headers: [("Content-Type", type)], body: body)
            }
        }
        try server.start()
        return server
    }

    static func harvestBad(_ name: String, type: String = "text/xml") throws -> (Result<GatherOutcome, HarvestError>, CollectingSink) {
        let server = try serve(try Corpus.bytes("bad/\(name)"), type: type)
        defer { server.stop() }
        let sink = CollectingSink()
        let source = SourceConfig(id: "bad", kind: "oaipmh", url: server.baseURL + "/oai", options: ["metadata_prefix": "oai_dc"])
        let result = Result { () throws(HarvestError) in
            try OAIHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink)
        }
        return (result, sink)
    }

    @Test func badFilesGiveTheirSpecificErrorOrIssue() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        // Not XML at all.
        let (broken, _) = try Self.harvestBad("sickle_ListRecordsBroken.xml")
        #expect(String(describing: broken).contains("not well-formed XML"))
        // A deleted record whose header has no identifier: an issue, the other record kept.
        let (missing, sink) = try Self.harvestBad("sickle_ListRecords4_missing_identifier.xml")
        #expect((try? missing.get())?.complete == true)
        #expect(sink.issues.map(\.code).contains("oai.record.missing-identifier"))
        #expect(sink.records.compactMap(\.localID) == ["oai:test.example.com:1585322"])
        // No namespace at all: read by element names, with an issue; GetRecord is not a ListRecords page.
        let bare = try OAIResponse.parse(try Corpus.bytes("bad/arxiv_GetRecord_no_namespace.xml"))
        #expect(!bare.namespaced && bare.records.count == 1 && bare.records[0].header.identifier == "oai:arXiv.org:0804.2273")
        let (noNamespace, nsSink) = try Self.harvestBad("arxiv_GetRecord_no_namespace.xml")
        #expect(nsSink.issues.map(\.code) == ["oai.response.no-namespace"])
        #expect(String(describing: noNamespace).contains("not <ListRecords>"))
        // HTML where OAI-PMH was expected.
        let (html, _) = try Self.harvestBad("DERIVED_httpbun_html_instead_of_oai.html", type: "text/html")
        #expect(String(describing: html).contains("not an OAI-PMH response: the root element is <html>"))
        // pyoai's hand-made documents.
        #expect(throws: OAIResponseError.notOAI(root: "oai_dc:dc")) { try OAIResponse.parse(try Corpus.bytes("bad/pyoai_GetMetadata_bare_oai_dc.xml")) }
        for name in ["pyoai_Identify_bogus_wrapper.xml", "pyoai_Identify_undefined_entity.xml"] {
            do {
                _ = try OAIResponse.parse(try Corpus.bytes("bad/\(name)"))
                Issue.record("\(name) was read")
            } catch let error as OAIResponseError {
                guard case .notXML = error else { Issue.record("\(name): \(error)"); continue }
            }
        }
        let identify = try OAIResponse.parse(try Corpus.bytes("bad/pyoai_Identify_bad_earliestDatestamp.xml")).identify
        #expect(identify.earliestDatestamp == "aaaa-bb-cc" && OAIDates.parse("aaaa-bb-cc") == nil)
        let server = try LoopbackServer { _ in
            HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: (try? Corpus.bytes("bad/pyoai_Identify_bad_earliestDatestamp.xml")) ?? [])
        }
        try server.start()
        defer { server.stop() }
        let sink2 = CollectingSink()
        let harvester = try OAIHarvester(source: SourceConfig(id: "bad", kind: "oaipmh", url: server.baseURL + "/oai"))
        _ = try harvester.identify(using: Fetcher(options: testFetchOptions), into: sink2)
        #expect(sink2.issues.map(\.code) == ["oai.identify.bad-earliest-datestamp"])
    }
}

/// The VCR cassettes (YAML) of oaipmh-scythe: each recorded response body is read as OAI-PMH and its records map.
@Suite("OAI-PMH corpus cassettes")
struct OAIPMHCassetteTests {
    /// The `content:` block scalars of a VCR cassette (`|` literal or `>-` folded), in order.
    static func bodies(_ yaml: String) -> [String] {
        var bodies: [String] = []
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            index += 1
            guard trimmed.hasPrefix("content: |") || trimmed.hasPrefix("content: >") else { continue }
            let keyIndent = line.count - trimmed.count
            let folded = trimmed.hasPrefix("content: >")
            var block: [String] = []
            var indent: Int?
            while index < lines.count {
                let next = lines[index]
                let content = next.drop { $0 == " " }
                let depth = next.count - content.count
                if !content.isEmpty && depth <= keyIndent { break }
                if indent == nil && !content.isEmpty { indent = depth }
                block.append(content.isEmpty ? "" : String(next.dropFirst(min(depth, indent ?? depth))))
                index += 1
            }
            bodies.append(block.joined(separator: folded ? " " : "\n"))
        }
        return bodies
    }

    @Test func everyRecordedResponseIsReadAndItsRecordsMap() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        var verbs: [String: Int] = [:]
        var mapped = 0
        for relative in Corpus.files(under: "oaipmh", endingIn: [".yaml"]) {
            let yaml = String(decoding: try Corpus.bytes(relative), as: UTF8.self)
            let bodies = Self.bodies(yaml)
            #expect(!bodies.isEmpty, "\(relative)")
            for body in bodies {
                let response: OAIResponse
                do { response = try OAIResponse.parse(Array(body.utf8), url: relative) } catch {
                    // The one HTML page recorded from httpbun.com.
                    #expect(error == .notOAI(root: "html"), "\(relative): \(error)")
                    verbs["html", default: 0] += 1
                    continue
                }
                verbs[response.verb ?? "error:" + (response.errors.first?.code ?? ""), default: 0] += 1
                let results = OAIPMHCorpusTests.mapAll(response, file: relative)
                #expect(results.allSatisfy { $0.record != nil }, "\(relative)")
                mapped += results.count
            }
        }
        #expect(verbs["html"] == 1)
        #expect(verbs["Identify"] == 2)
        #expect(verbs["ListRecords"] == 8)
        #expect(verbs["ListSets"] == 2)
        #expect(mapped >= 200)
        print("OAI-PMH cassettes: \(verbs), \(mapped) records mapped")
    }
}
