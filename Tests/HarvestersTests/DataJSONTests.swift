import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

@Suite("DCAT-US data.json")
struct DataJSONTests {
    static let source = SourceConfig(id: "agency", kind: "datajson", url: "https://agency.example/data.json")

    static func map(_ bytes: [UInt8]) throws -> (records: [CatalogRecord], issues: [RecordIssue], count: Int) {
        let catalog = try DataJSONCatalog.parse(bytes)
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for dataset in catalog.datasets {
            let raw = RawRecord(localID: DataJSONMapper.localID(of: dataset.value), payload: JSONWriter.write(dataset.value),
                                mediaType: "application/json", pageURL: source.url, location: dataset.pointer)
            let result = DataJSONMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, catalog.datasets.count)
    }

    @Test func mapsAPOD11Dataset() throws {
        let text = #"""
        {"@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [{
          "@type": "dcat:Dataset", "identifier": "https://agency.example/id/widgets", "title": "Widget statistics",
          "description": "Widgets made each year.", "keyword": ["widget", "factory"], "theme": ["Manufacturing"],
          "publisher": {"name": "Widget Office", "subOrganizationOf": {"name": "Agency of Things"}},
          "contactPoint": {"fn": "Jane Doe", "hasEmail": "mailto:jane@agency.example"},
          "license": "https://creativecommons.org/publicdomain/zero/1.0/", "accessLevel": "public",
          "issued": "2011-11-22", "modified": "2019-06-27 12:41:27", "temporal": "2009-09-01/2010-05-31",
          "spatial": "United States", "language": ["en-US"], "landingPage": "https://agency.example/widgets",
          "accrualPeriodicity": "R/P1Y", "bureauCode": ["018:10"],
          "distribution": [{"@type": "dcat:Distribution", "downloadURL": "https://agency.example/widgets.csv", "mediaType": "text/csv", "format": "CSV", "title": "widgets.csv"},
                           {"@type": "dcat:Distribution", "accessURL": "https://agency.example/api", "format": "API"}]}]}
        """#
        let (records, issues, _) = try Self.map(Array(text.utf8))
        #expect(issues.isEmpty)
        let record = try #require(records.first)
        #expect(record.id == "agency/https://agency.example/id/widgets")
        #expect(record.title.value == "Widget statistics")
        #expect(record.keywords == ["widget", "factory"])
        #expect(record.themes == [Concept(label: "Manufacturing", scheme: "dcat-us-theme")])
        #expect(record.publisher?.name == "Widget Office")
        #expect(record.publisher?.identifier == "Agency of Things > Widget Office")
        #expect(record.contactPoint == Contact(name: "Jane Doe", email: "jane@agency.example"))
        #expect(record.license?.uri == "https://creativecommons.org/publicdomain/zero/1.0/")
        #expect(record.accessRights?.label == "public")
        #expect(record.modified?.raw == "2019-06-27 12:41:27")
        #expect(record.temporal.first?.start?.raw == "2009-09-01/2010-05-31")
        #expect(record.spatial == [SpatialCoverage(label: "United States")])
        #expect(record.frequency?.label == "R/P1Y")
        #expect(record.distributions.map(\.downloadURL) == ["https://agency.example/widgets.csv", nil])
        #expect(record.distributions[1].accessURL == "https://agency.example/api")
        #expect(record.extras["bureauCode"] == #"["018:10"]"#)
        #expect(record.provenance.originalURL == "https://agency.example/widgets")
    }

    @Test func reportsBadDatasetsAndCatalogues() throws {
        let text = #"{"@type": "dcat:Test", "dataset": [{"title": "No id"}, {"identifier": "a", "title": 42}, {}, "text"]}"#
        let catalog = try DataJSONCatalog.parse(Array(text.utf8))
        #expect(catalog.problems.map(\.code) == ["datajson.catalog.no-conformsto", "datajson.catalog.bad-type"])
        let (records, issues, _) = try Self.map(Array(text.utf8))
        #expect(records.map(\.title.value) == ["42"])
        #expect(issues.map(\.code) == ["datajson.dataset.missing-identifier", "datajson.dataset.title-not-text",
                                       "datajson.dataset.missing-required",
                                       "datajson.dataset.missing-identifier", "datajson.dataset.not-object"])
        #expect(throws: DataJSONError.self) { try DataJSONCatalog.parse(Array(#"{"$schema": "x", "properties": {}}"#.utf8)) }
        #expect(throws: DataJSONError.self) { try DataJSONCatalog.parse(Array("<html/>".utf8)) }
    }

    @Test func everyCorpusCatalogueMaps() throws {
        let files = Corpus.files(under: "datajson", endingIn: [".json"])
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var total = 0
        for file in files {
            let bytes = try Corpus.bytes(file)
            guard (try? DataJSONCatalog.parse(bytes)) != nil else {
                // The POD JSON Schemas are not catalogues.
                #expect(file.contains("pod_schema"), "\(file)")
                continue
            }
            let (records, issues, count) = try Self.map(bytes)
            let skipped = issues.filter { $0.severity == .error }.count
            #expect(records.count + skipped == count, "\(file)")
            total += records.count
        }
        #expect(total > 3000)
    }

    @Test func theBadCorpusFilesGiveTheirIssues() throws {
        guard Corpus.directory != nil else { return }
        let missing = try Self.map(try Corpus.bytes("bad/gsa_missing-identifier-title.data.json"))
        #expect(missing.issues.contains { $0.code == "datajson.dataset.missing-identifier" })
        let numeric = try Self.map(try Corpus.bytes("bad/gsa_numerical-title.data.json"))
        #expect(numeric.issues.contains { $0.code == "datajson.dataset.title-not-text" })
        let catalog = try DataJSONCatalog.parse(try Corpus.bytes("bad/gsa_missing-catalog.data.json"))
        #expect(!catalog.datasets.isEmpty)
        #expect(catalog.problems.contains { $0.code == "datajson.catalog.bad-type" })

        // ArcGIS Hub's HTML terms of use in 'license'.
        let html = try Self.map(try Corpus.bytes("bad/datagov-harvester_dcatus_bad_license_uri.json"))
        #expect(html.records.count == 1)
        #expect(html.issues.map(\.code) == ["datajson.dataset.licence-html"])
        #expect(html.issues.first?.location == "/dataset/0/license")
        // Several errors at once: each gets its own warning, and the record is still harvested.
        let several = try Self.map(try Corpus.bytes("bad/datagov-harvester_dcatus_multiple_invalid.json"))
        #expect(several.records.count == 1)
        #expect(Set(several.issues.map(\.code)) == ["datajson.dataset.licence-html", "datajson.distribution.bad-url"])
        #expect(several.issues.first { $0.code == "datajson.distribution.bad-url" }?.location == "/dataset/0/distribution/0/accessURL")
        // DCAT-US 3.0: the first dataset lacks its contact point, the second is valid.
        let v30 = try Self.map(try Corpus.bytes("bad/datagov-harvester_dcatus3_0_invalid.json"))
        #expect(v30.records.count == 2)
        #expect(v30.issues.map(\.code) == ["datajson.dataset.missing-required"])
        #expect(v30.issues.first?.location == "/dataset/0")
        #expect(v30.issues.first?.message.contains("DCAT-US 3.0 requires: 'contactPoint'") == true)
        // A title CKAN refuses as a dataset name.
        let reserved = try Self.map(try Corpus.bytes("bad/gsa_reserved-title.data.json"))
        #expect(reserved.issues.map(\.code) == ["datajson.dataset.reserved-title"])
        // 'spatial': null is valid DCAT-US 1.1 (the schema allows null): no coverage, and nothing to report.
        let null = try Self.map(try Corpus.bytes("bad/gsa_null-spatial.data.json"))
        #expect(null.records.count == 1 && null.records[0].spatial.isEmpty)
        #expect(null.issues.isEmpty)
    }

    @Test func reportsWhatDCATUSRequiresAndURLsThatAreNotAbsolute() throws {
        let text = #"""
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [
          {"@type": "dcat:Dataset", "identifier": "a", "title": "Edit", "description": "  ", "keyword": [], "publisher": {"name": "Office"},
           "mbox": "office@agency.example", "accessLevel": "public", "modified": null,
           "distribution": [{"accessURL": "www.agency.example/a"}, {"downloadURL": "https:///a.csv"}, {"downloadURL": "ftp://files.example/a"},
                            {"accessURL": "mailto:office@agency.example"}]},
          {"@type": "Dataset", "identifier": {"@id": "https://agency.example/b"}, "title": "B", "description": "Bees.",
           "license": "Free to use <b>with attribution</b>", "contactPoint": {"fn": "Bee Office", "hasEmail": "mailto:b@agency.example"}}]}
        """#
        let (records, issues, _) = try Self.map(Array(text.utf8))
        #expect(records.count == 2)
        let first = issues.filter { $0.localID == "a" }
        // 1.1: a blank description, an empty keyword list and a null modified count as missing; mbox stands for contactPoint.
        #expect(first.first { $0.code == "datajson.dataset.missing-required" }?.message.contains("DCAT-US 1.1 requires: 'description', 'keyword', 'modified'") == true)
        #expect(first.contains { $0.code == "datajson.dataset.reserved-title" && $0.location == "/dataset/0/title" })
        #expect(first.filter { $0.code == "datajson.distribution.bad-url" }.compactMap(\.location)
                    == ["/dataset/0/distribution/0/accessURL", "/dataset/0/distribution/1/downloadURL"])
        // 3.0 requires less: the second dataset is complete; its licence holds HTML.
        #expect(issues.filter { $0.localID == "https://agency.example/b" }.map(\.code) == ["datajson.dataset.licence-html"])
    }

    @Test func absoluteURLsAndHTMLAreTold() {
        for url in ["https://a.example/x", "http://a.example", "ftp://f.example/a", "mailto:a@b.example", "urn:uuid:1", " https://a.example/ "] {
            #expect(DataJSONChecks.isAbsoluteURL(url), "\(url)")
        }
        for url in ["//////not-a-url.example.com/", "www.a.example", "https:///a", "http:a.example", "/data/a.csv", ":x", "1http://a"] {
            #expect(!DataJSONChecks.isAbsoluteURL(url), "\(url)")
        }
        #expect(DataJSONChecks.looksLikeHTML("<p align='center'>Terms</p>"))
        #expect(DataJSONChecks.looksLikeHTML("see </a>"))
        #expect(!DataJSONChecks.looksLikeHTML("CC-BY 4.0 < 5 years"))
        #expect(!DataJSONChecks.looksLikeHTML("https://creativecommons.org/licenses/by/4.0/"))
    }

    @Test func harvestsOverHTTPAndSkipsAnUnchangedDocument() throws {
        let body = Array(#"{"conformsTo": "x", "dataset": [{"identifier": "1", "title": "One"}, {"identifier": "2", "title": "Two"}, {"identifier": "1", "title": "Again"}]}"#.utf8)
        let server = try LoopbackServer { _ in HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("ETag", "\"v1\"")], body: body) }
        try server.start()
        defer { server.stop() }
        let source = SourceConfig(id: "agency", kind: "datajson", url: server.baseURL + "/data.json")
        let first = CollectingSink()
        let outcome = try DataJSONHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: first)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 3, pages: 1))
        #expect(first.records.compactMap(\.localID) == ["1", "2"])
        #expect(first.issues.map(\.code) == ["datajson.duplicate-identifier"])
        let memo = try #require(first.pages.first?.memo)
        let again = CollectingSink()
        _ = try DataJSONHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(pages: [memo.url: memo]), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged == ["1", "2"])
    }

    /// A server answering every request with `body` as JSON.
    static func serving(_ body: [UInt8]) throws -> LoopbackServer {
        let server = try LoopbackServer { _ in HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: body) }
        try server.start()
        return server
    }

    @Test func aLargeCatalogueIsStreamedFromAFileAndItsHashStillSeesNoChange() throws {
        let datasets = (0..<300).map { #"{"identifier": "d\#($0)", "title": "Dataset \#($0)", "keyword": ["k\#($0 % 7)"]}"# }
        let body = Array(#"{"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [\#(datasets.joined(separator: ",\n"))]}"#.utf8)
        #expect(body.count > 4096 * 4)
        let server = try Self.serving(body)
        defer { server.stop() }
        let spool = try SpoolFolder()
        defer { spool.remove() }
        let source = SourceConfig(id: "agency", kind: "datajson", url: server.baseURL + "/data.json")
        let first = CollectingSink()
        let outcome = try DataJSONHarvester(source: source).gather(using: Fetcher(options: spool.options(spoolingAbove: 4096)),
                                                                   context: GatherContext(), into: first)
        #expect(outcome == GatherOutcome(complete: true, expectedTotal: 300, pages: 1))
        #expect(first.records.compactMap(\.localID) == (0..<300).map { "d\($0)" })
        #expect(first.records[299].location == "/dataset/299")
        #expect(first.issues.isEmpty)
        #expect(spool.isEmpty)   // the body's file is gone
        // The same document again: its hash, computed from the file, equals the one kept; nothing is parsed.
        let memo = try #require(first.pages.first?.memo)
        #expect(memo.bodyHash == ContentHash.hex(body))
        let again = CollectingSink()
        _ = try DataJSONHarvester(source: source).gather(using: Fetcher(options: spool.options(spoolingAbove: 4096)),
                                                         context: GatherContext(pages: [memo.url: memo]), into: again)
        #expect(again.records.isEmpty)
        #expect(again.unchanged.count == 300)
    }

    @Test func aBrokenDatasetIsAnIssueAndTheRestIsHarvestedButNothingIsTakenAsDeleted() throws {
        let filler = String(repeating: "word ", count: 1000)
        let body = Array(#"{"conformsTo": "x", "dataset": [{"identifier": "1", "title": "One", "description": "\#(filler)"}, {"identifier": "2", "title": tru}, {"identifier": "3", "title": "Three"}]}"#.utf8)
        let server = try Self.serving(body)
        defer { server.stop() }
        let spool = try SpoolFolder()
        defer { spool.remove() }
        let source = SourceConfig(id: "agency", kind: "datajson", url: server.baseURL + "/data.json")
        let sink = CollectingSink()
        let outcome = try DataJSONHarvester(source: source).gather(using: Fetcher(options: spool.options(spoolingAbove: 4096)),
                                                                   context: GatherContext(), into: sink)
        #expect(!outcome.complete)
        #expect(sink.records.compactMap(\.localID) == ["1", "3"])
        let issue = try #require(sink.issues.first)
        #expect(issue.code == "datajson.dataset.not-json")
        #expect(issue.location == "/dataset/1")
        #expect(issue.message.contains("Source 'agency' (\(source.url)): the dataset at /dataset/1 (byte "))
        #expect(issue.message.contains("invalid literal"))
    }

    @Test func aDatasetOverTheSizeLimitIsSkippedWithItsCode() throws {
        var options = JSONStream.Options()
        options.maxElementBytes = 100
        var items: [String] = []
        let text = #"{"conformsTo": "x", "dataset": [{"identifier": "1"}, {"identifier": "2", "description": "\#(String(repeating: "x", count: 200))"}]}"#
        _ = try DataJSONCatalog.read(JSONMemorySource(Array(text.utf8)), options: options) { item in
            switch item {
            case .dataset(let pointer, _): items.append(pointer)
            case .broken(let pointer, let code, _): items.append(code + " " + pointer)
            }
            return true
        }
        #expect(items == ["/dataset/0", "datajson.dataset.too-large /dataset/1"])
    }

    @Test func aDocumentBrokenBetweenDatasetsFailsWithItsLine() throws {
        let body = Array("{\"dataset\": [\n{\"identifier\": \"1\", \"title\": \"One\"}\n{\"identifier\": \"2\"}]}".utf8)
        let server = try Self.serving(body)
        defer { server.stop() }
        let source = SourceConfig(id: "agency", kind: "datajson", url: server.baseURL + "/data.json")
        let error = #expect(throws: HarvestError.self) {
            try DataJSONHarvester(source: source).gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: CollectingSink())
        }
        #expect(error?.description.contains("Invalid JSON at line 3, column 1") == true)
        #expect(error?.description.contains(source.url) == true)
    }
}
