import Foundation
import Testing
import TestSupport
@testable import FeedParsing

@Suite("serd reading files")
struct SerdReadFileTests {
    /// Writes `bytes` to a temporary file, runs `body` with its path, removes it.
    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serd-\(UUID().uuidString).rdf")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    func fromFile(_ path: String, _ syntax: RDFSyntax, window: Int) -> ([RDFTriple], RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = SerdRDFReader.readFile(path: path, syntax: syntax, baseIRI: "https://example.org/doc",
                                            blankScope: "f.", windowSize: window) { triples.append($0) }
        return (triples, report)
    }

    func fromMemory(_ bytes: [UInt8], _ syntax: RDFSyntax) -> ([RDFTriple], RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = SerdRDFReader.read(bytes, syntax: syntax, baseIRI: "https://example.org/doc",
                                        blankScope: "f.") { triples.append($0) }
        return (triples, report)
    }

    static let messy = """
        \u{FEFF}@prefix ex: <http://ex.org/> .
        @prefix edp: <https://europeandataportal.eu/voc#>
        # a comment { with } "quotes"
        ex:a ex:p "1" ; ex:q \"\"\"long . string
        over lines\"\"\" ; undeclared:x "gone" ; ex:r [ ex:s ( 1 2.5 ) ] .
        ex:b ex:p "2" bad ex:q "x" .
        PREFIX dct: <http://purl.org/dc/terms/>
        <urn:g> { ex:c dct:title "3"@en . ex:d edp:y <rel/ative> }
        ex:e ex:p "4" ;
            ex:bad "a"^^<<x> ;
            ex:t "5" .
        ex:f ex:p "cut
        """

    @Test("a file read in windows of any size gives what reading it in memory gives")
    func windows() throws {
        let bytes = Array(Self.messy.utf8)
        let (expected, expectedReport) = fromMemory(bytes, .turtle)
        #expect(expectedReport.problems.count == 4, "\(expectedReport.problems)")
        #expect(expectedReport.fatal != nil)
        try withFile(bytes) { path in
            for window in [1, 2, 3, 5, 8, 13, 64, 1000, 1 << 22] {
                let (triples, report) = fromFile(path, .turtle, window: window)
                #expect(triples == expected, "window \(window)")
                #expect(report == expectedReport, "window \(window)")
            }
        }
    }

    @Test("corpus files read from disk give the same triples as from memory")
    func corpusFiles() throws {
        let files = Corpus.files(under: "dcat_turtle", endingIn: [".ttl", ".nt"])
            + Corpus.files(under: "bad", endingIn: [".ttl"])
        guard let directory = Corpus.directory, !files.isEmpty else {
            print(Corpus.missingMessage)
            return
        }
        for file in files {
            let syntax: RDFSyntax = file.hasSuffix(".nt") ? .ntriples : .turtle
            let (expected, expectedReport) = fromMemory(try Corpus.bytes(file), syntax)
            for window in [97, 4096] {
                let (triples, report) = fromFile(directory.appendingPathComponent(file).path, syntax, window: window)
                #expect(triples == expected, "\(file) window \(window)")
                #expect(report == expectedReport, "\(file) window \(window)")
            }
        }
    }

    @Test("N-Triples files stream through serd with the same result as in memory")
    func ntriplesFile() throws {
        let text = "<http://ex.org/a> <http://ex.org/p> \"1\" .\nbroken line\n_:x <http://ex.org/p> \"2\" .\n<http://ex.org/a> <http://ex.org/p> \"cu"
        let bytes = Array(text.utf8)
        let (expected, expectedReport) = fromMemory(bytes, .ntriples)
        #expect(expected.count == 2)
        #expect(expectedReport.problems.map(\.line) == [2])
        #expect(expectedReport.fatal?.line == 4)
        try withFile(bytes) { path in
            let (triples, report) = fromFile(path, .ntriples, window: 0)
            #expect(triples == expected)
            #expect(report == expectedReport)
        }
    }

    /// Reads the file with the byte sink, turning each statement back into an `RDFTriple`.
    func asBytes(_ path: String, _ syntax: RDFSyntax) -> ([RDFTriple], RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = SerdRDFReader.readFile(path: path, syntax: syntax, baseIRI: "https://example.org/doc",
                                            blankScope: "f.", bytes: { triples.append(RDFTriple($0.term, $1, $2.term)) })
        return (triples, report)
    }

    /// Terms serd gives in ASCII reach the byte sink as serd's own bytes, the others through a `String`; either way
    /// the statements, problems and report are those of the `RDFTriple` sink.
    @Test("the byte sink gives what the triple sink gives")
    func byteSink() throws {
        let extra = """
            @base <https://base.example/dir/> .
            @prefix ex: <http://ex.org/> .
            <rel> ex:p "Flüsse"@de , "plain" , "7"^^<http://www.w3.org/2001/XMLSchema#integer> , ex:o , <../up> .
            _:b1 ex:p [ ex:q "\\u00e9t\\u00e9" ] ; undeclared:p "skipped" .
            <http://ex.org/ünï> ex:p "bad \u{FFFD}" .
            """
        var documents: [(name: String, bytes: [UInt8], syntax: RDFSyntax)] = [
            ("messy", Array(Self.messy.utf8), .turtle), ("extra", Array(extra.utf8), .turtle),
            ("invalid UTF-8", Array("<http://ex.org/a> <http://ex.org/p> \"x".utf8) + [0xC3, 0x28, 0xFF] + Array("y\" .\n".utf8), .ntriples),
        ]
        for file in Corpus.files(under: "dcat_turtle", endingIn: [".ttl", ".nt"]) + Corpus.files(under: "bad", endingIn: [".ttl"]) {
            documents.append((file, try Corpus.bytes(file), file.hasSuffix(".nt") ? .ntriples : .turtle))
        }
        for document in documents {
            try withFile(document.bytes) { path in
                let (expected, expectedReport) = fromFile(path, document.syntax, window: 1 << 22)
                let (triples, report) = asBytes(path, document.syntax)
                #expect(!expected.isEmpty, "\(document.name)")
                #expect(triples == expected, "\(document.name)")
                #expect(report == expectedReport, "\(document.name)")
            }
        }
    }

    @Test("a directory cannot be read: fatal", arguments: [RDFSyntax.turtle, .ntriples])
    func directory(syntax: RDFSyntax) {
        let report = SerdRDFReader.readFile(path: FileManager.default.temporaryDirectory.path, syntax: syntax,
                                            baseIRI: "", blankScope: "") { _ in }
        #expect(report.fatal?.message.contains("reading the file failed") == true)
    }

    @Test("a missing file is a fatal problem naming it")
    func missingFile() {
        let report = SerdRDFReader.readFile(path: "/nonexistent/serd-test.ttl", syntax: .turtle, baseIRI: "",
                                            blankScope: "") { _ in }
        #expect(report.fatal?.message.contains("/nonexistent/serd-test.ttl") == true)
    }
}
