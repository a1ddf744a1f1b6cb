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

    @Test("a report lists 1000 problems and counts the rest")
    func problemLimit() {
        let text = String(repeating: "<http://ex.org/a> <http://ex.org/p> bad .\n", count: 1500)
            + "<http://ex.org/a> <http://ex.org/p> \"ok\" .\n"
        for syntax in [RDFSyntax.ntriples, .turtle] {
            let (triples, report) = serdRead(text, syntax)
            #expect(triples.count == 1)
            #expect(report.problems.count == 1001)
            #expect(report.problems.last?.message == "500 further problems were found but not listed")
            #expect(report.problems[999].line == 1000)
        }
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

/// serd 0.30.16 steps past the end of its input when a text ends inside an IRI and, in lax mode, then reads its page
/// buffer round and round forever. These inputs must finish, with nothing invented from stale memory.
@Suite("serd at the end of its input")
struct SerdEndOfInputTests {
    @Test("an IRI cut by the end of the document", arguments: [RDFSyntax.turtle, .trig, .ntriples, .nquads])
    func iriCutAtEnd(syntax: RDFSyntax) {
        let text = "<http://ex.org/a> <http://ex.org/p> \"1\" .\n<http://ex.org/a> <http://ex.org/p> <http://ex.org/tr"
        let (triples, report) = serdRead(text, syntax)
        #expect(triples.count == 1)
        #expect(report.fatal?.line == 2)
        #expect(report.fatal?.message.contains("IRI") == true)
    }

    @Test("an IRI cut at the end, with a line break after it", arguments: [RDFSyntax.turtle, .ntriples])
    func iriCutBeforeNewline(syntax: RDFSyntax) {
        let (triples, report) = serdRead("<http://ex.org/a> <http://ex.org/p> \"1\" .\n<http://ex.org/a> <http://ex.org/p> <http://ex.org/tr\n", syntax)
        #expect(triples.count == 1)
        #expect(report.fatal != nil)
    }

    @Test("an IRI without `>` in the middle of a Turtle document costs its statement")
    func iriUnclosedInside() {
        let (triples, report) = serdRead("""
            <http://ex.org/a> <http://ex.org/p> <http://ex.org/broken .
            <http://ex.org/b> <http://ex.org/p> "2" .
            <http://ex.org/c> <http://ex.org/p> "3" .
            """)
        #expect(report.fatal == nil)
        #expect(triples.contains { $0.object.lexical == "3" })
        #expect(!report.problems.isEmpty)
    }

    @Test("a prefix or base directive cut inside its IRI")
    func directiveCut() {
        for text in ["@prefix a: <http://x", "BASE <http://x", "PREFIX a: <http://x"] {
            let (triples, report) = serdRead(text)
            #expect(triples.isEmpty)
            #expect(report.fatal != nil, "\(text)")
        }
    }

    @Test("long strings and escapes cut at the end")
    func otherCuts() {
        for text in ["<a> <b> \"\"\"abc", "<a> <b> \"\"\"abc\"", "<a> <b> \"\"\"abc\"\"", "<a> <b> \"abc\\", "<a> <b> \"x\"^^<http://a",
                     "<a> <b> ex:a%2", "<a> <b> [ ", "<a> <b> ( 1", "<a> <b> \"x\"@", "_:"] {
            let (_, report) = serdRead(text)
            #expect(report.fatal != nil, "\(text)")
        }
    }

    @Test("random bytes finish in both modes (fixed seed)")
    func randomBytes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for size in [1, 100, 4095, 4096, 4097, 70_000, 300_000] {
            let bytes = (0..<size).map { _ in next() }
            for syntax in [RDFSyntax.turtle, .ntriples] {
                _ = SerdRDFReader.read(bytes, syntax: syntax, baseIRI: "", blankScope: "") { _ in }
            }
        }
    }
}
