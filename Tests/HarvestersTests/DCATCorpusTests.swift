import CatalogModel
import FeedParsing
import Foundation
import Testing
import TestSupport
@testable import Harvesters

/// Every RDF document of the shared corpus parses and maps; the serialisation pairs give the same records.
@Suite("DCAT corpus")
struct DCATCorpusTests {
    static let folders = ["dcat_rdfxml", "dcat_turtle", "dcat_jsonld"]
    static let files: [String] = folders.flatMap { Corpus.files(under: $0, endingIn: [".rdf", ".xml", ".ttl", ".nt", ".jsonld"]) }

    /// Documents that hold no dataset, and why.
    static let noDatasets: [String: String] = [
        "dcat_jsonld/semic_dcat-ap3_examples_context.jsonld": "a JSON-LD context, not data",
        "dcat_jsonld/semic_dcat-ap_3.0.1_context.jsonld": "a JSON-LD context, not data",
        "dcat_jsonld/semic_geodcat-ap_example_quality-measurement.jsonld": "a quality measurement",
        "dcat_jsonld/semic_geodcat-ap_example_catalogue-record.jsonld": "a dcat:CatalogRecord about a dataset described elsewhere",
        "dcat_turtle/sk-lkod_catalog.ttl": "a catalogue that links to per-dataset documents",
    ]

    /// Documents with quirks the JSON-LD reader reports (and reads past).
    static let expectedProblems: Set<String> = [
        "dcat_jsonld/ckanext-dcat_catalog_pod.jsonld",  // `xsd:` never declared; POD keys without a term
        "dcat_jsonld/semic_dcat-ap3_dataset-series-combined.jsonld",  // `xsd:date` without the prefix
    ]

    /// Record counts the manifest states.
    static let expectedCounts: [String: Int] = [
        // The manifest says 4; the files hold 2 dcat:Dataset nodes (rapper agrees).
        "dcat_rdfxml/ckanext-dcat_catalog.rdf": 2,
        "dcat_rdfxml/ckanext-dcat_catalog_datasets_list.rdf": 2,
        "dcat_rdfxml/semic_geodcat-ap_network-service.rdf": 1,
        "dcat_rdfxml/ckanext-dcat_dataset_gov_de.rdf": 1,
        "dcat_rdfxml/ckanext-dcat_dataset_sweden.rdf": 1,
        "dcat_turtle/ckanext-dcat_dataset_afs.ttl": 1,
        "dcat_turtle/ckanext-dcat_dataset_multilingual.ttl": 1,
        "dcat_jsonld/udata_hydra_paged-collection-1.jsonld": 3,
        "dcat_jsonld/udata_hydra_paged-collection-2.jsonld": 1,
    ]

    static func read(_ relative: String) throws -> (records: [CatalogRecord], issues: [RecordIssue], page: DCATPage) {
        let url = "https://corpus.example/" + relative
        return try DCATTests.map(try Corpus.bytes(relative), url: url)
    }

    @Test(arguments: files) func parsesAndMaps(_ relative: String) throws {
        let (records, issues, page) = try Self.read(relative)
        if Self.expectedProblems.contains(relative) {
            #expect(!page.report.problems.isEmpty && page.report.fatal == nil, "\(relative)")
        } else {
            #expect(page.report.allProblems.isEmpty, "\(relative): \(page.report.allProblems.prefix(3))")
        }
        #expect(!issues.contains { $0.severity == .error }, "\(relative): \(issues.filter { $0.severity == .error }.map(\.message))")
        if let reason = Self.noDatasets[relative] {
            #expect(records.isEmpty, "\(relative) is \(reason)")
        } else {
            #expect(!records.isEmpty, "\(relative) gave no record")
            #expect(records.allSatisfy { !$0.title.value.isEmpty })
        }
        if let expected = Self.expectedCounts[relative] {
            #expect(records.count == expected, "\(relative)")
        }
    }

    @Test func theRostockDatasetHasNineDistributions() throws {
        let (records, _, _) = try Self.read("dcat_rdfxml/ckanext-dcat_dataset_gov_de.rdf")
        #expect(records.first?.distributions.count == 9)
    }

    @Test func hydraPagesLinkToTheNextPage() throws {
        let page = try Self.read("dcat_jsonld/udata_hydra_paged-collection-1.jsonld").page
        #expect(page.next?.contains("page=2") == true)
        #expect(page.total == 4)
        #expect(try Self.read("dcat_jsonld/udata_hydra_paged-collection-2.jsonld").page.next == nil)
    }

    @Test func mixedCaseLanguageTagsAreLowerCased() throws {
        let (records, _, _) = try Self.read("dcat_rdfxml/dcat-ap-es_Catalog_NSIP.rdf")
        #expect(records.contains { $0.title.variants.keys.contains("en") })
        #expect(!records.contains { $0.title.variants.keys.contains { $0 != $0.lowercased() } })
    }

    /// The same catalogue published in several serialisations gives the same records.
    @Test(arguments: [
        ["dcat_turtle/semic_geodcat-ap_example_dataset.ttl", "dcat_rdfxml/semic_geodcat-ap_example_dataset.rdf"],
        ["dcat_turtle/semic_dcat-ap3-hvd_ms_catalogue_hvd.ttl", "dcat_jsonld/semic_dcat-ap3-hvd_ms_catalogue_hvd.jsonld"],
    ]) func serialisationPairsAgree(_ pair: [String]) throws {
        guard Corpus.directory != nil else { return }
        let first = try Self.read(pair[0]).records, second = try Self.read(pair[1]).records
        #expect(first.map(\.id).sorted() == second.map(\.id).sorted())
        for record in first {
            guard let other = second.first(where: { $0.id == record.id }) else { continue }
            #expect(record.title == other.title, "\(record.id)")
            #expect(record.distributions.count == other.distributions.count, "\(record.id)")
            #expect(Set(record.keywords) == Set(other.keywords), "\(record.id)")
        }
    }
}
