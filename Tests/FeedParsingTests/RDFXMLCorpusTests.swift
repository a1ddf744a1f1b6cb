import FeedParsing
import Foundation
import TestSupport
import Testing

enum RDFXMLCorpus {
    static let base = "http://base.example/doc"

    /// Every file of dcat_rdfxml/.
    static let documents: [String] = Corpus.files(under: "dcat_rdfxml", endingIn: [".rdf", ".xml"])

    /// CSW responses that carry RDF/XML (`rdf:RDF` elements inside the response).
    static let embedded: [String] = Corpus.files(under: "csw", endingIn: [".xml"]).filter { file in
        guard let bytes = try? Corpus.bytes(file) else { return false }
        return String(decoding: bytes, as: UTF8.self).contains("<rdf:RDF")
    }

    static func path(_ file: String) -> String { Corpus.directory!.appendingPathComponent(file).path }

    /// rapper (raptor2-utils), when installed.
    static let rapper: String? = ["/usr/bin/rapper", "/usr/local/bin/rapper"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// rapper's N-Triples for `file`, escapes decoded and language tags in lower case (raptor
    /// lower-cases them; fedcat keeps them as written).
    static func rapperTriples(_ file: String, scan: Bool) throws -> [String] {
        let data = try ExternalTool.output(rapper!, ["-q", "-i", "rdfxml"] + (scan ? ["-f", "scanForRDF"] : []) + ["-o", "ntriples", path(file), base])
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            var text = decodeEscapes(String(line))
            if text.hasSuffix(" .") { text.removeLast(2) }
            return lowerCaseLanguage(text)
        }
    }

    static func ours(_ file: String, scan: Bool) throws -> (triples: [String], report: RDFReadReport) {
        var options = RDFXMLReader.Options()
        options.scanForRDF = scan
        var triples: [String] = []
        let report = RDFXMLReader.read(try Corpus.bytes(file), baseIRI: base, blankScope: "", options: options) {
            triples.append(lowerCaseLanguage(ntriple($0)))
        }
        return (triples, report)
    }

    /// `\uXXXX` and `\UXXXXXXXX` turned back into characters.
    static func decodeEscapes(_ line: String) -> String {
        guard line.contains("\\u") || line.contains("\\U") else { return line }
        var out = ""
        var scalars = Array(line.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", let marker = scalars.first {
                if marker == "\\" {
                    out += "\\\\"
                    scalars.removeFirst()
                    continue
                }
                let width = marker == "u" ? 4 : marker == "U" ? 8 : 0
                if width > 0, scalars.count > width, let value = UInt32(String(String.UnicodeScalarView(scalars.dropFirst().prefix(width))), radix: 16),
                   let decoded = Unicode.Scalar(value) {
                    out.unicodeScalars.append(decoded)
                    scalars.removeFirst(width + 1)
                    continue
                }
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func lowerCaseLanguage(_ line: String) -> String {
        guard let at = line.range(of: "\"@", options: .backwards) else { return line }
        return String(line[..<at.upperBound]) + line[at.upperBound...].lowercased()
    }

    /// Triples with every blank label erased: equal multisets for isomorphic graphs (a necessary condition).
    static func shapes(_ triples: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for triple in triples {
            let shape = triple.replacing(/_:[A-Za-z0-9._-]+/, with: "_:")
            counts[shape, default: 0] += 1
        }
        return counts
    }
}

@Suite("RDF/XML corpus", .enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
struct RDFXMLCorpusTests {
    @Test("every dcat_rdfxml document reads without a problem")
    func documents() throws {
        #expect(RDFXMLCorpus.documents.count >= 20)
        for file in RDFXMLCorpus.documents {
            let (triples, report) = try RDFXMLCorpus.ours(file, scan: false)
            #expect(report.problems.isEmpty, "\(file): \(report.problems)")
            #expect(report.fatal == nil, "\(file): \(String(describing: report.fatal))")
            #expect(triples.count == report.triples)
            #expect(triples.count >= 40, "\(file): \(triples.count) triples")
        }
    }

    @Test("readFile gives the same triples as read")
    func files() throws {
        for file in RDFXMLCorpus.documents {
            var fromFile: [RDFTriple] = []
            let report = RDFXMLReader.readFile(path: RDFXMLCorpus.path(file), baseIRI: RDFXMLCorpus.base, blankScope: "s:") {
                fromFile.append($0)
            }
            var fromBytes: [RDFTriple] = []
            _ = RDFXMLReader.read(try Corpus.bytes(file), baseIRI: RDFXMLCorpus.base, blankScope: "s:") { fromBytes.append($0) }
            #expect(report.problems.isEmpty && report.fatal == nil, "\(file)")
            #expect(fromFile == fromBytes, "\(file)")
        }
    }

    @Test("the RDF/XML inside CSW responses reads without a problem with scanForRDF")
    func embedded() throws {
        #expect(RDFXMLCorpus.embedded.count >= 3)
        for file in RDFXMLCorpus.embedded {
            let (triples, report) = try RDFXMLCorpus.ours(file, scan: true)
            #expect(report.problems.isEmpty && report.fatal == nil, "\(file): \(report.allProblems)")
            #expect(!triples.isEmpty, "\(file)")
        }
    }

    @Test("the triples equal rapper's (counts, triples without blank nodes, shapes with blank nodes)",
          .enabled(if: RDFXMLCorpus.rapper != nil, "rapper (raptor2-utils) is not installed"))
    func sameAsRapper() throws {
        let cases = RDFXMLCorpus.documents.map { ($0, false) } + RDFXMLCorpus.embedded.map { ($0, true) }
        for (file, scan) in cases {
            let theirs = try RDFXMLCorpus.rapperTriples(file, scan: scan)
            let ours = try RDFXMLCorpus.ours(file, scan: scan).triples
            #expect(theirs.count == ours.count, "\(file): rapper \(theirs.count), fedcat \(ours.count)")
            let groundTheirs = Set(theirs.filter { !$0.contains("_:") })
            let groundOurs = Set(ours.filter { !$0.contains("_:") })
            #expect(groundTheirs == groundOurs,
                    "\(file): only rapper \(groundTheirs.subtracting(groundOurs).prefix(3)), only fedcat \(groundOurs.subtracting(groundTheirs).prefix(3))")
            #expect(RDFXMLCorpus.shapes(theirs) == RDFXMLCorpus.shapes(ours), "\(file)")
        }
    }
}
