import Testing
@testable import FeedParsing

/// Reads `text` and returns the triples with the report.
func serdRead(_ text: String, _ syntax: RDFSyntax = .turtle, base: String = "https://example.org/doc",
              scope: String = "") -> ([RDFTriple], RDFReadReport) {
    var triples: [RDFTriple] = []
    let report = SerdRDFReader.read(Array(text.utf8), syntax: syntax, baseIRI: base, blankScope: scope) {
        triples.append($0)
    }
    return (triples, report)
}

/// Namespaces the serd tests use.
enum SerdNS {
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dct = "http://purl.org/dc/terms/"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
}

@Suite("Turtle through serd")
struct SerdTurtleReaderTests {
    @Test("a prefix declared again expands to its new namespace (expansions are remembered per declaration)")
    func prefixDeclaredAgain() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://one.example/> .
            ex:s ex:p ex:o .
            ex:s ex:p ex:o .
            @prefix ex: <http://two.example/> .
            ex:s ex:p ex:o .
            @prefix ex: <http://one.example/> .
            ex:s ex:p "x"^^ex:type .
            """)
        #expect(report.allProblems.isEmpty)
        #expect(triples.map(\.predicate) == ["http://one.example/p", "http://one.example/p", "http://two.example/p", "http://one.example/p"])
        #expect(triples[2] == RDFTriple(.iri("http://two.example/s"), "http://two.example/p", .iri("http://two.example/o")))
        #expect(triples[3].object == .literal("x", datatype: "http://one.example/type", language: nil))
    }

    @Test("prefixed names, a, literals, numbers and booleans are expanded")
    func basics() {
        let (triples, report) = serdRead("""
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            <https://data.example/ds/1> a dcat:Dataset ;
                dct:title "Bäume"@de, "Trees"@en-GB ;
                dct:issued "2024-01-02"^^xsd:date ;
                dcat:byteSize 42, 4.5, 1e3 ;
                dct:hasPart true .
            """)
        #expect(report.problems.isEmpty)
        #expect(report.fatal == nil)
        #expect(report.triples == 8)
        let s = RDFTerm.iri("https://data.example/ds/1")
        #expect(triples[0] == RDFTriple(s, SerdNS.rdfType, .iri(SerdNS.dcat + "Dataset")))
        #expect(triples[1] == RDFTriple(s, SerdNS.dct + "title", .literal("Bäume", datatype: nil, language: "de")))
        #expect(triples[2].object == .literal("Trees", datatype: nil, language: "en-GB"))
        #expect(triples[3].object == .literal("2024-01-02", datatype: SerdNS.xsd + "date", language: nil))
        #expect(triples[4].object == .literal("42", datatype: SerdNS.xsd + "integer", language: nil))
        #expect(triples[5].object == .literal("4.5", datatype: SerdNS.xsd + "decimal", language: nil))
        #expect(triples[6].object == .literal("1e3", datatype: SerdNS.xsd + "double", language: nil))
        #expect(triples[7].object == .literal("true", datatype: SerdNS.xsd + "boolean", language: nil))
    }

    @Test("relative IRIs resolve against the document URL, then @base and BASE")
    func relativeIRIs() {
        let (triples, report) = serdRead("""
            <a> <p> <../b#frag> .
            @base <https://other.example/dir/> .
            <c> <p> <d> .
            BASE <sub/>
            PREFIX ex: <x/>
            ex:e <p> "1" .
            """, base: "https://example.org/cat/doc.ttl")
        #expect(report.allProblems.isEmpty)
        #expect(triples.map(\.subject) == [.iri("https://example.org/cat/a"), .iri("https://other.example/dir/c"),
                                           .iri("https://other.example/dir/sub/x/e")])
        #expect(triples[0].object == .iri("https://example.org/b#frag"))
        #expect(triples[0].predicate == "https://example.org/cat/p")
        #expect(triples[1].object == .iri("https://other.example/dir/d"))
    }

    @Test("blank nodes get the scope; [] and collections make fresh ones")
    func blankNodes() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            _:pub ex:name "P" .
            ex:s ex:publisher _:pub ; ex:contact [ ex:mail <mailto:a@b.c> ] ; ex:list ( 1 2 ) .
            """, scope: "d7.")
        #expect(report.allProblems.isEmpty)
        #expect(triples[0].subject == .blank("d7.pub"))
        #expect(triples[1].object == .blank("d7.pub"))
        guard case .blank(let contact) = triples[2].object else { Issue.record("no blank contact"); return }
        #expect(contact.hasPrefix("d7."))
        #expect(triples[3].subject == .blank(contact))
        #expect(triples.count == 9)  // 2 + 3 for the list head, first, rest ×2, nil
        let blanks = Set(triples.flatMap { [$0.subject, $0.object] }.compactMap { term -> String? in
            if case .blank(let label) = term { return label } else { return nil }
        })
        #expect(blanks.allSatisfy { $0.hasPrefix("d7.") })
    }

    @Test("an undeclared prefix skips only the triples using it, reported once per statement with its position")
    func undeclaredPrefix() {
        let (triples, report) = serdRead("""
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://d.example/1> dct:title "One" ;
                health:note "x" ;
                health:kind "y" ;
                dct:identifier "1" .
            <https://d.example/2> dct:title "Two" .
            """)
        #expect(report.fatal == nil)
        #expect(report.problems.count == 1)
        #expect(report.problems.first == RDFSyntaxError(line: 3, column: 5,
            message: "the prefix `health:` is not declared; the 2 triples using it were skipped"))
        #expect(triples.map(\.object.lexical) == ["One", "1", "Two"])
    }

    @Test("an undeclared prefix in a datatype skips that triple")
    func undeclaredDatatypePrefix() {
        let (triples, report) = serdRead("""
            <https://d.example/1> <http://purl.org/dc/terms/issued> "2024"^^xs:gYear ; <http://purl.org/dc/terms/title> "T" .
            """)
        #expect(report.problems.map(\.line) == [1])
        #expect(report.problems.first?.column == 65)
        #expect(triples.count == 1)
    }

    @Test("a bad statement is skipped from the error on and the next statement is read")
    func skipsBadStatement() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:a ex:p "1" .
            ex:b ex:p "2" ex:q "3" .
            ex:c ex:p "4" .
            """)
        #expect(report.fatal == nil)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 3)
        #expect(report.problems.first?.message.contains("rest of the statement was skipped") == true)
        #expect(triples.map(\.object.lexical) == ["1", "2", "4"])
    }

    @Test("after an error reading resumes at the statement's next `;` with the same subject")
    func resumesAfterSemicolon() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            ex:a ex:p "1" ;
                ex:bad "2"^^<<http://www.w3.org/2001/XMLSchema#string> ;
                ex:q [ ex:r "3" ; ex:s "4" ] ;
                ex:t "5" .
            ex:b ex:p "6" .
            """)
        #expect(report.fatal == nil)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 3)
        #expect(report.problems.first?.message.contains("resumed after the `;` on line 3") == true)
        #expect(triples.compactMap(\.object.lexical) == ["1", "3", "4", "5", "6"])
        #expect(triples.filter { $0.subject == .iri("http://ex.org/a") }.count == 3)
    }

    @Test("an @prefix without its `.` still declares the prefix and costs nothing else")
    func prefixWithoutDot() {
        let (triples, report) = serdRead("""
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix edp: <https://europeandataportal.eu/voc#>
            <https://d.example/1> dct:title "One" ; edp:x "y" .
            """)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 2)
        #expect(report.problems.first?.message.contains("applied all the same") == true)
        #expect(triples.count == 2)
        #expect(triples[1].predicate == "https://europeandataportal.eu/voc#x")
    }

    @Test("a stray line before the prefixes is one problem, the prefixes after it still count")
    func strayFirstLine() {
        let (triples, report) = serdRead("""
            Stand: 22.02.2024 16:12
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://d.example/1> dct:title "One" .
            """)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 1)
        #expect(triples.count == 1)
    }

    @Test("a document cut inside a statement keeps the triples before and sets fatal")
    func truncated() {
        let (triples, report) = serdRead("""
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://d.example/1> dct:title "One" .
            <https://d.example/2> dct:title "Two" ;
                dct:publisher [ dct:title "P" ] ;
            """)
        #expect(report.problems.isEmpty)
        #expect(report.fatal?.line == 4)
        #expect(report.fatal?.message.contains("document ends") == true)
        #expect(triples.count == 4)
    }

    @Test("an unterminated string at the end is fatal")
    func unterminatedLongString() {
        let (triples, report) = serdRead("<https://d.example/1> <http://p.example/t> \"ok\" .\n<https://d.example/1> <http://p.example/d> \"\"\"never closed\n")
        #expect(triples.count == 1)
        #expect(report.fatal != nil)
    }

    @Test("IRIs with a space are kept as written and reported")
    func laxIRI() {
        let (triples, report) = serdRead("<https://d.example/1> <http://www.w3.org/ns/dcat#accessURL> <http://files.example/my file.csv> .\n")
        #expect(triples.first?.object == .iri("http://files.example/my file.csv"))
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.message.contains("kept as written") == true)
    }

    @Test("an IRI with `{` is refused and its statement skipped")
    func badIRI() {
        let (triples, report) = serdRead("<https://d.example/1> <http://p.example/x> <http://a.example/{x}> .\n<https://d.example/2> <http://p.example/x> \"ok\" .\n")
        #expect(triples.count == 1)
        #expect(report.problems.first?.line == 1)
        #expect(report.problems.first?.message.contains("`{`") == true)
    }

    @Test("invalid UTF-8 and NUL bytes become U+FFFD with a problem")
    func brokenBytes() {
        var bytes = Array("<https://d.example/1> <http://p.example/t> \"a".utf8)
        bytes += [0xC3, 0x28, 0x00]
        bytes += Array("b\" .\n".utf8)
        var triples: [RDFTriple] = []
        let report = SerdRDFReader.read(bytes, syntax: .turtle, baseIRI: "", blankScope: "") { triples.append($0) }
        #expect(triples.count == 1)
        #expect(triples.first?.object.lexical?.contains("\u{FFFD}") == true)
        #expect(report.problems.count >= 1)
        #expect(report.fatal == nil)
    }

    @Test("comments, strings and escapes with dots and braces do not split statements")
    func scannerEdges() {
        let (triples, report) = serdRead(#"""
            @prefix ex: <http://ex.org/> . # a comment with . and { and "
            ex:a.b ex:p "x. y { }" , 'single . quote' , """long
            string . with "quotes" and }""" , ex:c\.d , 1.5 , .5 , <http://ex.org/a.b> .
            ex:e ex:p ex:f.
            ex:g ex:p "done"@en.
            """#)
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(triples.count == 9)
        #expect(triples[0].subject == .iri("http://ex.org/a.b"))
        #expect(triples[2].object.lexical == "long\nstring . with \"quotes\" and }")
        #expect(triples[3].object == .iri("http://ex.org/c.d"))
        #expect(triples[7].object == .iri("http://ex.org/f"))
    }

    @Test("a Windows byte order mark and CRLF line ends are fine")
    func bomAndCRLF() {
        let text = "\u{FEFF}@prefix ex: <http://ex.org/> .\r\nex:a ex:p \"1\" .\r\n"
        let (triples, report) = serdRead(text)
        #expect(report.allProblems.isEmpty)
        #expect(triples.count == 1)
    }

    @Test("line and column of a syntax error point at the line in the document")
    func errorPosition() {
        let (_, report) = serdRead("""
            @prefix ex: <http://ex.org/> .

            ex:a ex:p "1" ;
                ex:q bad .
            """)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.line == 4)
        #expect(report.problems.first?.column == 13)
        #expect(report.problems.first?.description.hasPrefix("line 4, column 13: ") == true)
    }

    @Test("blank node and collection subjects, and a subject with only a property list")
    func blankSubjects() {
        let (triples, report) = serdRead("""
            @prefix ex: <http://ex.org/> .
            [ ex:p "1" ] .
            [ ex:p "2" ] ex:q "3" .
            ( "a" ) ex:r "4" .
            """, scope: "z")
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(triples.compactMap(\.object.lexical) == ["1", "2", "3", "a", "4"])
    }

    @Test("`_:b1` and the blank nodes serd makes never meet")
    func generatedLabels() {
        let (triples, report) = serdRead("""
            _:b1 <http://ex.org/p> [] .
            _:b1 <http://ex.org/q> "x" .
            """, scope: "s.")
        #expect(report.allProblems.isEmpty)
        #expect(triples[0].subject == triples[1].subject)
        #expect(triples[0].subject != triples[0].object)
    }

    @Test("a prefix can be redeclared; SPARQL keywords are case-insensitive")
    func redeclaredPrefix() {
        let (triples, report) = serdRead("""
            prefix ex: <http://one.example/>
            ex:a ex:p "1" .
            Prefix ex: <http://two.example/>
            ex:a ex:p "2" .
            @prefix ex: <http://three.example/> .
            ex:a ex:p "3" .
            """)
        #expect(report.allProblems.isEmpty, "\(report.allProblems)")
        #expect(triples.map(\.predicate) == ["http://one.example/p", "http://two.example/p", "http://three.example/p"])
    }

    @Test("a SPARQL PREFIX with a final `.` is reported but applied")
    func sparqlPrefixWithDot() {
        let (triples, report) = serdRead("""
            PREFIX ex: <http://ex.org/> .
            ex:a ex:p "1" .
            """)
        #expect(report.problems.map(\.line) == [1])
        #expect(triples.first?.predicate == "http://ex.org/p")
    }

    @Test("many errors in one statement: each resumes at the following `;`")
    func severalErrorsInOneStatement() {
        let (triples, report) = serdRead("""
            <http://ex.org/a> <http://ex.org/p> "1" ;
                <http://ex.org/p> bad1 ;
                <http://ex.org/p> "2" ;
                <http://ex.org/p> bad2 ;
                <http://ex.org/p> "3" .
            """)
        #expect(report.problems.map(\.line) == [2, 4])
        #expect(triples.compactMap(\.object.lexical) == ["1", "2", "3"])
    }
}

