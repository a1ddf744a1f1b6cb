import Testing
@testable import FeedParsing

@Suite("N-Triples writer")
struct NTriplesWriterTests {
    func written(_ triples: [RDFTriple]) -> String {
        String(decoding: NTriplesWriter.serialise(triples), as: UTF8.self)
    }

    func readBack(_ bytes: [UInt8]) -> ([RDFTriple], RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = NTriplesReader.read(bytes, baseIRI: "", blankScope: "") { triples.append($0) }
        return (triples, report)
    }

    static let s = RDFTerm.iri("https://data.example/ds/1")
    static let p = "http://purl.org/dc/terms/description"

    @Test("canonical form: single spaces, ` .` and a line feed per triple")
    func canonicalLayout() {
        let triples = [
            RDFTriple(Self.s, Self.p, .string("plain")),
            RDFTriple(.blank("b0"), "http://ex.org/p", .literal("Bäume", datatype: nil, language: "de-AT")),
            RDFTriple(Self.s, "http://ex.org/n", .literal("42", datatype: "http://www.w3.org/2001/XMLSchema#integer", language: nil)),
            RDFTriple(Self.s, "http://ex.org/q", .iri("http://ex.org/o")),
        ]
        #expect(written(triples) == """
            <https://data.example/ds/1> <http://purl.org/dc/terms/description> "plain" .
            _:b0 <http://ex.org/p> "Bäume"@de-AT .
            <https://data.example/ds/1> <http://ex.org/n> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <https://data.example/ds/1> <http://ex.org/q> <http://ex.org/o> .

            """)
    }

    @Test("literal escapes follow canonical N-Triples")
    func literalEscapes() {
        let text = "q\"b\\n\nr\rt\tbs\u{08}ff\u{0C}nul\u{00}bel\u{07}vt\u{0B}us\u{1F}del\u{7F}é𝄞"
        let line = written([RDFTriple(Self.s, Self.p, .string(text))])
        #expect(line == #"<https://data.example/ds/1> <http://purl.org/dc/terms/description> "q\"b\\n\nr\rt\tbs\bff\fnul\u0000bel\u0007vt\u000Bus\u001Fdel\u007Fé𝄞" ."# + "\n")
    }

    @Test("xsd:string is left out; a language wins over a datatype; a broken language tag is dropped")
    func literalForms() {
        let line = written([
            RDFTriple(Self.s, Self.p, .literal("a", datatype: "http://www.w3.org/2001/XMLSchema#string", language: nil)),
            RDFTriple(Self.s, Self.p, .literal("b", datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", language: "en")),
            RDFTriple(Self.s, Self.p, .literal("c", datatype: nil, language: "not a tag")),
        ])
        #expect(line.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 2).last! } == [#""a" ."#, #""b"@en ."#, #""c" ."#])
    }

    @Test("IRIs: forbidden characters become \\u escapes, space < > and NUL percent-encoded")
    func iriEscapes() {
        let line = written([RDFTriple(.iri("http://ex.org/a b<c>d\"e{f}g|h^i`j\\k\u{01}l\u{00}m"), "http://ex.org/p", .iri("http://ex.org/é"))])
        #expect(line == #"<http://ex.org/a%20b%3Cc%3Ed\u0022e\u007Bf\u007Dg\u007Ch\u005Ei\u0060j\u005Ck\u0001l%00m> <http://ex.org/p> <http://ex.org/é> ."# + "\n")
        let (back, report) = readBack(Array(line.utf8))
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(back.first?.subject == .iri("http://ex.org/a%20b%3Cc%3Ed\"e{f}g|h^i`j\\k\u{01}l%00m"))
    }

    @Test("blank labels: valid ones unchanged, invalid characters replaced")
    func blankLabels() {
        let line = written([
            RDFTriple(.blank("p3.b0"), "http://ex.org/p", .blank("-x")),
            RDFTriple(.blank("a/b"), "http://ex.org/p", .blank("end.")),
            RDFTriple(.blank(""), "http://ex.org/p", .blank("ünï")),
        ])
        #expect(line == """
            _:p3.b0 <http://ex.org/p> _:_u2D_x .
            _:a_u2F_b <http://ex.org/p> _:end_u2E_ .
            _:_ <http://ex.org/p> _:ünï .

            """)
        let (back, report) = readBack(Array(line.utf8))
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(back.count == 3)
    }

    @Test("tricky literals survive writing and reading back")
    func roundTrip() {
        let lexicals = [
            "", "plain", "with \"quotes\" and 'single'", "back\\slash \\n not a newline", "line\nbreak\r\nwindows",
            "tab\there", "nul\u{00}byte", "all controls: " + (1..<32).map { String(UnicodeScalar($0)!) }.joined() + "\u{7F}",
            "non-BMP 𝄞 😀 𠀋", "combining é (e\u{301})", "trailing backslash \\", "\"", "\\", "\"\"\"", "ends with quote\"",
            "Ünïcödé ÄÖÜ ß € ½", "\u{FEFF}bom", "\u{2028}line separator",
        ]
        var triples: [RDFTriple] = []
        for (index, lexical) in lexicals.enumerated() {
            triples.append(RDFTriple(.iri("https://data.example/ds/\(index)"), Self.p, .string(lexical)))
            triples.append(RDFTriple(.blank("b\(index)"), "http://ex.org/p",
                                     .literal(lexical, datatype: index % 2 == 0 ? "http://ex.org/dt" : nil,
                                              language: index % 2 == 1 ? "en-GB" : nil)))
        }
        triples.append(RDFTriple(.iri("http://ex.org/iri{with}|odd^chars`\\\"and\ttab"), "http://ex.org/p", .iri("urn:x:é𝄞")))
        let bytes = NTriplesWriter.serialise(triples)
        let (back, report) = readBack(bytes)
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(back == triples)
        // Every line is one triple: no raw line breaks escaped into the output.
        #expect(bytes.filter { $0 == 0x0A }.count == triples.count)
    }

    @Test("append builds on an existing buffer")
    func appends() {
        var bytes = Array("# header\n".utf8)
        NTriplesWriter.append(RDFTriple(Self.s, Self.p, .string("x")), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "# header\n<https://data.example/ds/1> <http://purl.org/dc/terms/description> \"x\" .\n")
    }

    @Test("Turtle read, written and read back as N-Triples gives the same triples")
    func turtleRoundTrip() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:a ex:p "x\\ty" , "z"@fr , 3.5 , [ ex:q ( 1 ex:b ) ] ; ex:r \"\"\"multi
            line "quoted" text\"\"\" .
            """, scope: "t")
        #expect(report.allProblems.isEmpty)
        let (back, backReport) = readBack(NTriplesWriter.serialise(triples))
        #expect(backReport.allProblems.isEmpty)
        #expect(back == triples)
    }
}
