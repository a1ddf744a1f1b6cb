import Foundation

/// Reads an RDF document of any supported syntax, choosing the parser from what the server said and what the
/// bytes look like.
public enum RDFDocument {
    /// The parser for each syntax.
    public static func reader(for syntax: RDFSyntax) -> any RDFSyntaxReader.Type {
        switch syntax {
        case .turtle: return TurtleReader.self
        case .ntriples: return NTriplesReader.self
        case .trig: return TriGReader.self
        case .nquads: return NQuadsReader.self
        case .rdfxml: return RDFXMLReader.self
        case .jsonld: return JSONLDReader.self
        }
    }

    /// How the syntax was chosen, for messages (`Content-Type text/turtle`, `the first bytes`, `the .rdf extension`).
    public struct Choice: Sendable, Hashable {
        public var syntax: RDFSyntax
        public var reason: String
    }

    /// The syntax by Content-Type when it names one, else by sniffing the bytes, else by the URL's extension;
    /// nil when nothing says RDF. `application/xml`, `text/xml` and `application/json` are read as RDF/XML and
    /// JSON-LD when the bytes agree.
    public static func choose(contentType: String?, url: String, bytes: [UInt8]) -> Choice? {
        if let contentType, let syntax = RDFSyntax(mediaType: contentType) {
            // A Turtle family type over an XML or JSON body is a misconfigured server: trust the bytes.
            if let sniffed = RDFSyntax(sniffing: bytes), sniffed.family != syntax.family {
                return Choice(syntax: sniffed, reason: "the first bytes (the server said Content-Type \(contentType))")
            }
            // TriG reads Turtle and Turtle reads N-Triples: take the wider grammar when the bytes need it.
            if let sniffed = RDFSyntax(sniffing: bytes), sniffed.family == 0, sniffed.breadth > syntax.breadth {
                return Choice(syntax: sniffed, reason: "the first bytes (the server said Content-Type \(contentType))")
            }
            return Choice(syntax: syntax, reason: "Content-Type \(contentType)")
        }
        if let sniffed = RDFSyntax(sniffing: bytes) {
            return Choice(syntax: sniffed, reason: "the first bytes")
        }
        if let syntax = RDFSyntax(url: url) {
            return Choice(syntax: syntax, reason: "the URL's extension")
        }
        return nil
    }

    /// Parses `bytes` as `syntax`.
    public static func read(_ bytes: [UInt8], syntax: RDFSyntax, baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        reader(for: syntax).read(bytes, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }
}

extension RDFSyntax {
    /// Syntaxes that share a lexer: Turtle and its relatives, XML, JSON.
    var family: Int {
        switch self {
        case .turtle, .ntriples, .trig, .nquads: return 0
        case .rdfxml: return 1
        case .jsonld: return 2
        }
    }

    /// Within the Turtle family, how much each grammar reads: N-Triples < Turtle < TriG; N-Quads < TriG.
    var breadth: Int {
        switch self {
        case .ntriples: return 0
        case .nquads, .turtle: return 1
        case .trig: return 2
        case .rdfxml, .jsonld: return 0
        }
    }
}

extension RDFDocument {
    /// Parses the file at `path` as a stream (RDF/XML and the Turtle family read it in chunks, JSON-LD a node of its
    /// `@graph` at a time when `@context` comes first; see `JSONLDReader.readFile`), with flat memory.
    public static func readFile(path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String,
                                into sink: (RDFTriple) -> Void) -> RDFReadReport {
        switch syntax {
        case .turtle, .ntriples, .trig, .nquads:
            return SerdRDFReader.readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, into: sink)
        case .rdfxml:
            return RDFXMLReader.readFile(path: path, baseIRI: baseIRI, blankScope: blankScope, into: sink)
        case .jsonld:
            return JSONLDReader.readFile(path: path, baseIRI: baseIRI, blankScope: blankScope, into: sink)
        }
    }
}
