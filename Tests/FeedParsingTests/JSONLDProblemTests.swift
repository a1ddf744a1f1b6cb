import Testing
@testable import FeedParsing

/// Portal quirks and broken input: reported with their JSON pointer, never fatal unless the JSON is broken.
@Suite struct JSONLDProblemTests {
    @Test func undefinedXSDPrefixUsesTheWellKnownNamespaceAndIsReported() {
        let result = JSONLDResult(#"""
        {"@context": {"issued": {"@id": "http://purl.org/dc/terms/issued", "@type": "xsd:dateTime"}},
         "@id": "https://portal.example.org/d", "issued": "2020-05-06T07:08:09Z",
         "http://purl.org/dc/terms/modified": {"@value": "2021-01-01", "@type": "xsd:date"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.dct + "issued") == ldLiteral("2020-05-06T07:08:09Z", LDNS.xsd + "dateTime"))
        #expect(result.object(subject, LDNS.dct + "modified") == ldLiteral("2021-01-01", LDNS.xsd + "date"))
        let prefixProblems = result.messages.filter { $0.contains("`xsd:`") }
        #expect(prefixProblems.count == 1)
        #expect(prefixProblems.first?.contains("/@context/issued") == true)
        #expect(result.report.fatal == nil)
    }

    @Test func spuriousHashInPropertyIRIsIsKept() {
        let result = JSONLDResult(#"""
        {"@context": {"license": {"@id": "http://purl.org/dc/terms/#license", "@type": "@id"}},
         "@id": "https://portal.example.org/d", "license": "https://example.org/licence"}
        """#)
        #expect(result.object(ldIRI(LDNS.ex + "d"), "http://purl.org/dc/terms/#license") == ldIRI("https://example.org/licence"))
    }

    @Test func undefinedTermsAreDroppedAndCountedWithTheirPointer() {
        let result = JSONLDResult(#"""
        {"@context": {"title": "http://purl.org/dc/terms/title"},
         "@id": "https://portal.example.org/catalog",
         "dataset": [{"title": "One", "accessLevel": "public"}, {"title": "Two", "accessLevel": "public"}],
         "title": "Catalog"}
        """#)
        #expect(result.triples == [RDFTriple(ldIRI(LDNS.ex + "catalog"), LDNS.dct + "title", ldLiteral("Catalog"))])
        let messages = result.messages
        #expect(messages.count == 1)
        #expect(messages.first?.contains("`dataset`") == true)
        #expect(messages.first?.contains("/dataset") == true)
        let nested = JSONLDResult(#"""
        {"@context": {"@vocab": "http://www.w3.org/ns/dcat#", "accessLevel": null},
         "dataset": [{"keyword": "a", "rogue": 1, "accessLevel": "x"}, {"rogue": 2}]}
        """#)
        #expect(nested.messages.isEmpty)
        let undefined = JSONLDResult(#"""
        {"@context": {"keyword": "http://www.w3.org/ns/dcat#keyword", "ds": "http://www.w3.org/ns/dcat#dataset"},
         "@id": "https://portal.example.org/c",
         "ds": [{"keyword": "a", "rogue": 1}, {"rogue": 2}, {"rogue": 3}]}
        """#)
        #expect(undefined.messages == [
            "The key `rogue` at /ds/0/rogue is not a term defined by the context nor an IRI, so its value was dropped "
                + "(3 members with this key in all).",
        ])
    }

    @Test func unknownRemoteContextIsReportedAndTheRestApplies() {
        let result = JSONLDResult(#"""
        {"@context": ["https://vocab.example.net/unknown-context.jsonld",
                      {"name": "http://xmlns.com/foaf/0.1/name"}],
         "@id": "https://portal.example.org/agent", "name": "Agency", "mystery": "x"}
        """#)
        #expect(result.triples == [RDFTriple(ldIRI(LDNS.ex + "agent"), LDNS.foaf + "name", ldLiteral("Agency"))])
        #expect(result.messages.contains { $0.contains("<https://vocab.example.net/unknown-context.jsonld>")
            && $0.contains("/@context/0") })
        #expect(result.report.fatal == nil)
    }

    @Test func invalidJSONIsFatalWithLineAndColumn() {
        var delivered = 0
        let report = JSONLDReader.read(Array("{\n  \"@id\": \"x\",\n}".utf8), baseIRI: "https://e.org/", blankScope: "s") { _ in
            delivered += 1
        }
        #expect(delivered == 0)
        #expect(report.fatal?.line == 3)
        #expect(report.fatal?.column == 1)
        #expect(report.fatal?.message.contains("trailing comma") == true)
    }

    @Test func oddDocumentsNeverFail() {
        let documents = [
            "42", "\"text\"", "null", "[]", "{}", "[[[]]]", #"{"@context": 5}"#, #"{"@context": {"@vocab": 3}}"#,
            #"{"@id": 7, "@type": {"a": 1}}"#, #"{"@context": {"a": {"@id": "a"}}, "a": 1}"#,
            #"{"@context": {"a": "b", "b": "a"}, "a": 1}"#, #"{"@graph": {"@value": 1}}"#,
            #"{"@context": {"@vocab": "http://e.org/"}, "x": {"@value": {"no": "json"}}}"#,
            #"{"@context": {"@vocab": "http://e.org/"}, "x": {"@value": 1, "@language": "en", "@type": "http://e.org/t"}}"#,
            #"{"@context": {"@vocab": "http://e.org/", "r": {"@reverse": "http://e.org/r"}}, "r": "literal"}"#,
            #"{"@context": {"@vocab": "http://e.org/"}, "@reverse": [1], "@nest": 3, "@list": 4}"#,
            #"{"@context": {"@base": null, "@vocab": "http://e.org/"}, "@id": "relative", "p": 1}"#,
            #"{"@context": "https://schema.org/", "@type": "Dataset", "url": "has space"}"#,
        ]
        for document in documents {
            let result = JSONLDResult(document, base: "")
            #expect(result.report.fatal == nil, "\(document)")
        }
        var deep = ""
        for _ in 0..<300 { deep += #"{"http://e.org/p": "# }
        deep += "1" + String(repeating: "}", count: 300)
        let result = JSONLDResult(deep)
        #expect(result.report.fatal == nil)
        #expect(result.messages.contains { $0.contains("nested more than") })
    }

    @Test func relativeIRIsWithoutBaseAreDroppedAndReported() {
        let result = JSONLDResult(#"""
        {"@context": {"@vocab": "http://e.org/", "link": {"@type": "@id"}}, "@id": "local", "p": "v", "link": "page.html"}
        """#, base: "")
        #expect(result.triples == [RDFTriple(.blank("d1.b0"), "http://e.org/p", ldLiteral("v"))])
        #expect(result.messages.contains { $0.contains("`local`") && $0.contains("read as a blank node") })
        #expect(result.messages.contains { $0.contains("`page.html`") && $0.contains("/link") })
    }

    @Test func problemsAreCapped() {
        var members: [String] = []
        for index in 0..<500 { members.append(#"{"@context": "https://nowhere.example.net/c\#(index)"}"#) }
        let result = JSONLDResult("[" + members.joined(separator: ",") + "]")
        #expect(result.report.problems.count == JSONLDProblems.limit + 1)
        #expect(result.messages.last?.contains("more problems") == true)
    }
}
