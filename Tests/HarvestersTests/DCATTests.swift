import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
import Merge
@testable import Harvesters

@Suite("DCAT RDF harvester")
struct DCATTests {
    static let source = SourceConfig(id: "region", kind: "dcat", url: "https://data.example.eu/catalogue.ttl")

    /// Reads a document, cuts its records and maps each one, as a harvest does.
    static func map(_ bytes: [UInt8], contentType: String? = nil, url: String = "https://data.example.eu/catalogue.ttl",
                    source: SourceConfig = source) throws -> (records: [CatalogRecord], issues: [RecordIssue], page: DCATPage) {
        let page = try DCATPage.read(bytes, contentType: contentType, url: url, blankScope: "t")
        var records: [CatalogRecord] = []
        var issues: [RecordIssue] = []
        for found in page.records {
            let raw = RawRecord(localID: found.localID, payload: found.payload, mediaType: "application/n-triples",
                                pageURL: url, location: found.subject.iri ?? "dataset")
            let result = DCATMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date(timeIntervalSince1970: 0)))
            records += result.record.map { [$0] } ?? []
            issues += result.issues
        }
        return (records, issues, page)
    }

    // MARK: - Mapping

    @Test func mapsTheDCATAP3Fixture() throws {
        let (records, issues, page) = try Self.map(try TestData.fixture("dcat/dcat-ap3-catalog.ttl"))
        #expect(page.syntax.syntax == .turtle)
        #expect(page.report.allProblems.isEmpty)
        #expect(issues.isEmpty)
        #expect(records.map(\.id) == ["region/aq-2023", "region/https://data.example.eu/dataset/bathing-water",
                                      "region/https://data.example.eu/series/air-quality", "region/https://data.example.eu/service/air-api"])
        let air = try #require(records.first)
        #expect(air.title.value == "Air quality measurements 2023")
        #expect(air.title.variants == ["en": "Air quality measurements 2023", "de": "Luftqualitätsmessungen 2023",
                                       "fr": "Mesures de la qualité de l'air 2023"])
        #expect(air.description?.value == "Hourly NO2, PM10 and O3 readings from 42 stations.")
        #expect(air.identifiers.map(\.value) == ["aq-2023", "https://doi.org/10.5281/zenodo.1234567", "https://data.example.eu/dataset/air-quality-2023"])
        #expect(air.identifiers[1].scheme == "doi")
        #expect(air.keywords == ["NO2", "air quality"])
        #expect(air.themes.map(\.uri) == ["http://publications.europa.eu/resource/authority/data-theme/ENVI",
                                          "http://publications.europa.eu/resource/authority/data-theme/HEAL"])
        #expect(air.publisher?.name == "Regional Environment Agency")
        #expect(air.publisher?.uri == "https://data.example.eu/org/environment-agency")
        #expect(air.publisher?.homepage == "https://environment.example.eu")
        #expect(air.creator == Agent(name: "Ada Example", email: "ada@example.eu"))
        #expect(air.contactPoint == Contact(name: "Air quality desk", email: "air@example.eu", phone: "+3212345678"))
        #expect(air.accessRights?.uri == "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
        #expect(air.issued?.raw == "2024-01-15")
        #expect(air.modified?.raw == "2024-03-02T10:15:00+01:00")
        #expect(air.temporal == [TemporalCoverage(start: CatalogDate(raw: "2023-01-01"), end: CatalogDate(raw: "2023-12-31"))])
        #expect(air.spatial.count == 2)
        #expect(air.spatial.contains { $0.uri == "http://publications.europa.eu/resource/authority/place/BEL_BRU" })
        let region = try #require(air.spatial.first { $0.label == "Brussels region" })
        #expect(region.geometry?.hasPrefix("POLYGON((4.2 50.7") == true)
        #expect(air.languages == ["http://publications.europa.eu/resource/authority/language/DEU",
                                  "http://publications.europa.eu/resource/authority/language/ENG"])
        #expect(air.landingPage == "https://data.example.eu/datasets/air-quality-2023")
        #expect(air.frequency?.uri == "http://publications.europa.eu/resource/authority/frequency/HOURLY")
        #expect(air.version == "2.1")
        #expect(air.extras["dcat:inSeries"] == "https://data.example.eu/series/air-quality")
        #expect(air.extras["dct:conformsTo"] == "http://data.europa.eu/eli/dir/2008/50/oj")
        #expect(air.extras["dcatap:hvdCategory"] == "http://data.europa.eu/bna/c_dd313021")
        #expect(air.provenance.originalURL == "https://data.example.eu/dataset/air-quality-2023")
        #expect(air.provenance.kind == "dcat")
        #expect(air.distributions.count == 2)
        let csv = try #require(air.distributions.first { $0.id == "https://data.example.eu/dataset/air-quality-2023/csv" })
        #expect(csv.title == "Measurements (CSV)")
        #expect(csv.downloadURL == "https://data.example.eu/download/aq-2023.csv")
        #expect(csv.format == "http://publications.europa.eu/resource/authority/file-type/CSV")
        #expect(csv.mediaType == "https://www.iana.org/assignments/media-types/text/csv")
        #expect(csv.byteSize == 1_048_576)
        #expect(csv.license == LicenseRef(raw: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
                                         title: "Creative Commons Attribution 4.0", uri: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"))
        let api = try #require(air.distributions.first { $0.id == nil })
        #expect(api.accessURL == "https://api.example.eu/air")
        // The dataset has no licence of its own: its distributions agree on CC BY 4.0.
        #expect(air.license?.uri == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")

        let bathing = records[1]
        #expect(bathing.license?.uri == "https://creativecommons.org/publicdomain/zero/1.0/")
        #expect(bathing.issued?.raw == "2019")
        #expect(bathing.temporal == [TemporalCoverage(start: CatalogDate(raw: "2019-05-01"))])
        #expect(bathing.distributions.map(\.format) == ["XLSX"])
        #expect(bathing.publisher?.name == "Regional Environment Agency")
        #expect(records[2].extras["dcat:type"] == "dcat:DatasetSeries")
        #expect(records[3].extras["dcat:type"] == "dcat:DataService")
        #expect(records[3].extras["dcat:endpointURL"] == "https://api.example.eu/air")
    }

    @Test func theSameCatalogueInThreeSerialisationsGivesTheSameRecords() throws {
        let turtle = try Self.map(try TestData.fixture("dcat/dcat-ap3-catalog.ttl")).records
        let rdfxml = try Self.map(try TestData.fixture("dcat/dcat-ap3-catalog.rdf"), contentType: "application/rdf+xml")
        let jsonld = try Self.map(try TestData.fixture("dcat/dcat-ap3-catalog.jsonld"), contentType: "application/ld+json")
        #expect(rdfxml.page.syntax.syntax == .rdfxml)
        #expect(jsonld.page.syntax.syntax == .jsonld)
        #expect(rdfxml.page.report.allProblems.isEmpty)
        #expect(jsonld.page.report.allProblems.isEmpty)
        let byID = { (records: [CatalogRecord]) in Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) }) }
        #expect(Set(byID(rdfxml.records).keys) == Set(byID(turtle).keys))
        for (id, record) in byID(turtle) {
            // Same statements, same bytes: even the payload hash agrees.
            #expect(byID(rdfxml.records)[id] == record, "RDF/XML differs for \(id)")
            #expect(byID(jsonld.records)[id] == record, "JSON-LD differs for \(id)")
        }
    }

    /// DCAT-US 3 as JSON-LD with its published context (bundled, never fetched).
    @Test func mapsTheDCATUS3Fixture() throws {
        let (records, issues, page) = try Self.map(try TestData.fixture("dcat/dcat-us3-dataset.jsonld"), contentType: "application/ld+json",
                                                   url: "https://inventory.example.gov/data.jsonld")
        // The context defines no `xsd:` prefix, yet its own examples type dates `xsd:date`: read, and said.
        #expect(page.report.allProblems.map(\.message).allSatisfy { $0.contains("`xsd:`") }, "\(page.report.allProblems)")
        #expect(issues.isEmpty)
        let record = try #require(records.first)
        #expect(record.id == "region/FLEET-0042")
        #expect(record.title.value == "Federal Fleet Fuel Consumption")
        #expect(record.description?.value.hasPrefix("Quarterly fuel consumption") == true)
        #expect(record.identifiers.map(\.value) == ["FLEET-0042", "doi:10.5555/fleet.0042",
                                                     "https://inventory.example.gov/dataset/7f1c2e9a-3b44-4c1d-9d0e-5a6b7c8d9e0f"])
        #expect(record.publisher?.name == "Office of Fleet Management")
        #expect(record.publisher?.uri == "https://fleet.example.gov")
        #expect(record.contactPoint == Contact(name: "Fleet Data Desk", email: "fleet-data@example.gov"))
        #expect(record.issued?.raw == "2016-10-01")
        #expect(record.modified?.raw == "2024-05-02T14:30:00Z")
        #expect(record.keywords == ["fleet", "fuel", "vehicles"])
        #expect(record.themes == [Concept(uri: "https://data.gov/vocab/themes/energy", label: "Energy", scheme: "https://data.gov/vocab/themes")])
        #expect(record.spatial.first?.label == "United States")
        #expect(record.license?.uri == "https://creativecommons.org/publicdomain/zero/1.0/")
        #expect(record.frequency != nil)
        let distribution = try #require(record.distributions.first)
        #expect(distribution.downloadURL == "https://files.example.gov/fleet/fuel-consumption.csv")
        // DCAT-US 3 resolves media types against the IANA registry (a scoped @base in its context).
        #expect(distribution.mediaType == "https://www.iana.org/assignments/media-types/text/csv")
        #expect(record.languages == ["http://id.loc.gov/vocabulary/iso639-1/en-us"])
        #expect(distribution.title == "fuel-consumption.csv")
    }

    @Test func keepsLanguagesAndPrefersTheSourceLanguage() throws {
        let german = SourceConfig(id: "region", kind: "dcat", url: "https://data.example.eu/catalogue.ttl", options: ["language": "de"])
        let records = try Self.map(try TestData.fixture("dcat/dcat-ap3-catalog.ttl"), source: german).records
        #expect(records[0].title.value == "Luftqualitätsmessungen 2023")
        #expect(records[0].keywords == ["Luftqualität"])
        #expect(records[0].publisher?.name == "Regionale Umweltagentur")
    }

    @Test func readsBlankNodeDatasetsWithIdentifiersAndRelativeIRIs() throws {
        let turtle = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            [] a dcat:Dataset ; dct:identifier "blank-1" ; dct:title "A blank dataset" .
            [] a dcat:Dataset ; dct:title "Nobody can follow me" .
            <dataset-3> a dcat:Dataset ; dct:title "Relative" ; dcat:distribution [ dcat:accessURL <files/3.csv> ] .
            """
        let (records, _, page) = try Self.map(Array(turtle.utf8), url: "https://portal.example.org/catalog/")
        #expect(page.anonymous == 1)
        #expect(records.map(\.id) == ["region/blank-1", "region/https://portal.example.org/catalog/dataset-3"])
        #expect(records[1].distributions.first?.accessURL == "https://portal.example.org/catalog/files/3.csv")
    }

    @Test func oldAndNationalShapes() throws {
        // datos.gob.es: accessURL as a literal, byteSize as a decimal, format as a dct:IMT node, frequency as a duration.
        let turtle = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            @prefix time: <http://www.w3.org/2006/time#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <http://datos.example.es/catalogo/dataset/paro> a dcat:Dataset ;
              dct:title "Paro registrado"@es ;
              dct:accrualPeriodicity [ a dct:Frequency ; rdf:value [ a time:DurationDescription ; time:months "1"^^xsd:decimal ] ] ;
              dct:accrualPeriodicity [ a time:DurationDescription ; time:months "1"^^xsd:decimal ] ;
              dcat:distribution [ a dcat:Distribution ; dcat:accessURL "http://datos.example.es/paro.csv" ;
                                  dcat:byteSize "43008.0"^^xsd:decimal ; dct:format [ a dct:IMT ; rdf:value "text/csv" ; rdfs:label "CSV" ] ] .
            """
        let (records, _, _) = try Self.map(Array(turtle.utf8))
        let record = try #require(records.first)
        #expect(record.title.value == "Paro registrado")
        #expect(record.title.variants == ["es": "Paro registrado"])
        #expect(record.frequency?.label == "P1M")
        let distribution = try #require(record.distributions.first)
        #expect(distribution.accessURL == "http://datos.example.es/paro.csv")
        #expect(distribution.byteSize == 43008)
        #expect(distribution.format == "text/csv")
    }

    @Test func aCatalogueRecordWithASourceMarksAnAggregatorsCopy() throws {
        let turtle = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            <https://hub.example/id/trees> a dcat:Dataset ; dct:title "Trees" .
            [] a dcat:CatalogRecord ; foaf:primaryTopic <https://hub.example/id/trees> ; dct:modified "2024-01-01" ;
               dct:source [ a dcat:CatalogRecord ; dcat:landingPage <https://city.example/dataset/trees> ] .
            """
        let record = try #require(try Self.map(Array(turtle.utf8)).records.first)
        #expect(record.extras["dcat:CatalogRecord.source"] == "https://city.example/dataset/trees")
        #expect(record.modified?.raw == "2024-01-01")
        #expect(CanonicalRank(record).isCopy)
    }

    // MARK: - Syntax choice and broken documents

    @Test func choosesTheSyntax() {
        let turtle = Array("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n".utf8)
        let xml = Array("<?xml version=\"1.0\"?>\n<rdf:RDF/>".utf8)
        let json = Array("  {\"@context\": {}}".utf8)
        let nt = Array("<http://a> <http://b> \"c\" .\n".utf8)
        #expect(RDFDocument.choose(contentType: "text/turtle; charset=utf-8", url: "x", bytes: turtle)?.syntax == .turtle)
        #expect(RDFDocument.choose(contentType: "application/octet-stream", url: "x", bytes: xml)?.syntax == .rdfxml)
        #expect(RDFDocument.choose(contentType: "application/json", url: "x", bytes: json)?.syntax == .jsonld)
        #expect(RDFDocument.choose(contentType: nil, url: "x", bytes: nt)?.syntax == .ntriples)
        #expect(RDFDocument.choose(contentType: "application/n-triples", url: "x", bytes: turtle)?.syntax == .turtle)
        // A server that labels RDF/XML as Turtle: the bytes win, and the reason says so.
        let mislabelled = RDFDocument.choose(contentType: "text/turtle", url: "x", bytes: xml)
        #expect(mislabelled?.syntax == .rdfxml)
        #expect(mislabelled?.reason.contains("the server said") == true)
        #expect(RDFDocument.choose(contentType: "text/html", url: "x", bytes: Array("Hello".utf8)) == nil)
        #expect(RDFDocument.choose(contentType: nil, url: "https://x/dump.nt", bytes: Array("Hello".utf8))?.syntax == .ntriples)
        #expect(RDFSyntax(sniffing: Array("<urn:g> {\n <a> <b> <c> .\n}".utf8)) == .trig)
    }

    @Test func aTruncatedDocumentKeepsWhatCameBeforeTheBreak() throws {
        var turtle = String(decoding: try TestData.fixture("dcat/dcat-ap3-catalog.ttl"), as: UTF8.self)
        let cut = try #require(turtle.range(of: "<https://data.example.eu/series/air-quality> a dcat:DatasetSeries"))
        turtle = String(turtle[..<cut.lowerBound]) + "<https://data.example.eu/series/air-quality> a dcat:DatasetSeries ;\n    dct:title \"Air qu"
        let (records, _, page) = try Self.map(Array(turtle.utf8))
        #expect(page.report.fatal != nil)
        #expect(page.report.fatal.map { $0.line > 0 } == true, "\(String(describing: page.report.fatal))")
        #expect(records.map(\.id).prefix(2) == ["region/aq-2023", "region/https://data.example.eu/dataset/bathing-water"])
    }

    @Test func refusesWhatIsNotRDF() {
        #expect(throws: DCATPage.Failure.self) {
            _ = try DCATPage.read(Array("<html><body>Not found</body></html>".utf8), contentType: "text/html", url: "https://x/", blankScope: "t")
        }
    }
}

@Suite("DCAT dumps read as a stream")
struct DCATStreamTests {
    /// A dump of `count` datasets in the generator's shape: each dataset, its publisher again, its distributions.
    static func dump(_ count: Int) -> String {
        var text = "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        for index in 0..<count {
            let uri = "https://dump.example/dataset/\(index)"
            text += "<\(uri)> a dcat:Dataset ; dct:identifier \"d\(index)\" ; dct:title \"Dataset \(index)\" ; dct:publisher <https://dump.example/org/\(index % 3)> ;\n"
            text += "    dcat:contactPoint [ foaf:name \"Desk \(index)\" ] ; dcat:distribution <\(uri)/csv>, <\(uri)/json> .\n"
            text += "<https://dump.example/org/\(index % 3)> a foaf:Organization ; foaf:name \"Org \(index % 3)\" .\n"
            text += "<\(uri)/csv> a dcat:Distribution ; dcat:accessURL <https://files.example/\(index).csv> .\n"
            text += "<\(uri)/json> a dcat:Distribution ; dcat:accessURL <https://files.example/\(index).json> .\n"
            text += "<https://dump.example/catalog> dcat:dataset <\(uri)> .\n"
        }
        return text
    }

    @Test func flushingInSmallStepsGivesTheSameRecordsAsReadingWhole() throws {
        let bytes = Array(Self.dump(40).utf8)
        let whole = try DCATPage.read(bytes, contentType: "text/turtle", url: "https://dump.example/", blankScope: "t").records
        var streamed: [DCATRecords.Found] = []
        let stream = DCATStream(flushEvery: 25, holdBack: 10) { streamed.append($0) }
        _ = TurtleReader.read(bytes, baseIRI: "https://dump.example/", blankScope: "t") { stream.add($0) }
        stream.flush(final: true)
        #expect(streamed.count == 40)
        #expect(stream.lateStatements == 0)
        #expect(Set(streamed.map(\.localID)) == Set(whole.map(\.localID)))
        let byID = Dictionary(uniqueKeysWithValues: whole.map { ($0.localID ?? "", $0.payload) })
        for found in streamed {
            #expect(found.payload == byID[found.localID ?? ""], "\(found.localID ?? "")")
        }
    }

    @Test func termsOfRecordsHandedOverAreForgottenAndTheRecordsStayTheSame() throws {
        // 300 datasets make some 3,000 terms; the stream keeps those of the last few flushes only.
        let bytes = Array(Self.dump(300).utf8)
        let whole = try DCATPage.read(bytes, contentType: "text/turtle", url: "https://dump.example/", blankScope: "t").records
        var streamed: [DCATRecords.Found] = []
        var mostTerms = 0
        let stream = DCATStream(flushEvery: 40, holdBack: 15, compactAbove: 100) { streamed.append($0) }
        _ = TurtleReader.read(bytes, baseIRI: "https://dump.example/", blankScope: "t") {
            stream.add($0)
            mostTerms = max(mostTerms, stream.terms.termCount)
        }
        stream.flush(final: true)
        #expect(stream.terms.compactions > 10)
        #expect(mostTerms < 600)
        #expect(stream.lateStatements == 0)
        #expect(streamed.map(\.localID) == whole.map(\.localID))
        #expect(streamed.map(\.payload) == whole.map(\.payload))
        #expect(streamed.map { $0.graph?.triples } == whole.map { $0.graph?.triples })
    }

    @Test func aStatementAboutARecordAlreadyHandedOverIsCounted() throws {
        let bytes = Array((Self.dump(30) + "<https://dump.example/dataset/0> dct:description \"Late\" .\n").utf8)
        var streamed = 0
        let stream = DCATStream(flushEvery: 25, holdBack: 10) { _ in streamed += 1 }
        _ = TurtleReader.read(bytes, baseIRI: "https://dump.example/", blankScope: "t") { stream.add($0) }
        stream.flush(final: true)
        #expect(streamed == 30)
        #expect(stream.lateStatements == 1)
    }

    @Test func distributionsDescribedLongAfterTheirDatasetsAreNoticed() throws {
        // Sorted by subject, as some writers do: every dataset first, every distribution after.
        var text = "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
        for index in 0..<30 { text += "<https://d.example/ds/\(index)> a dcat:Dataset ; dct:title \"D\(index)\" ; dcat:distribution <https://d.example/dist/\(index)> .\n" }
        for index in 0..<30 { text += "<https://d.example/dist/\(index)> a dcat:Distribution ; dcat:accessURL <https://f.example/\(index)> .\n" }
        let stream = DCATStream(flushEvery: 20, holdBack: 5) { _ in }
        _ = TurtleReader.read(Array(text.utf8), baseIRI: "https://d.example/", blankScope: "t") { stream.add($0) }
        stream.flush(final: true)
        #expect(stream.lateStatements > 0)
        // A page in memory is then read again as one graph: nothing is lost.
        let page = try DCATPage.read(Array(text.utf8), contentType: "text/turtle", url: "https://d.example/", blankScope: "t", flushEvery: 20)
        #expect(page.lateStatements > 0)
        #expect(page.records.count == 30)
        #expect(page.records.allSatisfy { String(decoding: $0.payload, as: UTF8.self).contains("accessURL") })
    }

    @Test func readsADumpFromAFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-dump-\(UUID().uuidString).ttl").path
        try Data(Self.dump(12).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ids: [String] = []
        let summary = try DCATDump.read(path: path, baseIRI: "https://dump.example/") { ids.append($0.localID ?? "") }
        #expect(summary.syntax == .turtle)
        #expect(summary.records == 12)
        #expect(Set(ids) == Set((0..<12).map { "d\($0)" }))
        #expect(throws: DCATDumpError.self) { _ = try DCATDump.read(path: path + ".missing", baseIRI: "x") { _ in } }
    }

    /// Parsing on a thread of its own while the caller streams and maps changes nothing the caller sees: the same
    /// records, bytes and order, the same summary, every record handed on the calling thread. The dump crosses the
    /// stream's flush size and the size of a batch of triples many times, in every syntax the stream reads.
    @Test(arguments: [RDFSyntax.turtle, .ntriples, .rdfxml, .jsonld]) func readsADumpOnAThreadOfItsOwnAsOnTheCallers(_ syntax: RDFSyntax) throws {
        let (serial, overlapped) = try Self.readBothWays(Self.overlapDump(4_500, syntax), syntax)
        #expect(serial.records.count == 4_500)
        #expect(serial.summary.report.allProblems.isEmpty)
        let first = String(decoding: serial.records.first?.payload ?? [], as: UTF8.self)
        #expect(first.contains("\"Dataset 0\"@en") && first.contains("\"2024-01-02\"^^<http://www.w3.org/2001/XMLSchema#date>"), "\(first)")
        Self.expectSame(serial, overlapped)
    }

    /// A dump broken off in the middle keeps the datasets before the break and reports the break at its line, the
    /// same whether it is parsed on its own thread or the caller's.
    @Test(arguments: [RDFSyntax.turtle, .ntriples, .rdfxml, .jsonld]) func aBrokenDumpReadsTheSameOnAThreadOfItsOwn(_ syntax: RDFSyntax) throws {
        let whole = Array(Self.overlapDump(4_500, syntax).utf8)
        let (serial, overlapped) = try Self.readBothWays(String(decoding: whole[..<(whole.count * 3 / 5)], as: UTF8.self), syntax)
        #expect(serial.records.count > 1_000 && serial.records.count < 4_500, "\(serial.records.count) records")
        let problems = serial.summary.report.allProblems
        #expect(!problems.isEmpty && problems.allSatisfy { $0.line > 0 }, "\(problems.prefix(2))")
        Self.expectSame(serial, overlapped)
    }

    typealias DumpRead = (records: [RawRecord], summary: DCATDump.Summary, elsewhere: Int)

    /// Reads `text` as a dump file in `syntax` on the calling thread, then on a thread of its own.
    static func readBothWays(_ text: String, _ syntax: RDFSyntax) throws -> (serial: DumpRead, overlapped: DumpRead) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-overlap-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let caller = pthread_self()
        func read(overlap: Bool) throws -> DumpRead {
            var records: [RawRecord] = []
            var elsewhere = 0
            let summary = try DCATDump.read(path: path, syntax: syntax, baseIRI: "https://dump.example/", overlap: overlap) {
                records.append($0)
                if pthread_equal(pthread_self(), caller) == 0 { elsewhere += 1 }
            }
            return (records, summary, elsewhere)
        }
        return (try read(overlap: false), try read(overlap: true))
    }

    /// The overlapped read gave what the serial one did, every record on the calling thread.
    static func expectSame(_ serial: DumpRead, _ overlapped: DumpRead) {
        #expect(overlapped.elsewhere == 0)
        #expect(overlapped.records.count == serial.records.count)
        func same(_ left: RawRecord, _ right: RawRecord) -> Bool {
            left.localID == right.localID && left.payload == right.payload && left.location == right.location
        }
        let differing: Int? = overlapped.records.indices.first { $0 >= serial.records.count || !same(overlapped.records[$0], serial.records[$0]) }
        #expect(differing == nil, "record \(differing ?? -1) is not the serial read's")
        #expect(overlapped.summary.records == serial.summary.records)
        #expect(overlapped.summary.report == serial.summary.report)
        #expect(overlapped.summary.lateStatements == serial.summary.lateStatements)
        #expect(overlapped.summary.anonymous == serial.summary.anonymous)
    }

    /// `count` datasets, each with a language-tagged title, a typed date, a blank contact point and a distribution, in
    /// `syntax`.
    static func overlapDump(_ count: Int, _ syntax: RDFSyntax) -> String {
        let base = "https://dump.example/dataset/"
        switch syntax {
        case .rdfxml:
            var text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:dcat=\"http://www.w3.org/ns/dcat#\" "
                + "xmlns:dct=\"http://purl.org/dc/terms/\" xmlns:foaf=\"http://xmlns.com/foaf/0.1/\">\n"
            for index in 0..<count {
                text += "<dcat:Dataset rdf:about=\"\(base)\(index)\"><dct:identifier>d\(index)</dct:identifier>"
                    + "<dct:title xml:lang=\"en\">Dataset \(index)</dct:title>"
                    + "<dct:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">2024-01-02</dct:modified>"
                    + "<dcat:contactPoint rdf:parseType=\"Resource\"><foaf:name>Desk \(index)</foaf:name></dcat:contactPoint>"
                    + "<dcat:distribution><dcat:Distribution rdf:about=\"\(base)\(index)/csv\">"
                    + "<dcat:accessURL rdf:resource=\"https://files.example/\(index).csv\"/></dcat:Distribution></dcat:distribution>"
                    + "</dcat:Dataset>\n"
            }
            return text + "</rdf:RDF>\n"
        case .jsonld:
            var nodes: [String] = []
            for index in 0..<count {
                nodes.append("{\"@id\": \"\(base)\(index)\", \"@type\": \"dcat:Dataset\", \"dct:identifier\": \"d\(index)\", "
                    + "\"dct:title\": {\"@value\": \"Dataset \(index)\", \"@language\": \"en\"}, "
                    + "\"dct:modified\": {\"@value\": \"2024-01-02\", \"@type\": \"xsd:date\"}, "
                    + "\"dcat:contactPoint\": {\"foaf:name\": \"Desk \(index)\"}, "
                    + "\"dcat:distribution\": {\"@id\": \"\(base)\(index)/csv\", \"@type\": \"dcat:Distribution\", "
                    + "\"dcat:accessURL\": {\"@id\": \"https://files.example/\(index).csv\"}}}")
            }
            return "{\"@context\": {\"dcat\": \"http://www.w3.org/ns/dcat#\", \"dct\": \"http://purl.org/dc/terms/\", "
                + "\"foaf\": \"http://xmlns.com/foaf/0.1/\", \"xsd\": \"http://www.w3.org/2001/XMLSchema#\"},\n\"@graph\": [\n"
                + nodes.joined(separator: ",\n") + "\n]}\n"
        default:
            var text = "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . "
                + "@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            for index in 0..<count {
                text += "<\(base)\(index)> a dcat:Dataset ; dct:identifier \"d\(index)\" ; dct:title \"Dataset \(index)\"@en ; "
                    + "dct:modified \"2024-01-02\"^^xsd:date ; dcat:contactPoint [ foaf:name \"Desk \(index)\" ] ; "
                    + "dcat:distribution <\(base)\(index)/csv> .\n"
                    + "<\(base)\(index)/csv> a dcat:Distribution ; dcat:accessURL <https://files.example/\(index).csv> .\n"
            }
            guard syntax == .ntriples else { return text }
            var ntriples: [UInt8] = []
            _ = TurtleReader.read(Array(text.utf8), baseIRI: "https://dump.example/", blankScope: "t") { NTriplesWriter.append($0, to: &ntriples) }
            return String(decoding: ntriples, as: UTF8.self)
        }
    }

    /// Triples survive a trip through batches as they leave the parsing thread: runs of one subject, a subject
    /// again after a batch is taken, literals with a language or a datatype, names first seen in a later batch.
    @Test func triplesCrossBetweenThreadsInBatchesUnchanged() {
        var triples: [RDFTriple] = []
        for index in 0..<10_000 {
            let subject: RDFTerm = index % 7 == 0 ? .blank("b\(index / 3)") : .iri("https://t.example/s/\(index / 3)")
            let object: RDFTerm
            switch index % 4 {
            case 0: object = .iri("https://t.example/o/\(index)")
            case 1: object = .literal("text \(index) é", datatype: nil, language: index % 8 == 1 ? "en" : "de-\(index / 2_000)")
            case 2: object = .literal("\(index)", datatype: "http://www.w3.org/2001/XMLSchema#integer", language: nil)
            default: object = index % 3 == 0 ? .blank("x\(index)") : .literal("", datatype: nil, language: nil)
            }
            triples.append(RDFTriple(subject, "https://t.example/p/\(index % 13 + index / 3_000)", object))
        }
        var batcher = DCATTripleBatcher()
        var batches: [DCATTripleBatch] = []
        for (index, triple) in triples.enumerated() {
            // Half through the triple path, half as bytes, as the two kinds of readers hand them.
            let full = index % 2 == 0 ? batcher.add(triple)
                : RDFTermBytes.with(triple.subject) { subject in RDFTermBytes.with(triple.object) { batcher.add(subject, triple.predicate, $0) } }
            if full { batches.append(batcher.take()) }
        }
        if !batcher.isEmpty { batches.append(batcher.take()) }
        #expect(batches.count == 3)
        var names: [String] = []
        var back: [RDFTriple] = []
        for batch in batches { batch.replay(names: &names) { back.append(RDFTriple($0.term, $1, $2.term)) } }
        #expect(back.count == triples.count)
        let differing = back.indices.first { back[$0] != triples[$0] }
        #expect(differing == nil, "triple \(differing ?? -1): \(differing.map { "\(back[$0]) instead of \(triples[$0])" } ?? "")")
    }
}
