import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// JSON-LD read from a file a node of `@graph` at a time gives the triples of the whole document read at once.
@Suite struct JSONLDFileTests {
    static func bothWays(path: String, baseIRI: String) throws -> (whole: [RDFTriple], wholeReport: RDFReadReport,
                                                                  file: [RDFTriple], fileReport: RDFReadReport) {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var whole: [RDFTriple] = [], file: [RDFTriple] = []
        let wholeReport = JSONLDReader.read(bytes, baseIRI: baseIRI, blankScope: "c.") { whole.append($0) }
        let fileReport = JSONLDReader.readFile(path: path, baseIRI: baseIRI, blankScope: "c.") { file.append($0) }
        return (whole, wholeReport, file, fileReport)
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-jsonld-\(UUID().uuidString).jsonld").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func everyCorpusJSONLDFileGivesTheTriplesOfTheWholeRead() throws {
        guard let directory = Corpus.directory else {
            print(Corpus.missingMessage)
            return
        }
        let files = Corpus.files(under: "dcat_jsonld", endingIn: [".jsonld", ".json"])
            + Corpus.files(under: "datajson", endingIn: [".json"]) + Corpus.files(under: "bad", endingIn: [".jsonld"])
        #expect(files.count > 20)
        for file in files {
            let read = try Self.bothWays(path: directory.appendingPathComponent(file).path, baseIRI: "https://corpus.example/" + file)
            #expect(read.file == read.whole, "\(file)")
            #expect(read.fileReport.triples == read.wholeReport.triples, "\(file)")
            #expect(read.fileReport.problems.map(\.message) == read.wholeReport.problems.map(\.message), "\(file)")
            #expect((read.fileReport.fatal == nil) == (read.wholeReport.fatal == nil), "\(file)")
        }
    }

    @Test func shapesThatCannotBeStreamedAreReadWhole() throws {
        let context = #""@context": {"dct": "http://purl.org/dc/terms/", "title": "dct:title"}"#
        let graph = #""@graph": [{"@id": "http://x/a", "title": "A"}, {"@id": "http://x/b", "title": "B"}]"#
        for text in ["{\(context), \(graph)}", "{\(graph), \(context)}", "{\(context), \"@id\": \"http://x/g\", \(graph)}",
                     "{\(context), \(graph), \"@id\": \"http://x/g\", \"title\": \"G\"}", "[{\(context), \"@id\": \"http://x/a\", \"title\": \"A\"}]"] {
            let path = try Self.temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let read = try Self.bothWays(path: path, baseIRI: "http://x/")
            #expect(Set(read.file) == Set(read.whole), "\(text)")
            #expect(read.file.count == read.whole.count && read.whole.count >= 1, "\(text)")
            #expect(read.fileReport.fatal == nil)
        }
    }

    @Test func aBrokenNodeEndsTheReadWithItsLineAndKeepsTheNodesBefore() throws {
        let text = "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\"},\n \"@graph\": [\n  {\"@id\": \"http://x/a\", \"dct:title\": \"A\"},\n  {\"@id\": \"http://x/b\", \"dct:title\": tru}]}"
        let path = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var triples: [RDFTriple] = []
        let report = JSONLDReader.readFile(path: path, baseIRI: "http://x/", blankScope: "c.") { triples.append($0) }
        #expect(triples.map(\.subject) == [.iri("http://x/a")])
        let fatal = try #require(report.fatal)
        #expect((fatal.line, fatal.column) == (4, 38))
        #expect(fatal.message.contains("not valid JSON"))
    }
}
