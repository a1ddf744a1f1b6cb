import Testing
@testable import FeedParsing

/// The contexts fedcat bundles instead of fetching.
@Suite struct JSONLDBundledContextTests {
    @Test func urlsAreUniqueAndResolve() {
        let urls = JSONLDBundledContexts.all.flatMap(\.urls).map(JSONLDBundledContexts.normalize)
        #expect(Set(urls).count == urls.count)
        for url in JSONLDReader.bundledContextURLs {
            #expect(JSONLDReader.bundledContext(for: url) != nil, "\(url)")
        }
        #expect(JSONLDBundledContexts.normalize("HTTPS://Schema.org/") == "schema.org")
        #expect(JSONLDReader.bundledContext(for: "https://vocab.example.net/other.jsonld") == nil)
    }

    @Test func everyBundledContextProcessesCleanly() {
        for context in JSONLDBundledContexts.all {
            let expander = JSONLDExpander(baseIRI: nil, blankScope: "t", sink: { _ in })
            let active = expander.processContext(context.json, onto: JSONLDActiveContext(base: nil), baseURL: context.urls[0])
            #expect(active.terms.count == context.terms.count, "\(context.name)")
            // The DCAT-AP 3 examples context types dates as `xsd:date` without defining `xsd`.
            let problems = expander.problems.finish().map(\.message)
            #expect(problems.allSatisfy { $0.contains("`xsd:`") }, "\(context.name): \(problems)")
        }
    }

    @Test func schemaOrgSpellings() {
        for spelling in ["http://schema.org", "https://schema.org/", "http://schema.org/", "https://schema.org"] {
            let result = JSONLDResult(#"""
            {"@context": "\#(spelling)", "@type": "Dataset", "@id": "https://portal.example.org/d",
             "name": "Bees", "url": "https://portal.example.org/bees", "creator": {"type": "Person", "name": "Ann"}}
            """#)
            let subject = ldIRI(LDNS.ex + "d")
            #expect(result.report.problems.isEmpty, "\(spelling)")
            #expect(result.object(subject, LDNS.rdf + "type") == ldIRI(LDNS.schema + "Dataset"))
            #expect(result.object(subject, LDNS.schema + "name") == ldLiteral("Bees"))
            #expect(result.object(subject, LDNS.schema + "url") == ldIRI(LDNS.ex + "bees"))
            let creator = result.object(subject, LDNS.schema + "creator")
            #expect(creator.map { result.object($0, LDNS.rdf + "type") } == ldIRI(LDNS.schema + "Person"))
        }
    }

    @Test func projectOpenDataContext() {
        let result = JSONLDResult(#"""
        {"@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "@type": "dcat:Catalog",
         "dataset": [{"@type": "dcat:Dataset", "title": "Permits", "modified": "2024-02-03",
                      "accessLevel": "public", "distribution": [{"downloadURL": "https://files.example.gov/p.csv"}]}]}
        """#)
        #expect(result.report.problems.isEmpty)
        guard let dataset = result.subjects(ofType: LDNS.dcat + "Dataset").first else {
            Issue.record("no dataset")
            return
        }
        #expect(result.object(dataset, LDNS.dct + "title") == ldLiteral("Permits"))
        #expect(result.object(dataset, LDNS.dct + "modified") == ldLiteral("2024-02-03", LDNS.xsd + "date"))
        #expect(result.object(dataset, "https://project-open-data.cio.gov/v1.1/schema#accessLevel") == ldLiteral("public"))
        let distribution = result.object(dataset, LDNS.dcat + "distribution")
        #expect(distribution.map { result.object($0, LDNS.dcat + "downloadURL") } == ldIRI("https://files.example.gov/p.csv"))
    }

    @Test func dcatAPTypeScopedTerms() {
        let result = JSONLDResult(#"""
        {"@context": "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld",
         "@id": "https://portal.example.org/d", "@type": "Dataset",
         "title": {"@value": "Bienen", "@language": "de"}, "keyword": ["bees"],
         "datasetDistribution": {"@id": "https://portal.example.org/d/csv", "@type": "Distribution",
                                 "downloadUrl": "https://files.example.org/bees.csv", "keyword": "not here"}}
        """#)
        let subject = ldIRI(LDNS.ex + "d")
        #expect(result.object(subject, LDNS.rdf + "type") == ldIRI(LDNS.dcat + "Dataset"))
        #expect(result.object(subject, LDNS.dct + "title") == ldLiteral("Bienen", lang: "de"))
        #expect(result.object(subject, LDNS.dcat + "keyword") == ldLiteral("bees"))
        #expect(result.object(subject, LDNS.dcat + "distribution") == ldIRI(LDNS.ex + "d/csv"))
        #expect(result.object(ldIRI(LDNS.ex + "d/csv"), LDNS.dcat + "downloadURL") == ldIRI("https://files.example.org/bees.csv"))
        // `keyword` belongs to the Dataset's scoped context, which does not reach the distribution.
        #expect(result.messages == [
            "The key `keyword` at /datasetDistribution/keyword is not a term defined by the context nor an IRI, "
                + "so its value was dropped.",
        ])
    }

    @Test func bundledContextsAreNotChangedByTheContextsAddedToThem() {
        let result = JSONLDResult(#"""
        [{"@context": ["https://schema.org", {"extra": "https://ns.example.org/extra"}],
          "@id": "https://portal.example.org/a", "extra": "1"},
         {"@context": "https://schema.org", "@id": "https://portal.example.org/b", "extra": "2"}]
        """#)
        #expect(result.object(ldIRI(LDNS.ex + "a"), "https://ns.example.org/extra") == ldLiteral("1"))
        #expect(result.object(ldIRI(LDNS.ex + "b"), LDNS.schema + "extra") == ldLiteral("2"))
    }
}
