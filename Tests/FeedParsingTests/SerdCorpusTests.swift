import Foundation
import Testing
import TestSupport
@testable import FeedParsing

/// Reads a corpus file with the serd reader.
func serdReadCorpus(_ relative: String, _ syntax: RDFSyntax) throws -> ([RDFTriple], RDFReadReport) {
    let bytes = try Corpus.bytes(relative)
    var triples: [RDFTriple] = []
    let report = SerdRDFReader.read(bytes, syntax: syntax, baseIRI: "https://corpus.example/\(relative)",
                                    blankScope: "c.") { triples.append($0) }
    return (triples, report)
}

@Suite("serd on the shared corpus")
struct SerdCorpusTests {
    @Test("every DCAT Turtle and N-Triples file reads without a problem")
    func cleanCorpus() throws {
        let files = Corpus.files(under: "dcat_turtle", endingIn: [".ttl", ".nt"])
        guard !files.isEmpty else {
            print(Corpus.missingMessage)
            return
        }
        for file in files {
            let (triples, report) = try serdReadCorpus(file, file.hasSuffix(".nt") ? .ntriples : .turtle)
            #expect(report.allProblems.isEmpty, "\(file): \(report.allProblems)")
            #expect(!triples.isEmpty, "\(file) gave no triples")
            #expect(report.triples == triples.count)
        }
    }

}

/// Triple counts against the `serdi` command line tool (Debian package `serdi`), when it is installed.
@Suite("serd reader against serdi")
struct SerdiCrossCheckTests {
    static let serdi = ["/usr/bin/serdi", "/usr/local/bin/serdi"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// How many lines `serdi -i syntax -o ntriples` writes for the file.
    func serdiCount(_ path: String, _ syntax: String) throws -> Int {
        let data = try ExternalTool.output(Self.serdi!, ["-i", syntax, "-o", "ntriples", path])
        return data.filter { $0 == 0x0A }.count
    }

    @Test("every clean corpus file gives as many triples as serdi", .enabled(if: serdi != nil, "serdi is not installed"))
    func counts() throws {
        guard let directory = Corpus.directory else {
            print(Corpus.missingMessage)
            return
        }
        for file in Corpus.files(under: "dcat_turtle", endingIn: [".ttl", ".nt"]) {
            let syntax: RDFSyntax = file.hasSuffix(".nt") ? .ntriples : .turtle
            let (triples, _) = try serdReadCorpus(file, syntax)
            let expected = try serdiCount(directory.appendingPathComponent(file).path, syntax.rawValue)
            #expect(triples.count == expected, "\(file)")
        }
    }
}
