import FeedParsing
import Foundation

/// Reads `text` as RDF/XML and returns its triples and report.
func rdfxml(_ text: String, base: String = "http://example.org/doc", scope: String = "",
            options: RDFXMLReader.Options = .init()) -> (triples: [RDFTriple], report: RDFReadReport) {
    var triples: [RDFTriple] = []
    let report = RDFXMLReader.read(Array(text.utf8), baseIRI: base, blankScope: scope, options: options) { triples.append($0) }
    return (triples, report)
}

/// The triples of `text` in N-Triples form, as a set (blank labels as the parser made them).
func rdfxmlSet(_ text: String, base: String = "http://example.org/doc", scope: String = "",
               options: RDFXMLReader.Options = .init()) -> Set<String> {
    Set(rdfxml(text, base: base, scope: scope, options: options).triples.map(ntriple))
}

/// `rdf:RDF` with the usual namespaces around `body`.
func rdfDocument(_ body: String, attributes: String = "") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#"
             xmlns:dct="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#"\(attributes)>
    \(body)
    </rdf:RDF>
    """
}

let rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/// One triple as an N-Triples line without the final " ." (strings escaped as N-Triples does,
/// other characters kept as they are).
func ntriple(_ triple: RDFTriple) -> String {
    ntTerm(triple.subject) + " <" + triple.predicate + "> " + ntTerm(triple.object)
}

func ntTerm(_ term: RDFTerm) -> String {
    switch term {
    case .iri(let iri): return "<" + iri + ">"
    case .blank(let label): return "_:" + label
    case .literal(let lexical, let datatype, let language):
        var out = "\""
        for scalar in lexical.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        if let language { out += "@" + language } else if let datatype { out += "^^<" + datatype + ">" }
        return out
    }
}
