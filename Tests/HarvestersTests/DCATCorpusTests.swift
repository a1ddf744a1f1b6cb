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
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        let (records, _, _) = try Self.read("dcat_rdfxml/ckanext-dcat_dataset_gov_de.rdf")
        #expect(records.first?.distributions.count == 9)
    }

    @Test func hydraPagesLinkToTheNextPage() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        let page = try Self.read("dcat_jsonld/udata_hydra_paged-collection-1.jsonld").page
        #expect(page.next?.contains("page=2") == true)
        #expect(page.total == 4)
        #expect(try Self.read("dcat_jsonld/udata_hydra_paged-collection-2.jsonld").page.next == nil)
    }

    @Test func mixedCaseLanguageTagsAreLowerCased() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
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

/// CSW GetRecords responses whose records are DCAT (GeoNetwork's `outputSchema=http://www.w3.org/ns/dcat#`).
@Suite("DCAT corpus: DCAT inside CSW responses")
struct DCATInCSWTests {
    @Test(arguments: ["csw/udata_geonetwork-dcat-page-1.xml", "csw/udata_geonetwork-geodcatap-page-1.xml", "csw/owslib_9250AA67_dc2.xml"])
    func theDatasetsMap(_ relative: String) throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        var options = RDFXMLReader.Options()
        options.scanForRDF = true
        var graph = RDFGraph()
        let report = RDFXMLReader.read(try Corpus.bytes(relative), baseIRI: "https://corpus.example/csw", blankScope: "c", options: options) {
            graph.add($0)
        }
        #expect(report.allProblems.isEmpty, "\(relative): \(report.allProblems.prefix(3))")
        let found = DCATRecords(graph: graph).all().filter { $0.localID != nil }
        let source = SourceConfig(id: "csw", kind: "dcat", url: "https://corpus.example/csw")
        let records = found.compactMap { found in
            DCATMapper().map(RawRecord(localID: found.localID, payload: found.payload, mediaType: "application/n-triples",
                                       pageURL: source.url, location: "x"),
                             context: MappingContext(source: source, harvestedAt: Date())).record
        }
        #expect(records.count == found.count)
        if relative.contains("geonetwork") { #expect(!records.isEmpty, "\(relative)") }
        #expect(records.allSatisfy { !$0.title.value.isEmpty })
    }
}

/// The broken RDF documents of the corpus: each problem named with its line, the good datasets kept.
@Suite("DCAT corpus: broken documents")
struct DCATBadCorpusTests {
    /// File → (records kept, lines of the problems reported, fatal line or nil).
    static let expected: [String: (records: Int, lines: [Int], fatal: Int?)] = [
        // Undeclared `healthdcatap:` prefix, and a `^^<<…>` datatype.
        "bad/ckanext-dcat_dataset.ttl": (3, [149, 154, 206], nil),
        // `example-dist:BeePopulation2023/biojson`: `/` in a prefixed name.
        "bad/semic_dcat-ap3_dataset-series-combined.ttl": (6, [32, 34], nil),
        // A status line before the prefixes.
        "bad/dcat-ap.de_UAG_Beispieldatensatz.ttl": (1, [1], nil),
        // `@prefix edp: <…>` without its `.`.
        "bad/piveau_example_dataset_geonames.ttl": (1, [15], nil),
        // Ends after `] ;`: an empty catalogue, truncated.
        "bad/piveau_example_empty_catalog.ttl": (0, [], 27),
        // DOCTYPE with 15 namespace entities, one holding `&quot;`: expanded safely, reported.
        "bad/dcatapit_dataset_it_esempio_6.rdf": (2, [0], nil),
    ]

    @Test(arguments: expected.keys.sorted()) func problemsAreNamedAndGoodDatasetsKept(_ relative: String) throws {
        guard Corpus.directory != nil, let expectation = Self.expected[relative] else { print(Corpus.missingMessage); return }
        let (records, issues, page) = try DCATTests.map(try Corpus.bytes(relative), url: "https://corpus.example/" + relative)
        #expect(records.count == expectation.records, "\(relative)")
        #expect(page.report.problems.map(\.line) == expectation.lines, "\(relative): \(page.report.problems)")
        #expect(page.report.fatal?.line == expectation.fatal, "\(relative)")
        #expect(!issues.contains { $0.severity == .error }, "\(relative)")
    }

    @Test func invalidJSONLDIsRefusedWithItsLine() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        #expect {
            _ = try DCATPage.read(try Corpus.bytes("bad/ckanext-dcat_croissant_dataset.jsonld"), contentType: nil, url: "https://x/", blankScope: "t")
        } throws: { error in
            guard case DCATPage.Failure.unreadable(let choice, let problem) = error else { return false }
            return choice.syntax == .jsonld && problem.line == 78
        }
    }
}

/// The triples a record's cut hands the mapper (`DCATRecords.Found.graph`) are those reading its stored
/// N-Triples gives, and mapping with them gives the same record and issues as mapping the bytes.
@Suite("DCAT handed-over triples")
struct DCATHandedTriplesTests {
    @Test(arguments: DCATCorpusTests.files) func handedTriplesEqualTheParsedPayload(_ relative: String) throws {
        let url = "https://corpus.example/" + relative
        let page = try DCATPage.read(try Corpus.bytes(relative), contentType: nil, url: url, blankScope: "t")
        let context = MappingContext(source: DCATTests.source, harvestedAt: Date(timeIntervalSince1970: 0))
        for found in page.records {
            var parsed: [RDFTriple] = []
            _ = NTriplesReader.read(found.payload, baseIRI: url, blankScope: "", into: { parsed.append($0) })
            if let graph = found.graph { #expect(graph.triples == parsed, "\(relative): \(found.subject)") }
            let bytesOnly = RawRecord(localID: found.localID, payload: found.payload, mediaType: "application/n-triples", pageURL: url,
                                      location: found.subject.iri ?? "dataset")
            var handed = bytesOnly
            handed.preparsed = found.graph
            let fromBytes = DCATMapper().map(bytesOnly, context: context), fromTriples = DCATMapper().map(handed, context: context)
            #expect(fromBytes.record == fromTriples.record, "\(relative): \(found.subject)")
            #expect(fromBytes.issues == fromTriples.issues, "\(relative): \(found.subject)")
        }
    }

    @Test func mostCorpusRecordsAreHandedOver() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        var handed = 0, total = 0
        for relative in DCATCorpusTests.files {
            let page = try DCATPage.read(try Corpus.bytes(relative), contentType: nil, url: "https://corpus.example/" + relative, blankScope: "t")
            total += page.records.count
            handed += page.records.filter { $0.graph != nil }.count
        }
        #expect(handed * 2 > total, "\(handed) of \(total)")
    }
}
