import Testing
import FeedParsing
@testable import Harvesters

/// The record graph the DCAT mapper reads: predicates found by number, including ones sharing a slot of the table
/// and ones never added; a stored payload's triples grouped by subject with the record first.
@Suite("DCAT record graph")
struct DCATRecordGraphTests {
    @Test func predicatesSharingASlotAreFoundAndAbsentOnesAreNot() {
        var table = DCATPredicateTable()
        // Same length and last three bytes: one slot.
        let sharing = ["http://ex.org/a/xyz", "http://ex.org/b/xyz", "http://ex.org/c/xyz"]
        let ids = sharing.map { table.add($0) }
        #expect(ids.map(\.id) == [0, 1, 2])
        #expect(ids.allSatisfy { $0.isNew })
        let again = table.add("http://ex.org/b/xyz")
        #expect(again.id == 1 && !again.isNew)
        for (index, iri) in sharing.enumerated() { #expect(table.id(of: iri) == Int32(index)) }
        #expect(table.id(of: "http://ex.org/d/xyz") == nil)
        #expect(table.id(of: "http://purl.org/dc/terms/title") == nil)
        #expect(table.count == 3)
    }

    @Test func aPayloadsTriplesAreGroupedBySubjectWithTheRecordFirst() throws {
        let dataset = RDFTerm.iri("https://ex.org/d/1"), distribution = RDFTerm.iri("https://ex.org/d/1/csv"), licence = RDFTerm.iri("https://ex.org/licence")
        let title = "http://purl.org/dc/terms/title", has = DCATIRIs.dcatDistribution, license = DCATIRIs.dctLicense
        // The dataset's statements come in two runs, around its distribution's.
        let triples = [
            RDFTriple(dataset, title, .literal("Rivers", datatype: nil, language: "en")),
            RDFTriple(distribution, title, .literal("CSV", datatype: nil, language: nil)),
            RDFTriple(distribution, license, licence),
            RDFTriple(dataset, has, distribution),
            RDFTriple(dataset, license, licence),
        ]
        let graph = DCATRecordGraph(triples: triples)
        let view = DCATView(graph: graph, language: "en")
        let record = try #require(graph.record)
        #expect(view.term(record) == dataset)
        #expect(graph.triples == [triples[0], triples[3], triples[4], triples[1], triples[2]])
        let distributions = view.objects(record, has)
        #expect(distributions.count == 1)
        #expect(view.text(distributions[0], title) == "CSV")
        // One node for the licence both mention.
        #expect(view.object(record, license) == view.object(distributions[0], license))
        #expect(!graph.describes(view.object(record, license)!))
        #expect(graph.subjects(where: license, is: view.object(record, license)!) == [record, distributions[0]])
        #expect(view.objects(record, "http://schema.org/name").isEmpty)
        #expect(view.localized(record, title)?.value == "Rivers")
    }
}
