import FeedParsing

/// Writes statements in one RDF syntax: a head, one block per subject (its statements in order), a tail.
/// Subjects may come back in later blocks; every syntax here merges them into one node.
protocol RDFSyntaxWriter {
    func head() -> String
    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String
    func tail() -> String
}

extension RDFSyntaxWriter {
    /// `triples` as one block per subject, subjects in the order they first appear, statements in order.
    mutating func write(_ triples: [RDFTriple]) -> String {
        var order: [RDFTerm] = []
        var bySubject: [RDFTerm: [RDFTriple]] = [:]
        for triple in triples {
            if bySubject[triple.subject] == nil { order.append(triple.subject) }
            bySubject[triple.subject, default: []].append(triple)
        }
        var out = ""
        for subject in order { out += block(subject.iri ?? "", bySubject[subject]![...]) }
        return out
    }
}

/// N-Triples: one statement per line, full IRIs (FeedParsing's canonical N-Triples writer).
struct NTriplesSyntax: RDFSyntaxWriter {
    func head() -> String { "" }
    func tail() -> String { "" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var bytes: [UInt8] = []
        for triple in statements { NTriplesWriter.append(triple, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One term as N-Triples writes it, which Turtle reads too.
    static func term(_ term: RDFTerm) -> String {
        var bytes: [UInt8] = []
        NTriplesWriter.append(term, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Turtle: the export's prefixes, one block per subject with `;` between predicates and `,` between objects.
struct TurtleSyntax: RDFSyntaxWriter {
    private let names = CompactNames()

    func head() -> String {
        V.prefixes.map { "@prefix \($0.prefix): <\($0.namespace)> .\n" }.joined() + "\n"
    }
    func tail() -> String { "" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var out = name(subject)
        var predicate: String?
        for t in statements {
            if t.predicate == predicate {
                out += " ,\n        " + term(t.object)
            } else {
                out += (predicate == nil ? "\n    " : " ;\n    ") + (t.predicate == V.type ? "a" : name(t.predicate)) + " " + term(t.object)
                predicate = t.predicate
            }
        }
        return out + " .\n\n"
    }

    /// `dct:title` for the declared namespaces, `<iri>` otherwise.
    private func name(_ iri: String) -> String {
        names.name(iri) ?? NTriplesSyntax.term(.iri(iri))
    }

    /// Terms as N-Triples writes them, with compact names for IRIs and datatypes.
    private func term(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return name(iri)
        case .literal(let text, let datatype?, nil): return NTriplesSyntax.term(.string(text)) + "^^" + name(datatype)
        default: return NTriplesSyntax.term(term)
        }
    }
}
