import Testing
@testable import FeedParsing

/// `RDFGraph` answers as a plain subject → statements table would, whether it finds subjects by comparing them
/// (a few subjects) or through its dictionary (many), with removals and subjects described again.
@Suite("RDF graph")
struct RDFGraphTests {
    /// The behaviour the graph must have, written the simple way.
    struct Model {
        var table: [RDFTerm: [RDFGraph.Statement]] = [:]
        var order: [RDFTerm] = []

        mutating func add(_ triple: RDFTriple) {
            let statement = RDFGraph.Statement(predicate: triple.predicate, object: triple.object)
            if table[triple.subject] == nil {
                table[triple.subject] = [statement]
                order.append(triple.subject)
            } else if !table[triple.subject]!.contains(statement) {
                table[triple.subject]!.append(statement)
            }
        }

        mutating func remove(_ subject: RDFTerm) { table[subject] = nil }

        var count: Int { table.values.map(\.count).reduce(0, +) }
    }

    static let predicates = ["http://purl.org/dc/terms/title", "http://purl.org/dc/terms/rights", RDFNames.type,
                             "http://www.w3.org/ns/dcat#keyword", "http://purl.org/dc/terms/issued"]

    @Test(arguments: [3, 8, 9, 40, 300]) func answersLikeASimpleTable(_ subjectCount: Int) {
        var generator = SystemRandomNumberGenerator()
        var graph = RDFGraph()
        var model = Model()
        let subjects: [RDFTerm] = (0..<subjectCount).map { $0 % 3 == 0 ? .blank("n\($0)") : .iri("https://ex.org/dataset/\($0)") }
        for step in 0..<(subjectCount * 12) {
            let subject = subjects[step % 5 == 0 ? Int.random(in: 0..<subjectCount, using: &generator) : (step / 6) % subjectCount]
            if step % 23 == 22 {
                graph.remove(subject: subject)
                model.remove(subject)
                continue
            }
            let object: RDFTerm = Bool.random(using: &generator)
                ? .string("v\(Int.random(in: 0..<4, using: &generator))") : subjects[Int.random(in: 0..<subjectCount, using: &generator)]
            let triple = RDFTriple(subject, Self.predicates.randomElement(using: &generator)!, object)
            graph.add(triple)
            model.add(triple)
        }
        #expect(graph.count == model.count)
        // Subjects removed and described again are listed where they came back; compare the described ones as a set
        // and the statements one by one.
        #expect(Set(graph.subjects) == Set(model.table.keys))
        for subject in subjects {
            #expect(graph.statements(about: subject) == (model.table[subject] ?? []), "\(subject)")
            #expect(graph.describes(subject) == (model.table[subject] != nil))
            for predicate in Self.predicates {
                let expected = (model.table[subject] ?? []).filter { $0.predicate == predicate }.map(\.object)
                #expect(graph.objects(subject, predicate) == expected)
                #expect(graph.object(subject, predicate) == expected.first)
            }
        }
    }

    @Test func aRecordsTriplesAreFoundByTheirSubjects() {
        let record = RDFTerm.iri("https://ex.org/dataset/1"), distribution = RDFTerm.iri("https://ex.org/dataset/1/resource/2")
        let triples = [
            RDFTriple(record, RDFNames.type, .iri("http://www.w3.org/ns/dcat#Dataset")),
            RDFTriple(record, "http://purl.org/dc/terms/title", .string("Trees")),
            RDFTriple(record, "http://www.w3.org/ns/dcat#distribution", distribution),
            RDFTriple(distribution, "http://purl.org/dc/terms/title", .string("CSV")),
            RDFTriple(.blank("b0"), "http://xmlns.com/foaf/0.1/primaryTopic", record),
        ]
        let graph = RDFGraph(triples)
        #expect(graph.subjects == [record, distribution, .blank("b0")])
        #expect(graph.types(of: record) == ["http://www.w3.org/ns/dcat#Dataset"])
        #expect(graph.object(.iri("https://ex.org/dataset/1/resource/2"), "http://purl.org/dc/terms/title") == .string("CSV"))
        #expect(graph.subjects(where: "http://xmlns.com/foaf/0.1/primaryTopic", is: record) == [.blank("b0")])
        #expect(graph.count == 5)
    }

    /// A large graph finds a subject by any text `String` calls equal to it (a Kelvin sign K is the letter K), as
    /// its dictionary does, although its filter of subjects hashes bytes.
    @Test func aLargeGraphFindsSubjectsByEqualTexts() {
        var graph = RDFGraph()
        for index in 0..<40 { graph.add(RDFTriple(.iri("https://ex.org/dataset/\(index)"), RDFNames.type, .iri("https://ex.org/T"))) }
        graph.add(RDFTriple(.iri("https://ex.org/\u{212A}"), RDFNames.type, .iri("https://ex.org/T")))
        graph.add(RDFTriple(.iri("https://ex.org/caf\u{E9}"), RDFNames.type, .iri("https://ex.org/T")))
        #expect(graph.describes(.iri("https://ex.org/K")))
        #expect(graph.describes(.iri("https://ex.org/cafe\u{301}")))
        #expect(graph.describes(.iri("https://ex.org/dataset/7")))
        #expect(!graph.describes(.iri("https://ex.org/dataset/70")))
        #expect(!graph.describes(.blank("https://ex.org/dataset/7")))
    }
}
