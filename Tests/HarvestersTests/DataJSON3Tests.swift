import CatalogModel
import FeedParsing
import Foundation
import Testing
import TestSupport
@testable import Harvesters

@Suite("DCAT-US 3 data.json")
struct DataJSON3Tests {
    @Test func identifierObjectsAndListsGiveTheRecordKey() throws {
        let text = #"""
        {"@type": "Catalog", "conformsTo": {"@type": "Standard", "title": "DCAT-US 3.0"}, "dataset": [
          {"@type": "Dataset", "title": "By IRI", "identifier": {"@type": "Identifier", "@id": "https://agency.example/datasets/three"}},
          {"@type": "Dataset", "title": "By notation", "identifier": {"@type": "Identifier", "schemaAgency": "Weather Office", "notation": "WX-OBS-2024", "version": "1.0"}},
          {"@type": "Dataset", "title": "By list", "identifier": ["doi:10.1234/abc", "https://agency.example/abc"]},
          {"@type": "Dataset", "title": "Empty object", "identifier": {"@type": "Identifier", "version": "2"}}]}
        """#
        let catalog = try DataJSONCatalog.parse(Array(text.utf8))
        #expect(catalog.conformsTo == "DCAT-US 3.0")
        #expect(catalog.problems.isEmpty)
        #expect(catalog.datasets.map { DataJSONMapper.localID(of: $0.value) } == ["https://agency.example/datasets/three", "WX-OBS-2024", "doi:10.1234/abc", nil])
        let (records, all, _) = try DataJSONTests.map(Array(text.utf8))
        // These datasets lack what DCAT-US 3.0 requires (`DataJSONChecks`); this test is about identifiers.
        #expect(all.filter { $0.code == "datajson.dataset.missing-required" }.count == 3)
        let issues = all.filter { $0.code != "datajson.dataset.missing-required" }
        #expect(records.map(\.id) == ["agency/https://agency.example/datasets/three", "agency/WX-OBS-2024", "agency/doi:10.1234/abc"])
        #expect(records[1].identifiers == [Identifier("WX-OBS-2024", scheme: "Weather Office")])
        #expect(records[2].identifiers == [Identifier("doi:10.1234/abc", scheme: "doi"), Identifier("https://agency.example/abc", scheme: "uri")])
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.code == "datajson.dataset.identifier-unreadable")
        #expect(issue.location == "/dataset/3/identifier")
        #expect(issue.message.contains("'Empty object'"))
    }

    @Test func conformsToObjectsAreKeptAsText() throws {
        let text = #"""
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [
          {"identifier": "a", "title": "One standard", "conformsTo": {"@type": "Standard", "@id": "https://agency.example/standards/wx"}},
          {"identifier": "b", "title": "Two standards", "conformsTo": [{"@type": "Standard", "title": "WMO climate data"}, "https://agency.example/std/2"]},
          {"identifier": "c", "title": "A URI", "conformsTo": "https://agency.example/std/3"}]}
        """#
        let (records, issues, _) = try DataJSONTests.map(Array(text.utf8))
        #expect(issues.allSatisfy { $0.code == "datajson.dataset.missing-required" })
        #expect(records.map { $0.extras["conformsTo"] } == ["https://agency.example/standards/wx", "WMO climate data | https://agency.example/std/2",
                                                          "https://agency.example/std/3"])
        let catalog = try DataJSONCatalog.parse(Array(#"{"conformsTo": {"@type": "Standard"}, "dataset": []}"#.utf8))
        #expect(catalog.problems.map(\.code) == ["datajson.catalog.conformsto-unreadable"])
    }

    @Test func nestedCataloguesAreRead() throws {
        let text = #"""
        {"@type": "Catalog", "conformsTo": {"@type": "Standard", "title": "DCAT-US 3.0"}, "dataset": [{"identifier": "top", "title": "Top"}],
         "catalog": [{"@type": "Catalog", "dataset": [{"identifier": "child", "title": "Child"}],
                      "catalog": [{"@type": "Catalog", "dataset": [{"identifier": "grandchild", "title": "Grandchild"}]}]}]}
        """#
        let catalog = try DataJSONCatalog.parse(Array(text.utf8))
        #expect(catalog.datasets.map(\.pointer) == ["/dataset/0", "/catalog/0/dataset/0", "/catalog/0/catalog/0/dataset/0"])
    }

    @Test func theDCATUS3CorpusFilesMapEveryDataset() throws {
        guard Corpus.directory != nil else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        let plain = try DataJSONTests.map(try Corpus.bytes("datajson/datagov-harvester_dcatus3_0.json"))
        #expect(plain.count == 4)
        #expect(plain.records.count == 4)
        #expect(!plain.issues.contains { $0.severity == .error })
        #expect(plain.records.contains { $0.id == "agency/NCDC-CLIMATE-OBS-2024" })
        let complete = try DataJSONTests.map(try Corpus.bytes("datajson/datagov-harvester_dcatus3_0_complete_example.json"))
        #expect(complete.records.first?.extras["conformsTo"] == "https://example.gov/standards/wmo-climate-data")
        let nested = try DataJSONCatalog.parse(try Corpus.bytes("datajson/datagov-harvester_dcatus3_0_nested_catalog.json"))
        #expect(nested.datasets.count == 3)
    }
}
