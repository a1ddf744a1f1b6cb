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

/// Escapes shared by Turtle and N-Triples.
enum TurtleEscape {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `<iri>`; the IRIs written are already cleaned of forbidden characters (`RDFText.iri`).
    static func iri(_ iri: String) -> String { "<" + iri + ">" }
}

/// N-Triples: one statement per line, full IRIs.
struct NTriplesSyntax: RDFSyntaxWriter {
    func head() -> String { "" }
    func tail() -> String { "" }

    mutating func block(_ subject: String, _ statements: ArraySlice<RDFTriple>) -> String {
        var out = ""
        let s = TurtleEscape.iri(subject)
        for t in statements { out += s + " " + TurtleEscape.iri(t.predicate) + " " + term(t.object) + " .\n" }
        return out
    }

    private func term(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return TurtleEscape.iri(iri)
        case .blank(let label): return "_:" + label
        case .literal(let text, let datatype, let language):
            if let language { return TurtleEscape.string(text) + "@" + language }
            if let datatype { return TurtleEscape.string(text) + "^^" + TurtleEscape.iri(datatype) }
            return TurtleEscape.string(text)
        }
    }
}

/// Turtle: the export's prefixes, one block per subject with `;` between predicates and `,` between objects.
struct TurtleSyntax: RDFSyntaxWriter {
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

    private func name(_ iri: String) -> String {
        V.compact(iri).map { "\($0.prefix):\($0.local)" } ?? TurtleEscape.iri(iri)
    }

    private func term(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return name(iri)
        case .blank(let label): return "_:" + label
        case .literal(let text, let datatype, let language):
            if let language { return TurtleEscape.string(text) + "@" + language }
            if let datatype { return TurtleEscape.string(text) + "^^" + name(datatype) }
            return TurtleEscape.string(text)
        }
    }
}
