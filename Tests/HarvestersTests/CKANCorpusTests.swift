import CatalogModel
import FeedParsing
import Foundation
import TestSupport
import Testing
@testable import Harvesters

/// Every CKAN file of the shared corpus: no crash, and every package of a package_search page becomes a record.
@Suite("CKAN corpus")
struct CKANCorpusTests {
    @Test func mapsEveryCorpusFile() throws {
        let files = TestData.corpusFiles("ckan")
        guard !files.isEmpty else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        var searchPages = 0
        var packagesMapped = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let envelope: CKANEnvelope
            do { envelope = try CKANEnvelope.parse(bytes) } catch {
                Issue.record("\(file.lastPathComponent): \(error)")
                continue
            }
            let (records, issues) = try CKANMapperTests.mapPage(bytes)
            #expect(!issues.contains { $0.severity == .error }, "\(file.lastPathComponent): \(issues.filter { $0.severity == .error })")
            #expect(records.count == envelope.packages.count, "\(file.lastPathComponent)")
            for record in records {
                #expect(!record.title.value.isEmpty, "\(file.lastPathComponent): \(record.id)")
            }
            if envelope.shape == .search {
                searchPages += 1
                let results = try JSONParser.parse(bytes)["result"]?["results"]?.array?.count
                #expect(records.count == results, "\(file.lastPathComponent)")
            }
            packagesMapped += records.count
        }
        #expect(searchPages >= 6)
        #expect(packagesMapped > 150)
    }

    @Test func knownCorpusShapes() throws {
        guard let corpus = TestData.corpus else { return }
        func envelope(_ name: String) throws -> CKANEnvelope {
            try CKANEnvelope.parse([UInt8](try Data(contentsOf: corpus.appendingPathComponent("ckan/\(name)"))))
        }
        #expect(try envelope("magda_brisbane_package_search_100.json").packages.count == 100)
        #expect(try envelope("envidat_package_search.json").count == 858)
        #expect(try envelope("udata_dkan_package_show_french.json").shape == .packageList)
        #expect(try envelope("geodatagov_catalog.data.gov_packages_with_category_tags.json").packages.count == 3)
        #expect(try envelope("transportdata.be_package_list.json").shape == .other)
        #expect(try envelope("envidat_organization_list_all_fields.json").packages.isEmpty)
        let multilingual = try CKANMapperTests.mapPage([UInt8](try Data(contentsOf: corpus.appendingPathComponent("ckan/ckanext-dcat_ckan_dataset_multilingual.json"))))
        #expect(multilingual.records.first?.title.variants.count ?? 0 >= 2)
    }
}
