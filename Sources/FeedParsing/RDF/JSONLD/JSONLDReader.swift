import Foundation

/// Reads JSON-LD 1.1 documents into RDF triples: expansion followed by deserialisation to RDF, over
/// fedcat's own JSON parser.
///
/// - Remote contexts are never fetched: the DCAT-AP 3.0.1 context, the DCAT-AP 3 examples context,
///   schema.org and the Project Open Data v1.1 context are bundled (`bundledContextURLs`); any other
///   remote context is reported and the document is read with the rest of its context.
/// - Named graphs are merged into one graph; `@direction` is dropped; blank nodes are relabelled
///   `blankScope + "b0"`, `"b1"`, … (document labels such as `_:x` keep one node per label).
/// - Portal quirks do not stop the reading: an undefined prefix among `xsd`, `rdf`, `dct`, … is read with
///   its well-known namespace, members whose keys are neither terms nor IRIs are dropped, and each is
///   reported with the JSON pointer where it was seen.
/// - Invalid JSON is the only fatal problem (with its line and column); nothing is delivered then.
public enum JSONLDReader: RDFSyntaxReader {
    /// The remote context URLs read from bundled copies instead of being fetched.
    public static var bundledContextURLs: [String] {
        JSONLDBundledContexts.all.flatMap(\.urls)
    }

    /// The bundled context document for a remote context URL, as `{"@context": …}`; nil when fedcat does not
    /// bundle it. URLs match without regard to http/https, case or a trailing slash.
    public static func bundledContext(for url: String) -> JSONValue? {
        JSONLDBundledContexts.context(for: url).map { .object(["@context": $0]) }
    }

    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            return RDFReadReport(fatal: notJSON(error))
        }
        return read(document, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }

    /// Reads a file's bytes (`Data`, parsed where it lies and released before expansion starts: only the parsed
    /// document stays in memory while triples are delivered).
    static func read(file data: consuming Data, baseIRI: String, blankScope: String,
                     into sink: (RDFTriple) -> Void) -> RDFReadReport {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            return RDFReadReport(fatal: notJSON(error))
        }
        _ = consume data
        return read(document, baseIRI: baseIRI, blankScope: blankScope, into: sink)
    }

    static func notJSON(_ error: JSONParseError) -> RDFSyntaxError {
        RDFSyntaxError(line: error.line, column: error.column, message: "The document is not valid JSON: \(error.message).")
    }

    /// Reads a document already parsed (e.g. a JSON-LD block found inside another payload).
    public static func read(_ document: JSONValue, baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        withoutActuallyEscaping(sink) { sink in
            let expander = JSONLDExpander(baseIRI: baseIRI.isEmpty ? nil : baseIRI, blankScope: blankScope, sink: sink)
            expander.expandDocument(document)
            return RDFReadReport(triples: expander.triples, problems: expander.problems.finish())
        }
    }
}
