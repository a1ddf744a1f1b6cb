import Testing
@testable import FeedParsing

@Suite("TriG, N-Triples and N-Quads through serd")
struct SerdTriGAndLinesTests {
    @Test("TriG graph blocks of every form are merged into one graph")
    func trigGraphs() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:g1 { ex:a ex:p "1" . ex:b ex:p "2" }
            GRAPH <http://ex.org/g2> { ex:c ex:p "3" . }
            { ex:d ex:p "4" }
            _:g { ex:e ex:p [ ex:q "5" ] }
            ex:f ex:p "6" .
            """, .trig)
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(triples.compactMap(\.object.lexical) == ["1", "2", "3", "4", "5", "6"])
    }

    @Test("a Turtle document with a graph block is read as TriG, without a problem")
    func trigInTurtle() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:a ex:p "1" .
            <urn:test:pipe> {
                ex:b ex:p "2" .
                ex:c ex:p "3"
            }
            """, .turtle)
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(triples.count == 3)
    }

    @Test("a bad statement inside a graph block costs only that statement")
    func trigRecovery() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:g {
              ex:a ex:p "1" .
              ex:b ex:p oops .
              ex:c ex:p "3"
            }
            """, .trig)
        #expect(report.problems.map(\.line) == [4])
        #expect(report.fatal == nil)
        #expect(triples.compactMap(\.object.lexical) == ["1", "3"])
    }

    @Test("a graph block left open is fatal, its statements are kept")
    func trigUnclosed() {
        let (triples, report) = serdRead("<http://ex.org/g> {\n  <http://ex.org/a> <http://ex.org/p> \"1\" .\n", .trig)
        #expect(triples.count == 1)
        #expect(report.fatal?.line == 1)
        #expect(report.fatal?.column == 19)
    }

    @Test("N-Triples: a bad line is reported with its line and skipped")
    func ntriples() {
        let (triples, report) = serdRead("""
            <http://ex.org/a> <http://ex.org/p> "1" .
            <http://ex.org/a> <http://ex.org/p> "2\\q" .
            # a comment
            _:b0 <http://ex.org/p> "3"@en .
            <http://ex.org/a> <http://ex.org/p> <relative> .
            <http://ex.org/a> <http://ex.org/p> "4"^^<http://www.w3.org/2001/XMLSchema#integer> .

            """, .ntriples, scope: "s")
        #expect(report.fatal == nil)
        #expect(report.problems.map(\.line) == [2, 5])
        #expect(report.problems.allSatisfy { $0.message.hasSuffix("; the line was skipped") })
        #expect(triples.count == 3)
        #expect(triples[1].subject == .blank("sb0"))
        #expect(triples[1].object == .literal("3", datatype: nil, language: "en"))
    }

    @Test("N-Triples cut in its last line: fatal, the lines before are kept")
    func ntriplesTruncated() {
        let (triples, report) = serdRead("<http://ex.org/a> <http://ex.org/p> \"1\" .\n<http://ex.org/a> <http://ex.org/p> \"tr", .ntriples)
        #expect(triples.count == 1)
        #expect(report.problems.isEmpty)
        #expect(report.fatal?.line == 2)
        #expect(report.fatal?.message.hasSuffix("the document ends there") == true)
    }

    @Test("N-Triples without a final line break is complete")
    func ntriplesNoFinalNewline() {
        let (triples, report) = serdRead("<http://ex.org/a> <http://ex.org/p> \"1\" .", .ntriples)
        #expect(triples.count == 1)
        #expect(report.allProblems.isEmpty)
    }

    @Test("N-Quads: graph labels are dropped")
    func nquads() {
        let (triples, report) = serdRead("""
            <http://ex.org/a> <http://ex.org/p> "1" <http://ex.org/g> .
            <http://ex.org/a> <http://ex.org/p> "2" .
            <http://ex.org/a> <http://ex.org/p> "3" _:g .
            """, .nquads)
        #expect(report.allProblems.isEmpty)
        #expect(triples.compactMap(\.object.lexical) == ["1", "2", "3"])
    }

    @Test("the RDFSyntaxReader types read their syntax")
    func readerTypes() {
        let turtle = Array("<http://ex.org/a> <http://ex.org/p> \"1\" .\n".utf8)
        let readers: [any RDFSyntaxReader.Type] = [TurtleReader.self, TriGReader.self, NTriplesReader.self,
                                                   NQuadsReader.self]
        for reader in readers {
            var count = 0
            let report = reader.read(turtle, baseIRI: "", blankScope: "") { _ in count += 1 }
            #expect(count == 1)
            #expect(report.allProblems.isEmpty)
        }
    }

    @Test("RDF/XML and JSON-LD are refused with a fatal problem")
    func unsupported() {
        let report = SerdRDFReader.read([], syntax: .rdfxml, baseIRI: "", blankScope: "") { _ in }
        #expect(report.fatal != nil)
    }

    @Test("empty documents give nothing and no problem")
    func empty() {
        for syntax in [RDFSyntax.turtle, .trig, .ntriples, .nquads] {
            let (triples, report) = serdRead("", syntax)
            #expect(triples.isEmpty)
            #expect(report.allProblems.isEmpty)
            let (more, other) = serdRead("  # only a comment\n\n", syntax)
            #expect(more.isEmpty)
            #expect(other.allProblems.isEmpty)
        }
    }
}
