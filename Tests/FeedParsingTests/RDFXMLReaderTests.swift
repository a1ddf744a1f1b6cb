import FeedParsing
import Foundation
import Testing

@Suite("RDF/XML grammar")
struct RDFXMLGrammarTests {
    @Test("rdf:Description with rdf:about, literal and resource property elements")
    func description() {
        let result = rdfxml(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/ds/1">
            <dct:title>Air quality</dct:title>
            <dcat:landingPage rdf:resource="http://example.org/page"/>
          </rdf:Description>
        """))
        #expect(result.report.problems.isEmpty)
        #expect(result.report.fatal == nil)
        #expect(result.report.triples == 2)
        #expect(Set(result.triples.map(ntriple)) == [
            "<http://example.org/ds/1> <http://purl.org/dc/terms/title> \"Air quality\"",
            "<http://example.org/ds/1> <http://www.w3.org/ns/dcat#landingPage> <http://example.org/page>",
        ])
    }

    @Test("a typed node element gives rdf:type; nested node elements are objects")
    func typedNodes() {
        let triples = rdfxmlSet(rdfDocument("""
          <dcat:Dataset rdf:about="http://example.org/ds/1">
            <dcat:distribution>
              <dcat:Distribution rdf:about="http://example.org/dist/1">
                <dcat:accessURL rdf:resource="http://example.org/file.csv"/>
              </dcat:Distribution>
            </dcat:distribution>
          </dcat:Dataset>
        """))
        #expect(triples == [
            "<http://example.org/ds/1> <\(rdfNS)type> <http://www.w3.org/ns/dcat#Dataset>",
            "<http://example.org/ds/1> <http://www.w3.org/ns/dcat#distribution> <http://example.org/dist/1>",
            "<http://example.org/dist/1> <\(rdfNS)type> <http://www.w3.org/ns/dcat#Distribution>",
            "<http://example.org/dist/1> <http://www.w3.org/ns/dcat#accessURL> <http://example.org/file.csv>",
        ])
    }

    @Test("rdf:ID is base#ID, rdf:nodeID a scoped blank node, no identifier a fresh blank node")
    func subjects() {
        let triples = rdfxmlSet(rdfDocument("""
          <ex:Thing rdf:ID="one"><ex:p rdf:nodeID="x1"/></ex:Thing>
          <rdf:Description rdf:nodeID="x1"><ex:q>v</ex:q></rdf:Description>
          <rdf:Description><ex:q>w</ex:q></rdf:Description>
        """), scope: "d7.")
        #expect(triples == [
            "<http://example.org/doc#one> <\(rdfNS)type> <http://example.org/ns#Thing>",
            "<http://example.org/doc#one> <http://example.org/ns#p> _:d7.nx1",
            "_:d7.nx1 <http://example.org/ns#q> \"v\"",
            "_:d7.b0 <http://example.org/ns#q> \"w\"",
        ])
    }

    @Test("a property element holding a node element without identifier gets a fresh blank node")
    func nestedBlank() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/ds">
            <dct:publisher><ex:Agent><ex:name>Town</ex:name></ex:Agent></dct:publisher>
          </rdf:Description>
        """))
        #expect(triples == [
            "<http://example.org/ds> <http://purl.org/dc/terms/publisher> _:b0",
            "_:b0 <\(rdfNS)type> <http://example.org/ns#Agent>",
            "_:b0 <http://example.org/ns#name> \"Town\"",
        ])
    }

    @Test("rdf:datatype types the literal and is resolved as an IRI; an empty typed element is an empty typed literal")
    func datatypes() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/ds" xml:lang="en">
            <dct:issued rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-01-02</dct:issued>
            <dct:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date"/>
            <ex:size rdf:datatype="types#bytes">12</ex:size>
          </rdf:Description>
        """))
        #expect(triples == [
            "<http://example.org/ds> <http://purl.org/dc/terms/issued> \"2024-01-02\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "<http://example.org/ds> <http://purl.org/dc/terms/modified> \"\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "<http://example.org/ds> <http://example.org/ns#size> \"12\"^^<http://example.org/types#bytes>",
        ])
    }

    @Test("empty property elements: an empty literal, or an object named by rdf:resource, rdf:nodeID or property attributes")
    func emptyPropertyElements() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s" xml:lang="fr">
            <ex:empty/>
            <ex:alsoEmpty></ex:alsoEmpty>
            <ex:ref rdf:resource="http://example.org/o" ex:label="étiquette"/>
            <ex:node rdf:nodeID="n1" rdf:type="http://example.org/ns#Kind"/>
            <ex:anon ex:label="sans" rdf:value="v"/>
          </rdf:Description>
        """))
        #expect(triples == [
            "<http://example.org/s> <http://example.org/ns#empty> \"\"@fr",
            "<http://example.org/s> <http://example.org/ns#alsoEmpty> \"\"@fr",
            "<http://example.org/s> <http://example.org/ns#ref> <http://example.org/o>",
            "<http://example.org/o> <http://example.org/ns#label> \"étiquette\"@fr",
            "<http://example.org/s> <http://example.org/ns#node> _:nn1",
            "_:nn1 <\(rdfNS)type> <http://example.org/ns#Kind>",
            "<http://example.org/s> <http://example.org/ns#anon> _:b0",
            "_:b0 <http://example.org/ns#label> \"sans\"@fr",
            "_:b0 <\(rdfNS)value> \"v\"@fr",
        ])
    }

    @Test("property attributes on node elements: literals with the language in scope, rdf:type as an IRI")
    func propertyAttributes() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s" dct:title="Titel" xml:lang="de"
                           rdf:type="http://example.org/ns#Kind" ex:note="n"/>
        """))
        #expect(triples == [
            "<http://example.org/s> <http://purl.org/dc/terms/title> \"Titel\"@de",
            "<http://example.org/s> <\(rdfNS)type> <http://example.org/ns#Kind>",
            "<http://example.org/s> <http://example.org/ns#note> \"n\"@de",
        ])
    }

    @Test("rdf:parseType=\"Resource\" opens a blank node whose properties follow")
    func parseTypeResource() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <dct:temporal rdf:parseType="Resource">
              <ex:start rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2020-01-01</ex:start>
              <ex:nested rdf:parseType="Resource"><ex:x>1</ex:x></ex:nested>
            </dct:temporal>
            <ex:empty rdf:parseType="Resource"/>
          </rdf:Description>
        """))
        #expect(triples == [
            "<http://example.org/s> <http://purl.org/dc/terms/temporal> _:b0",
            "_:b0 <http://example.org/ns#start> \"2020-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "_:b0 <http://example.org/ns#nested> _:b1",
            "_:b1 <http://example.org/ns#x> \"1\"",
            "<http://example.org/s> <http://example.org/ns#empty> _:b2",
        ])
    }

    @Test("rdf:parseType=\"Literal\" gives an rdf:XMLLiteral of the content in exclusive canonical form")
    func parseTypeLiteral() {
        let result = rdfxml(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <ex:body rdf:parseType="Literal"><p xmlns="http://www.w3.org/1999/xhtml" class="x" id="a&amp;b">Some <b>bold</b> &amp; <br/> text</p> <ex:tag ex:z="q"/><!-- dropped --></ex:body>
            <ex:other rdf:parseType="Unknown"><i>kept</i></ex:other>
            <ex:none rdf:parseType="Literal"/>
          </rdf:Description>
        """))
        #expect(result.report.problems.isEmpty)
        let xmlLiteral = rdfNS + "XMLLiteral"
        #expect(Set(result.triples.map(ntriple)) == [
            "<http://example.org/s> <http://example.org/ns#body> \"<p xmlns=\\\"http://www.w3.org/1999/xhtml\\\" class=\\\"x\\\" id=\\\"a&amp;b\\\">Some <b>bold</b> &amp; <br></br> text</p> <ex:tag xmlns:ex=\\\"http://example.org/ns#\\\" ex:z=\\\"q\\\"></ex:tag>\"^^<\(xmlLiteral)>",
            "<http://example.org/s> <http://example.org/ns#other> \"<i>kept</i>\"^^<\(xmlLiteral)>",
            "<http://example.org/s> <http://example.org/ns#none> \"\"^^<\(xmlLiteral)>",
        ])
    }

    @Test("rdf:parseType=\"Collection\" builds an rdf:first/rdf:rest list ending in rdf:nil")
    func parseTypeCollection() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <ex:members rdf:parseType="Collection">
              <rdf:Description rdf:about="http://example.org/a"/>
              <ex:Member><ex:name>b</ex:name></ex:Member>
            </ex:members>
            <ex:none rdf:parseType="Collection"></ex:none>
          </rdf:Description>
        """))
        #expect(triples == [
            "<http://example.org/s> <http://example.org/ns#members> _:b0",
            "_:b0 <\(rdfNS)first> <http://example.org/a>",
            "_:b0 <\(rdfNS)rest> _:b2",
            "_:b1 <\(rdfNS)type> <http://example.org/ns#Member>",
            "_:b1 <http://example.org/ns#name> \"b\"",
            "_:b2 <\(rdfNS)first> _:b1",
            "_:b2 <\(rdfNS)rest> <\(rdfNS)nil>",
            "<http://example.org/s> <http://example.org/ns#none> <\(rdfNS)nil>",
        ])
    }

    @Test("rdf:li is numbered rdf:_1, rdf:_2 … per node element")
    func listItems() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Seq rdf:about="http://example.org/seq">
            <rdf:li>a</rdf:li>
            <rdf:li rdf:resource="http://example.org/b"/>
            <rdf:li><rdf:Bag rdf:about="http://example.org/bag"><rdf:li>inner</rdf:li></rdf:Bag></rdf:li>
            <rdf:_7>explicit</rdf:_7>
            <rdf:li>d</rdf:li>
          </rdf:Seq>
        """))
        #expect(triples == [
            "<http://example.org/seq> <\(rdfNS)type> <\(rdfNS)Seq>",
            "<http://example.org/seq> <\(rdfNS)_1> \"a\"",
            "<http://example.org/seq> <\(rdfNS)_2> <http://example.org/b>",
            "<http://example.org/seq> <\(rdfNS)_3> <http://example.org/bag>",
            "<http://example.org/bag> <\(rdfNS)type> <\(rdfNS)Bag>",
            "<http://example.org/bag> <\(rdfNS)_1> \"inner\"",
            "<http://example.org/seq> <\(rdfNS)_7> \"explicit\"",
            "<http://example.org/seq> <\(rdfNS)_4> \"d\"",
        ])
    }

    @Test("xml:lang is inherited, overridden, reset by xml:lang=\"\", and never applies to typed literals")
    func languages() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <ex:a>none</ex:a>
            <ex:b xml:lang="it">ciao</ex:b>
          </rdf:Description>
          <rdf:Description rdf:about="http://example.org/t" xml:lang="de">
            <ex:a>hallo</ex:a>
            <ex:b xml:lang="eN">hello</ex:b>
            <ex:c xml:lang="">plain</ex:c>
            <ex:d rdf:datatype="http://www.w3.org/2001/XMLSchema#string">typed</ex:d>
            <ex:e rdf:parseType="Resource" xml:lang=""><ex:f>inner</ex:f></ex:e>
          </rdf:Description>
        """, attributes: " xml:lang=\"fr\""))
        #expect(triples == [
            "<http://example.org/s> <http://example.org/ns#a> \"none\"@fr",
            "<http://example.org/s> <http://example.org/ns#b> \"ciao\"@it",
            "<http://example.org/t> <http://example.org/ns#a> \"hallo\"@de",
            "<http://example.org/t> <http://example.org/ns#b> \"hello\"@eN",
            "<http://example.org/t> <http://example.org/ns#c> \"plain\"",
            "<http://example.org/t> <http://example.org/ns#d> \"typed\"^^<http://www.w3.org/2001/XMLSchema#string>",
            "<http://example.org/t> <http://example.org/ns#e> _:b0",
            "_:b0 <http://example.org/ns#f> \"inner\"",
        ])
    }

    @Test("xml:base is inherited, resolved against the outer base, and applies to the element's own attributes")
    func bases() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="dataset-3">
            <ex:p rdf:resource="../up"/>
          </rdf:Description>
          <rdf:Description xml:base="http://other.example/dir/" rdf:about="x">
            <ex:p rdf:resource="#frag" xml:base="sub/"/>
            <ex:q rdf:resource=""/>
          </rdf:Description>
          <ex:Thing rdf:ID="t" xml:base="http://ids.example/list"/>
        """, attributes: " xml:base=\"http://base.example/a/b/\""), base: "http://ignored.example/")
        #expect(triples == [
            "<http://base.example/a/b/dataset-3> <http://example.org/ns#p> <http://base.example/a/up>",
            "<http://other.example/dir/x> <http://example.org/ns#p> <http://other.example/dir/sub/#frag>",
            "<http://other.example/dir/x> <http://example.org/ns#q> <http://other.example/dir/>",
            "<http://ids.example/list#t> <\(rdfNS)type> <http://example.org/ns#Thing>",
        ])
    }

    @Test("rdf:ID on a property element reifies the statement")
    func reification() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <ex:p rdf:ID="st1">v</ex:p>
            <ex:q rdf:ID="st2" rdf:resource="http://example.org/o"/>
          </rdf:Description>
        """))
        let statement = "<http://example.org/doc#st1>"
        #expect(triples == [
            "<http://example.org/s> <http://example.org/ns#p> \"v\"",
            "\(statement) <\(rdfNS)type> <\(rdfNS)Statement>",
            "\(statement) <\(rdfNS)subject> <http://example.org/s>",
            "\(statement) <\(rdfNS)predicate> <http://example.org/ns#p>",
            "\(statement) <\(rdfNS)object> \"v\"",
            "<http://example.org/s> <http://example.org/ns#q> <http://example.org/o>",
            "<http://example.org/doc#st2> <\(rdfNS)type> <\(rdfNS)Statement>",
            "<http://example.org/doc#st2> <\(rdfNS)subject> <http://example.org/s>",
            "<http://example.org/doc#st2> <\(rdfNS)predicate> <http://example.org/ns#q>",
            "<http://example.org/doc#st2> <\(rdfNS)object> <http://example.org/o>",
        ])
    }

    @Test("a document whose root is a node element, not rdf:RDF")
    func nodeRoot() {
        let result = rdfxml("""
        <dcat:Dataset xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/"
            xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="http://example.org/ds">
          <dct:title>Root</dct:title>
        </dcat:Dataset>
        """)
        #expect(result.report.problems.isEmpty)
        #expect(Set(result.triples.map(ntriple)) == [
            "<http://example.org/ds> <\(rdfNS)type> <http://www.w3.org/ns/dcat#Dataset>",
            "<http://example.org/ds> <http://purl.org/dc/terms/title> \"Root\"",
        ])
    }

    @Test("literal text is kept as written; whitespace between elements is ignored")
    func whitespace() {
        let result = rdfxml(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">

            <ex:spaces>   </ex:spaces>
            <ex:padded>
              two
              lines  </ex:padded>
            <ex:cdata><![CDATA[a <b> & c]]> and &amp; &#x41;</ex:cdata>
            <ex:node>
              <rdf:Description rdf:about="http://example.org/o"/>
            </ex:node>
            <ex:crlf>a\r\nb</ex:crlf>
          </rdf:Description>
        """))
        #expect(result.report.problems.isEmpty)
        #expect(Set(result.triples.map(ntriple)) == [
            "<http://example.org/s> <http://example.org/ns#spaces> \"   \"",
            "<http://example.org/s> <http://example.org/ns#padded> \"\\n      two\\n      lines  \"",
            "<http://example.org/s> <http://example.org/ns#cdata> \"a <b> & c and & A\"",
            "<http://example.org/s> <http://example.org/ns#node> <http://example.org/o>",
            "<http://example.org/s> <http://example.org/ns#crlf> \"a\\nb\"",
        ])
    }

    @Test("text beside rdf:resource is ignored, as raptor does (GeoNetwork writes labels there)")
    func textBesideResource() {
        let result = rdfxml(rdfDocument("""
          <rdf:Description rdf:about="http://example.org/s">
            <dcat:theme rdf:resource="http://example.org/theme/ef">Environmental monitoring facilities</dcat:theme>
          </rdf:Description>
        """))
        #expect(result.report.problems.isEmpty)
        #expect(result.triples.map(ntriple) == ["<http://example.org/s> <http://www.w3.org/ns/dcat#theme> <http://example.org/theme/ef>"])
    }

    @Test("blank node labels carry the scope and never collide between fresh and named nodes")
    func blankScopes() {
        let triples = rdfxmlSet(rdfDocument("""
          <rdf:Description rdf:nodeID="b0"><ex:p><rdf:Description/></ex:p></rdf:Description>
        """), scope: "doc42-")
        #expect(triples == ["_:doc42-nb0 <http://example.org/ns#p> _:doc42-b0"])
    }

    @Test("scanForRDF reads only rdf:RDF elements inside other XML, with the xml:lang around them")
    func scanMode() {
        let document = """
        <csw:GetRecordsResponse xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2" xml:lang="nl">
          <csw:SearchResults numberOfRecordsMatched="2">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">
              <rdf:Description rdf:about="http://example.org/1"><dct:title>Een</dct:title></rdf:Description>
            </rdf:RDF>
            <csw:Other>not RDF <x timestamp="now"/></csw:Other>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">
              <rdf:Description rdf:about="http://example.org/2"><dct:title xml:lang="en">Two</dct:title></rdf:Description>
            </rdf:RDF>
          </csw:SearchResults>
        </csw:GetRecordsResponse>
        """
        var options = RDFXMLReader.Options()
        options.scanForRDF = true
        let result = rdfxml(document, options: options)
        #expect(result.report.problems.isEmpty)
        #expect(Set(result.triples.map(ntriple)) == [
            "<http://example.org/1> <http://purl.org/dc/terms/title> \"Een\"@nl",
            "<http://example.org/2> <http://purl.org/dc/terms/title> \"Two\"@en",
        ])
        // Without scanning, the root is read as a node element, and its unqualified attribute is a problem.
        #expect(!rdfxml(document).report.problems.isEmpty)
    }

    @Test("readElement reads one embedded rdf:RDF and leaves the reader after it")
    func embedded() throws {
        let document = """
        <envelope xml:lang="es" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:RDF xmlns:dct="http://purl.org/dc/terms/">
            <rdf:Description rdf:about="rel"><dct:title>Uno</dct:title><dct:note>  </dct:note></rdf:Description>
          </rdf:RDF>
          <after>x</after>
        </envelope>
        """
        var options = XMLReader.Options()
        options.keepWhitespace = true
        let reader = try XMLReader(bytes: Array(document.utf8), options: options)
        var triples: [String] = []
        var after: [String] = []
        var report: RDFReadReport?
        while let event = try reader.next() {
            guard case .startElement(let name, let attributes, _) = event else { continue }
            if name.matches(rdfNS, "RDF") {
                report = RDFXMLReader.readElement(name, attributes: attributes, from: reader,
                                                  baseIRI: "http://example.org/cat/", language: "es", blankScope: "") {
                    triples.append(ntriple($0))
                }
            } else {
                after.append(name.local)
            }
        }
        #expect(report?.problems == [])
        #expect(report?.triples == 2)
        #expect(Set(triples) == [
            "<http://example.org/cat/rel> <http://purl.org/dc/terms/title> \"Uno\"@es",
            "<http://example.org/cat/rel> <http://purl.org/dc/terms/note> \"  \"@es",
        ])
        #expect(after == ["envelope", "after"])
    }
}

@Suite("RDF/XML namespace entities")
struct RDFXMLEntityTests {
    static func read(_ text: String) -> (triples: [RDFTriple], report: RDFReadReport) {
        var triples: [RDFTriple] = []
        let report = RDFXMLReader.read(Array(text.utf8), baseIRI: "https://example.org/doc", blankScope: "t") { triples.append($0) }
        return (triples, report)
    }

    @Test func simpleInternalEntitiesAreExpandedAndSaidSo() {
        let (triples, report) = Self.read("""
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY dct "http://purl.org/dc/terms/" >
              <!-- the usual shortcut -->
              <!ENTITY xsd 'http://www.w3.org/2001/XMLSchema#'> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="&dct;">
              <rdf:Description rdf:about="https://example.org/d/1">
                <dct:issued rdf:datatype="&xsd;date">2024-01-02</dct:issued>
                <dct:title>Fish &amp; chips</dct:title>
              </rdf:Description>
            </rdf:RDF>
            """)
        #expect(triples.contains(RDFTriple(.iri("https://example.org/d/1"), "http://purl.org/dc/terms/issued",
                                           .literal("2024-01-02", datatype: "http://www.w3.org/2001/XMLSchema#date", language: nil))))
        #expect(triples.contains { $0.object == .string("Fish & chips") })
        #expect(report.problems.first?.message.contains("&dct;, &xsd;") == true)
        #expect(report.fatal == nil)
    }

    @Test func lineNumbersAfterTheDoctypeStayThoseOfTheDocument() {
        let (_, report) = Self.read("""
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY dct "http://purl.org/dc/terms/" >
              <!ENTITY q "quote &quot; and &#233;"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="&dct;">
              <rdf:Description rdf:about="https://example.org/d/2"><dct:title>&q;</dct:title><dct:broken>
            </rdf:RDF>
            """)
        #expect(report.fatal?.line == 6)
    }

    @Test(arguments: [
        #"<!DOCTYPE r [ <!ENTITY a "x"> <!ENTITY b "&a;&a;"> ]><r>&b;</r>"#,  // nested references: billion laughs
        #"<!DOCTYPE r [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]><r>&x;</r>"#,  // external entity
        #"<!DOCTYPE r [ <!ENTITY % p "x"> ]><r/>"#,  // parameter entity
        #"<!DOCTYPE r SYSTEM "http://example.org/r.dtd" [ <!ENTITY a "x"> ]><r>&a;</r>"#,  // external subset
        #"<!DOCTYPE r [ <!ENTITY a "<b/>"> ]><r>&a;</r>"#,  // markup in a value
    ]) func anythingButPlainTextIsStillRefused(_ text: String) {
        let (triples, report) = Self.read(text)
        #expect(triples.isEmpty)
        #expect(report.fatal != nil)
    }
}
