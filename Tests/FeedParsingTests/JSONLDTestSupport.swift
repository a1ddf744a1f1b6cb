@testable import FeedParsing

/// Reads an inline JSON-LD fixture and keeps what came out.
struct JSONLDResult {
    var triples: [RDFTriple] = []
    var report = RDFReadReport()

    init(_ json: String, base: String = "https://portal.example.org/catalog.jsonld", scope: String = "d1.") {
        var collected: [RDFTriple] = []
        report = JSONLDReader.read(Array(json.utf8), baseIRI: base, blankScope: scope) { collected.append($0) }
        triples = collected
    }

    var set: Set<RDFTriple> { Set(triples) }

    /// Objects of `predicate` for `subject`.
    func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        triples.filter { $0.subject == subject && $0.predicate == predicate }.map(\.object)
    }

    /// The one object of `predicate` for `subject`, if exactly one.
    func object(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? {
        let found = objects(subject, predicate)
        return found.count == 1 ? found[0] : nil
    }

    /// Subjects with `rdf:type type`.
    func subjects(ofType type: String) -> [RDFTerm] {
        triples.filter { $0.predicate == LDNS.rdf + "type" && $0.object == .iri(type) }.map(\.subject)
    }

    var messages: [String] { report.allProblems.map(\.message) }
}

/// Namespaces for expected triples.
enum LDNS {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let schema = "http://schema.org/"
    static let ex = "https://portal.example.org/"
}

func ldIRI(_ text: String) -> RDFTerm { .iri(text) }
func ldLiteral(_ text: String, _ datatype: String? = nil, lang: String? = nil) -> RDFTerm {
    .literal(text, datatype: datatype, language: lang)
}
