import Testing
@testable import FeedParsing

/// Expansion and RDF conversion of small documents in the shapes portals publish.
@Suite struct JSONLDReaderTests {
    @Test func prefixedDocumentWithGraph() {
        let result = JSONLDResult(#"""
        {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                      "xsd": "http://www.w3.org/2001/XMLSchema#"},
         "@graph": [
          {"@id": "https://portal.example.org/catalog", "@type": "dcat:Catalog",
           "dcat:dataset": {"@id": "https://portal.example.org/dataset/tides"}},
          {"@id": "https://portal.example.org/dataset/tides", "@type": "dcat:Dataset",
           "dct:title": "Tide gauges", "dct:description": {"@value": "Gezeiten", "@language": "de"},
           "dct:issued": {"@value": "2021-04-01", "@type": "xsd:date"}}
         ]}
        """#)
        let dataset = ldIRI(LDNS.ex + "dataset/tides")
        #expect(result.report.fatal == nil)
        #expect(result.report.problems.isEmpty)
        #expect(result.set == [
            RDFTriple(ldIRI(LDNS.ex + "catalog"), LDNS.rdf + "type", ldIRI(LDNS.dcat + "Catalog")),
            RDFTriple(ldIRI(LDNS.ex + "catalog"), LDNS.dcat + "dataset", dataset),
            RDFTriple(dataset, LDNS.rdf + "type", ldIRI(LDNS.dcat + "Dataset")),
            RDFTriple(dataset, LDNS.dct + "title", ldLiteral("Tide gauges")),
            RDFTriple(dataset, LDNS.dct + "description", ldLiteral("Gezeiten", lang: "de")),
            RDFTriple(dataset, LDNS.dct + "issued", ldLiteral("2021-04-01", LDNS.xsd + "date")),
        ])
        #expect(result.report.triples == 6)
    }

    @Test func vocabBaseAndRelativeIRIs() {
        let result = JSONLDResult(#"""
        {"@context": {"@vocab": "http://www.w3.org/ns/dcat#", "@base": "https://data.example.org/sets/",
                      "landingPage": {"@type": "@id"}},
         "@id": "rivers", "@type": "Dataset", "keyword": "water", "landingPage": "../pages/rivers.html"}
        """#)
        let subject = ldIRI("https://data.example.org/sets/rivers")
        #expect(result.object(subject, LDNS.rdf + "type") == ldIRI(LDNS.dcat + "Dataset"))
        #expect(result.object(subject, LDNS.dcat + "keyword") == ldLiteral("water"))
        #expect(result.object(subject, LDNS.dcat + "landingPage") == ldIRI("https://data.example.org/pages/rivers.html"))
    }

    @Test func relativeIDsResolveAgainstTheDocumentBaseWithoutBaseKeyword() {
        let result = JSONLDResult(##"{"@context": {"@vocab": "http://schema.org/"}, "@id": "#main", "name": "Parks"}"##,
                                  base: "https://city.example.gov/data/parks.jsonld")
        #expect(result.object(ldIRI("https://city.example.gov/data/parks.jsonld#main"), LDNS.schema + "name") == ldLiteral("Parks"))
    }

    @Test func nativeNumbersAndBooleans() {
        let result = JSONLDResult(#"""
        {"@context": {"@vocab": "https://ns.example.org/", "size": {"@type": "http://www.w3.org/2001/XMLSchema#decimal"}},
         "@id": "https://portal.example.org/d", "count": 42, "ratio": 1.5, "whole": 5.0, "huge": 1e21,
         "tiny": 2.5e-7, "open": true, "size": 12}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        let ns = "https://ns.example.org/"
        #expect(result.object(subject, ns + "count") == ldLiteral("42", LDNS.xsd + "integer"))
        #expect(result.object(subject, ns + "ratio") == ldLiteral("1.5E0", LDNS.xsd + "double"))
        #expect(result.object(subject, ns + "whole") == ldLiteral("5", LDNS.xsd + "integer"))
        #expect(result.object(subject, ns + "huge") == ldLiteral("1.0E21", LDNS.xsd + "double"))
        #expect(result.object(subject, ns + "tiny") == ldLiteral("2.5E-7", LDNS.xsd + "double"))
        #expect(result.object(subject, ns + "open") == ldLiteral("true", LDNS.xsd + "boolean"))
        #expect(result.object(subject, ns + "size") == ldLiteral("12", LDNS.xsd + "decimal"))
    }

    @Test func typeCoercions() {
        let result = JSONLDResult(#"""
        {"@context": {"dct": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#",
                      "license": {"@id": "dct:license", "@type": "@id"},
                      "theme": {"@id": "http://www.w3.org/ns/dcat#theme", "@type": "@vocab"},
                      "ENVI": "http://publications.europa.eu/resource/authority/data-theme/ENVI",
                      "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
                      "title": {"@id": "dct:title", "@language": "en"}},
         "@id": "https://portal.example.org/d", "license": "https://creativecommons.org/licenses/by/4.0/",
         "theme": "ENVI", "modified": "2024-01-02T03:04:05Z", "title": "Air quality"}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.dct + "license") == ldIRI("https://creativecommons.org/licenses/by/4.0/"))
        #expect(result.object(subject, LDNS.dcat + "theme")
            == ldIRI("http://publications.europa.eu/resource/authority/data-theme/ENVI"))
        #expect(result.object(subject, LDNS.dct + "modified") == ldLiteral("2024-01-02T03:04:05Z", LDNS.xsd + "dateTime"))
        #expect(result.object(subject, LDNS.dct + "title") == ldLiteral("Air quality", lang: "en"))
        #expect(result.report.problems.isEmpty)
    }

    @Test func defaultLanguageAndLanguageMaps() {
        let result = JSONLDResult(#"""
        {"@context": {"@language": "fr", "dct": "http://purl.org/dc/terms/",
                      "title": {"@id": "dct:title", "@container": "@language"},
                      "note": {"@id": "dct:description", "@language": null}},
         "@id": "https://portal.example.org/d", "dct:subject": "eau",
         "title": {"en": "Water", "de": ["Wasser", "Gewässer"], "@none": "H2O"}, "note": "plain"}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.dct + "subject") == ldLiteral("eau", lang: "fr"))
        #expect(Set(result.objects(subject, LDNS.dct + "title"))
            == [ldLiteral("Water", lang: "en"), ldLiteral("Wasser", lang: "de"), ldLiteral("Gewässer", lang: "de"), ldLiteral("H2O")])
        #expect(result.object(subject, LDNS.dct + "description") == ldLiteral("plain"))
    }

    @Test func listsBecomeRDFCollections() {
        let result = JSONLDResult(#"""
        {"@context": {"ex": "https://ns.example.org/", "order": {"@id": "ex:order", "@container": "@list"}},
         "@id": "https://portal.example.org/d", "order": ["first", "second"], "ex:none": {"@list": []}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        guard let head = result.object(subject, "https://ns.example.org/order"), case .blank = head else {
            Issue.record("no list head")
            return
        }
        #expect(result.object(head, LDNS.rdf + "first") == ldLiteral("first"))
        let rest = result.object(head, LDNS.rdf + "rest")
        #expect(rest.map { result.object($0, LDNS.rdf + "first") } == ldLiteral("second"))
        #expect(rest.map { result.object($0, LDNS.rdf + "rest") } == ldIRI(LDNS.rdf + "nil"))
        #expect(result.object(subject, "https://ns.example.org/none") == ldIRI(LDNS.rdf + "nil"))
    }

    @Test func setsIndexMapsAndArraysFlatten() {
        let result = JSONLDResult(#"""
        {"@context": {"ex": "https://ns.example.org/",
                      "tags": {"@id": "ex:tag", "@container": "@set"},
                      "byLang": {"@id": "ex:label", "@container": "@index"}},
         "@id": "https://portal.example.org/d", "tags": ["a", ["b"]], "ex:tag": {"@set": ["c"]},
         "byLang": {"first": "x", "second": ["y"]}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(Set(result.objects(subject, "https://ns.example.org/tag")) == [ldLiteral("a"), ldLiteral("b"), ldLiteral("c")])
        #expect(Set(result.objects(subject, "https://ns.example.org/label")) == [ldLiteral("x"), ldLiteral("y")])
    }

    @Test func reverseKeywordAndReverseTerms() {
        let result = JSONLDResult(#"""
        {"@context": {"dcat": "http://www.w3.org/ns/dcat#",
                      "inCatalog": {"@reverse": "dcat:dataset", "@type": "@id"}},
         "@graph": [
          {"@id": "https://portal.example.org/d1", "@reverse": {"dcat:dataset": {"@id": "https://portal.example.org/cat"}}},
          {"@id": "https://portal.example.org/d2", "inCatalog": "https://portal.example.org/cat"}
         ]}
        """#)
        #expect(result.set == [
            RDFTriple(ldIRI(LDNS.ex + "cat"), LDNS.dcat + "dataset", ldIRI(LDNS.ex + "d1")),
            RDFTriple(ldIRI(LDNS.ex + "cat"), LDNS.dcat + "dataset", ldIRI(LDNS.ex + "d2")),
        ])
    }

    @Test func namedGraphsAreMergedAndIncludedNodesRead() {
        let result = JSONLDResult(#"""
        [{"@id": "file:///var/www/html/leaked/path.jsonld",
          "@graph": [{"@id": "https://portal.example.org/d", "@type": ["http://www.w3.org/ns/dcat#Dataset"]}]},
         {"@context": {"@vocab": "http://schema.org/"}, "@id": "https://portal.example.org/x", "name": "X",
          "@included": [{"@id": "https://portal.example.org/y", "name": "Y"}]}]
        """#)
        #expect(result.set == [
            RDFTriple(ldIRI(LDNS.ex + "d"), LDNS.rdf + "type", ldIRI(LDNS.dcat + "Dataset")),
            RDFTriple(ldIRI(LDNS.ex + "x"), LDNS.schema + "name", ldLiteral("X")),
            RDFTriple(ldIRI(LDNS.ex + "y"), LDNS.schema + "name", ldLiteral("Y")),
        ])
    }

    @Test func nestedObjectsAndNest() {
        let result = JSONLDResult(#"""
        {"@context": {"@vocab": "http://schema.org/", "meta": "@nest"},
         "@id": "https://portal.example.org/d", "publisher": {"name": "City"},
         "meta": {"version": "2"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        guard let publisher = result.object(subject, LDNS.schema + "publisher") else {
            Issue.record("no publisher")
            return
        }
        #expect(publisher == .blank("d1.b0"))
        #expect(result.object(publisher, LDNS.schema + "name") == ldLiteral("City"))
        #expect(result.object(subject, LDNS.schema + "version") == ldLiteral("2"))
    }

    @Test func blankNodeLabelsAreScopedAndShared() {
        let result = JSONLDResult(#"""
        {"@context": {"foaf": "http://xmlns.com/foaf/0.1/", "dct": "http://purl.org/dc/terms/"},
         "@graph": [{"@id": "_:agency", "foaf:name": "Agency"},
                    {"@id": "https://portal.example.org/d", "dct:publisher": {"@id": "_:agency"}},
                    {"foaf:name": "Anonymous"}]}
        """#, scope: "doc7.")
        let publisher = result.object(ldIRI(LDNS.ex + "d"), LDNS.dct + "publisher")
        #expect(publisher == .blank("doc7.b0"))
        #expect(result.object(.blank("doc7.b0"), LDNS.foaf + "name") == ldLiteral("Agency"))
        #expect(result.object(.blank("doc7.b1"), LDNS.foaf + "name") == ldLiteral("Anonymous"))
    }

    @Test func typeScopedContextsDoNotReachNestedNodes() {
        let result = JSONLDResult(#"""
        {"@context": {"Dataset": {"@id": "http://www.w3.org/ns/dcat#Dataset",
                                  "@context": {"title": "http://purl.org/dc/terms/title",
                                               "publisher": {"@id": "http://purl.org/dc/terms/publisher"}}},
                      "name": "http://xmlns.com/foaf/0.1/name"},
         "@id": "https://portal.example.org/d", "@type": "Dataset", "title": "Roads",
         "publisher": {"name": "Agency", "title": "not a term here"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.dct + "title") == ldLiteral("Roads"))
        let publisher = result.object(subject, LDNS.dct + "publisher")
        #expect(publisher.map { result.object($0, LDNS.foaf + "name") } == ldLiteral("Agency"))
        #expect(publisher.map { result.objects($0, LDNS.dct + "title") } == [])
        #expect(result.messages.contains { $0.contains("`title`") && $0.contains("/publisher/title") })
    }

    @Test func propertyScopedContexts() {
        let result = JSONLDResult(#"""
        {"@context": {"dct": "http://purl.org/dc/terms/",
                      "publisher": {"@id": "dct:publisher", "@context": {"name": "http://xmlns.com/foaf/0.1/name"}}},
         "@id": "https://portal.example.org/d", "publisher": {"@id": "https://portal.example.org/org", "name": "Org"}}
        """#)
        #expect(result.object(ldIRI(LDNS.ex + "org"), LDNS.foaf + "name") == ldLiteral("Org"))
    }

    @Test func aliasesAndIdAndTypeMaps() {
        let result = JSONLDResult(#"""
        {"@context": {"@vocab": "http://schema.org/", "id": "@id", "type": "@type",
                      "parts": {"@id": "hasPart", "@container": "@id"},
                      "byType": {"@id": "about", "@container": "@type"}},
         "id": "https://portal.example.org/d", "type": "Dataset",
         "parts": {"https://portal.example.org/p1": {"name": "Part 1"}},
         "byType": {"Place": "https://portal.example.org/place"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.rdf + "type") == ldIRI(LDNS.schema + "Dataset"))
        #expect(result.object(subject, LDNS.schema + "hasPart") == ldIRI(LDNS.ex + "p1"))
        #expect(result.object(ldIRI(LDNS.ex + "p1"), LDNS.schema + "name") == ldLiteral("Part 1"))
        #expect(result.object(ldIRI(LDNS.ex + "place"), LDNS.rdf + "type") == ldIRI(LDNS.schema + "Place"))
    }

    @Test func jsonLiteralsAndDirection() {
        let result = JSONLDResult(#"""
        {"@context": {"ex": "https://ns.example.org/", "data": {"@id": "ex:data", "@type": "@json"}},
         "@id": "https://portal.example.org/d", "data": {"b": [1, 2.50, "x\n"], "a": null},
         "ex:label": {"@value": "مرحبا", "@language": "ar", "@direction": "rtl"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, "https://ns.example.org/data")
            == ldLiteral(#"{"a":null,"b":[1,2.5,"x\n"]}"#, LDNS.rdf + "JSON"))
        #expect(result.object(subject, "https://ns.example.org/label") == ldLiteral("مرحبا", lang: "ar"))
    }

    @Test func graphContainers() {
        let result = JSONLDResult(#"""
        {"@context": {"ex": "https://ns.example.org/", "claims": {"@id": "ex:claims", "@container": "@graph"}},
         "@id": "https://portal.example.org/d", "claims": {"@id": "https://portal.example.org/c", "ex:says": "yes"}}
        """#)
        guard let graph = result.object(ldIRI(LDNS.ex + "d"), "https://ns.example.org/claims"), case .blank = graph else {
            Issue.record("no graph name")
            return
        }
        #expect(result.object(ldIRI(LDNS.ex + "c"), "https://ns.example.org/says") == ldLiteral("yes"))
    }

    @Test func propagateFalseAndImport() {
        let result = JSONLDResult(#"""
        {"@context": {"@import": "https://schema.org", "name": "http://xmlns.com/foaf/0.1/name"},
         "@id": "https://portal.example.org/d", "name": "Kept", "url": "https://portal.example.org/page",
         "about": {"@context": {"@propagate": false, "label": "http://www.w3.org/2000/01/rdf-schema#label"},
                   "label": "Here", "mentions": {"label": "Not here"}}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.foaf + "name") == ldLiteral("Kept"))
        #expect(result.object(subject, LDNS.schema + "url") == ldIRI(LDNS.ex + "page"))
        let about = result.object(subject, LDNS.schema + "about")
        #expect(about.map { result.object($0, "http://www.w3.org/2000/01/rdf-schema#label") } == ldLiteral("Here"))
        let mentions = about.flatMap { result.object($0, LDNS.schema + "mentions") }
        #expect(mentions.map { result.objects($0, "http://www.w3.org/2000/01/rdf-schema#label") } == [])
        #expect(mentions.map { result.object($0, LDNS.schema + "label") } == ldLiteral("Not here"))
    }
}
