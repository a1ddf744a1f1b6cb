import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// The invalid Turtle files of the corpus: each problem is pinned to its line, and the good statements around it
/// are read.
@Suite("serd on the corpus's broken Turtle")
struct SerdBadCorpusTests {
    /// Reads a corpus file, or nil (with the skip message printed) when the corpus is absent.
    func read(_ name: String) throws -> (SerdTripleIndex, [RDFTriple], RDFReadReport)? {
        guard Corpus.directory != nil else {
            print(Corpus.missingMessage)
            return nil
        }
        let (triples, report) = try serdReadCorpus("bad/\(name)", .turtle)
        return (SerdTripleIndex(triples), triples, report)
    }

    func title(_ graph: SerdTripleIndex, _ subject: String) -> [String] {
        graph.objects(.iri(subject), SerdNS.dct + "title").compactMap(\.lexical)
    }

    @Test("ckanext-dcat_dataset.ttl: undeclared healthdcatap: and a `^^<<` datatype")
    func ckanextDataset() throws {
        guard let (graph, triples, report) = try read("ckanext-dcat_dataset.ttl") else { return }
        #expect(report.fatal == nil)
        #expect(report.problems.map(\.line) == [149, 154, 206])
        #expect(report.problems[0].column == 17)
        #expect(report.problems[0].message.contains("`healthdcatap:` is not declared"))
        #expect(report.problems[1].message.contains("`<`"))
        #expect(report.problems[2].message.contains("`healthdcatap:` is not declared"))
        #expect(!triples.contains { $0.predicate.hasPrefix("healthdcatap") })
        // The three top-level resources of the file survive, the series even after its bad line.
        #expect(graph.types(of: .iri("http://example.healthdata.nl/set/dataset")).contains(SerdNS.dcat + "Dataset"))
        #expect(title(graph, "http://example.com/series").sorted() == ["Example dataset series", "Voorbeeld dataset serie"])
        #expect(graph.object(.iri("http://example.com/series"), SerdNS.dct + "temporal") != nil)
        #expect(graph.object(.iri("http://example.com/series"), SerdNS.dct + "issued") == nil)
        #expect(graph.describes(.iri("http://example.com/analytics")))
        #expect(triples.count == 279)
    }

    @Test("semic_dcat-ap3_dataset-series-combined.ttl: `/` in prefixed local names")
    func semicSeries() throws {
        guard let (graph, triples, report) = try read("semic_dcat-ap3_dataset-series-combined.ttl") else { return }
        #expect(report.fatal == nil)
        #expect(report.problems.map(\.line) == [32, 34])
        #expect(report.problems.map(\.column) == [31, 31])
        #expect(report.problems.allSatisfy { $0.message.contains("near `/") })
        for dataset in ["BeePopulationLive", "BeePopulation2023", "BeePopulation2022", "BeePopulation2000"] {
            #expect(graph.types(of: .iri("https://data.gov.gr/id/dataset/\(dataset)")) == [SerdNS.dcat + "Dataset"], "\(dataset)")
        }
        #expect(title(graph, "https://data.gov.gr/id/datasetseries/BeePopulation") == ["Bee population"])
        // `<example-api:…>` is an absolute IRI with the scheme `example-api`.
        #expect(graph.describes(.iri("example-api:EA-API-Platform")))
        #expect(triples.count == 39)
    }

    @Test("dcat-ap.de_UAG_Beispieldatensatz.ttl: a status line before the prefixes")
    func uagExample() throws {
        guard let (graph, triples, report) = try read("dcat-ap.de_UAG_Beispieldatensatz.ttl") else { return }
        #expect(report.fatal == nil)
        #expect(report.problems.map(\.line) == [1])
        #expect(report.problems.first?.message.contains("22.02.2024") == true)
        let dataset = "http://www.example.org/dataset/12345678-9abc-4729-9044-f4d4ceaed491"
        #expect(graph.objects(.iri(dataset), "http://purl.org/dc/terms/title").compactMap(\.lexical) == ["Haushaltsplan"])
        #expect(triples.count == 32)
    }

    @Test("piveau_example_dataset_geonames.ttl: an @prefix without its `.`")
    func piveauGeonames() throws {
        guard let (graph, triples, report) = try read("piveau_example_dataset_geonames.ttl") else { return }
        #expect(report.fatal == nil)
        #expect(report.problems.map(\.line) == [15])
        #expect(report.problems.first?.message.contains("applied all the same") == true)
        let dataset = RDFTerm.iri("https://piveau.io/set/data/test-dataset")
        #expect(graph.objects(dataset, SerdNS.dct + "title").contains(.literal("Beispieldatensatz", datatype: nil, language: "de-t-en-t0-mtec")))
        #expect(triples.contains { $0.object == .iri(SerdNS.dcat + "CatalogRecord") })
        #expect(triples.count == 79)
    }

    @Test("piveau_example_empty_catalog.ttl: cut after `] ;`")
    func piveauEmptyCatalog() throws {
        guard let (graph, triples, report) = try read("piveau_example_empty_catalog.ttl") else { return }
        #expect(report.problems.isEmpty)
        #expect(report.fatal?.line == 27)
        #expect(report.fatal?.message.contains("starting on line 15") == true)
        #expect(title(graph, "https://piveau.io/id/catalogue/test-catalog") == ["Example Catalog"])
        #expect(triples.count == 10)
    }
}

/// The few lookups the tests need over a list of triples.
struct SerdTripleIndex {
    let triples: [RDFTriple]
    init(_ triples: [RDFTriple]) { self.triples = triples }

    func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        triples.filter { $0.subject == subject && $0.predicate == predicate }.map(\.object)
    }

    func object(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? { objects(subject, predicate).first }

    func types(of subject: RDFTerm) -> [String] { objects(subject, SerdNS.rdfType).compactMap(\.iri) }

    func describes(_ subject: RDFTerm) -> Bool { triples.contains { $0.subject == subject } }
}
