import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// The real JSON-LD files of the shared corpus: each reads, with the datasets it holds.
@Suite struct JSONLDCorpusTests {
    /// Subjects typed dcat:Dataset in each DCAT JSON-LD file.
    static let datasetsPerFile: [String: Int] = [
        "ckanext-dcat_catalog_pod.jsonld": 1, "ckanext-dcat_catalog_with_at_graph.jsonld": 1,
        "semic_dcat-ap3-hvd_ms_catalogue_hvd.jsonld": 1, "semic_dcat-ap3-hvd_ms_dataset_2_licenses.jsonld": 2,
        "semic_dcat-ap3-hvd_ms_dataset_data_service.jsonld": 2, "semic_dcat-ap3_dataset-series-combined.jsonld": 4,
        "semic_dcat-ap3_examples_context.jsonld": 0, "semic_dcat-ap_3.0.1_context.jsonld": 0,
        "semic_geodcat-ap_example_catalogue-record.jsonld": 0, "semic_geodcat-ap_example_data-service.jsonld": 0,
        "semic_geodcat-ap_example_dataset.jsonld": 1, "semic_geodcat-ap_example_quality-measurement.jsonld": 0,
        "udata_bnodes.jsonld": 3, "udata_flat.jsonld": 3, "udata_hydra_paged-collection-1.jsonld": 3,
        "udata_hydra_paged-collection-2.jsonld": 1, "udata_nested.jsonld": 1,
    ]

    /// Datasets linked by dcat:dataset in data.json catalogues read with the bundled POD context.
    static let dataJSONDatasets: [String: Int] = [
        "agency_cms.data.json": 139, "agency_consumerfinance.data.json": 11, "agency_dhs.data.json": 1093,
        "agency_fcc.data.json": 59, "agency_gsa.data.json": 339, "agency_opm.data.json": 134,
        "agency_treasury.data.json": 233, "gsa_collection-2-parent-4-children.data.json": 6,
        "pod_v1.1_catalog-sample-extended.json": 3,
    ]

    static func read(_ file: String) throws -> (triples: [RDFTriple], report: RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = JSONLDReader.read(try Corpus.bytes(file), baseIRI: "https://corpus.example/" + file,
                                       blankScope: "c.") { triples.append($0) }
        return (triples, report)
    }

    @Test func dcatJSONLDFilesReadWithTheirDatasets() throws {
        guard Corpus.directory != nil else {
            print(Corpus.missingMessage)
            return
        }
        let files = Corpus.files(under: "dcat_jsonld", endingIn: [".jsonld", ".json"])
        #expect(Set(files.map { ($0 as NSString).lastPathComponent }) == Set(Self.datasetsPerFile.keys))
        for file in files {
            let (triples, report) = try Self.read(file)
            let name = (file as NSString).lastPathComponent
            #expect(report.fatal == nil, "\(name)")
            let datasets = Set(triples.filter { $0.predicate == LDNS.rdf + "type" && $0.object == .iri(LDNS.dcat + "Dataset") }
                .map(\.subject))
            #expect(datasets.count == Self.datasetsPerFile[name], "\(name)")
            if Self.datasetsPerFile[name, default: 0] > 0 { #expect(triples.count > 10, "\(name)") }
        }
    }

    @Test func dcatAP3SeriesExampleUsesTheBundledContext() throws {
        guard Corpus.directory != nil else {
            print(Corpus.missingMessage)
            return
        }
        let (triples, report) = try Self.read("dcat_jsonld/semic_dcat-ap3_dataset-series-combined.jsonld")
        let dataset = RDFTerm.iri("https://data.gov.gr/id/dataset/BeePopulation2022")
        let set = Set(triples)
        #expect(set.contains(RDFTriple(dataset, LDNS.dct + "title", ldLiteral("Bee population 2022 in the region of Thessaloniki", lang: "en"))))
        #expect(set.contains(RDFTriple(dataset, LDNS.dct + "issued", ldLiteral("2022-03-01", LDNS.xsd + "date"))))
        #expect(set.contains(RDFTriple(dataset, LDNS.dcat + "inSeries", ldIRI("https://data.gov.gr/id/datasetseries/BeePopulation"))))
        #expect(set.contains(RDFTriple(dataset, LDNS.dcat + "prev", ldIRI("https://data.gov.gr/id/dataset/BeePopulation2000"))))
        #expect(set.contains(RDFTriple(ldIRI("https://data.gov.gr/id/datasetseries/BeePopulation"), LDNS.rdf + "type",
                                       ldIRI(LDNS.dcat + "DatasetSeries"))))
        #expect(report.problems.map(\.message).allSatisfy { $0.contains("`xsd:`") })
    }

    @Test func dataJSONCataloguesRead() throws {
        guard Corpus.directory != nil else {
            print(Corpus.missingMessage)
            return
        }
        for file in Corpus.files(under: "datajson", endingIn: [".json", ".jsonld"]) {
            let (triples, report) = try Self.read(file)
            let name = (file as NSString).lastPathComponent
            #expect(report.fatal == nil, "\(name)")
            if let expected = Self.dataJSONDatasets[name] {
                let datasets = Set(triples.filter { $0.predicate == LDNS.dcat + "dataset" }.map(\.object))
                #expect(datasets.count == expected, "\(name)")
            }
        }
    }

    @Test func otherPortalsAndBadFilesNeverCrash() throws {
        guard Corpus.directory != nil else {
            print(Corpus.missingMessage)
            return
        }
        for file in Corpus.files(under: "other_portals", endingIn: [".json", ".jsonld"])
            + Corpus.files(under: "bad", endingIn: [".json", ".jsonld"]) {
            let (triples, report) = try Self.read(file)
            #expect(report.triples == triples.count, "\(file)")
            if report.fatal != nil { #expect(triples.isEmpty && file.hasPrefix("bad/"), "\(file)") }
        }
        let (schemaTriples, _) = try Self.read("other_portals/schemaorg_pangaea_geoshape.json")
        #expect(schemaTriples.contains { $0.predicate == LDNS.schema + "name" })
    }
}
