import Testing
@testable import FeedParsing

/// `NTriplesWriter.readBack` gives what reading the written line gives, or nil.
@Suite("N-Triples read-back")
struct NTriplesReadBackTests {
    static let s = RDFTerm.iri("https://data.example/ds/1")
    static let p = "http://purl.org/dc/terms/description"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    static let cases: [RDFTriple] = [
        RDFTriple(s, p, .string("plain")),
        RDFTriple(s, p, .string("quote \" backslash \\ newline \n tab \t cr \r bell \u{7} del \u{7F} é 漢字 🙂")),
        RDFTriple(s, p, .string("")),
        RDFTriple(s, p, .string("nul \u{0} inside")),
        RDFTriple(s, p, .literal("x", datatype: xsd + "string", language: nil)),
        RDFTriple(s, p, .literal("4", datatype: xsd + "integer", language: nil)),
        RDFTriple(s, p, .literal("x", datatype: xsd + "integer", language: "en")),
        RDFTriple(s, p, .literal("x", datatype: nil, language: "de-AT")),
        RDFTriple(s, p, .literal("x", datatype: nil, language: "en_GB")),
        RDFTriple(s, p, .literal("x", datatype: xsd + "date", language: "en_GB")),
        RDFTriple(s, p, .literal("x", datatype: nil, language: "")),
        RDFTriple(s, p, .literal("x", datatype: "relative", language: nil)),
        RDFTriple(.blank("b0"), p, .blank("b12")),
        RDFTriple(.blank("b_0"), p, .blank("x")),
        RDFTriple(.blank("0b"), p, .string("x")),
        RDFTriple(s, p, .iri("https://ex.org/a b")),
        RDFTriple(s, p, .iri("https://ex.org/é")),
        RDFTriple(s, p, .iri("https://ex.org/{x}")),
        RDFTriple(s, p, .iri("urn:isbn:0451450523")),
        RDFTriple(s, p, .iri("mailto:a@b.example")),
        RDFTriple(s, p, .iri("relative/path")),
        RDFTriple(s, p, .iri("1http://x")),
        RDFTriple(s, "p", .string("x")),
        RDFTriple(.iri("https://ex.org/s?q=1&r=%20#frag"), p, .iri("https://ex.org/o")),
    ]

    @Test(arguments: cases) func readBackIsWhatReadingGives(_ triple: RDFTriple) {
        var written: [UInt8] = []
        NTriplesWriter.append(triple, to: &written)
        var read: [RDFTriple] = []
        let report = NTriplesReader.read(written, baseIRI: "https://base.example/doc", blankScope: "") { read.append($0) }
        guard let back = NTriplesWriter.readBack(triple) else { return }
        #expect(report.allProblems.isEmpty, "\(triple)")
        #expect(read == [back], "\(triple)")
    }

    @Test func plainTriplesAreCertain() {
        #expect(NTriplesWriter.readBack(RDFTriple(Self.s, Self.p, .string("a \"quoted\"\nline"))) != nil)
        #expect(NTriplesWriter.readBack(RDFTriple(.blank("b3"), Self.p, .literal("x", datatype: nil, language: "fr"))) != nil)
        #expect(NTriplesWriter.readBack(RDFTriple(Self.s, Self.p, .literal("x", datatype: Self.xsd + "string", language: nil)))?.object
                == .string("x"))
    }

    @Test func doubtfulTermsAreNotCertain() {
        #expect(NTriplesWriter.readBack(RDFTriple(Self.s, Self.p, .iri("https://ex.org/a b"))) == nil)
        #expect(NTriplesWriter.readBack(RDFTriple(Self.s, Self.p, .iri("relative"))) == nil)
        #expect(NTriplesWriter.readBack(RDFTriple(.blank("b_0"), Self.p, .string("x"))) == nil)
        #expect(NTriplesWriter.readBack(RDFTriple(Self.s, Self.p, .string("nul \u{0}"))) == nil)
    }
}
