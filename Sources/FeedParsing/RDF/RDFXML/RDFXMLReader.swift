/// A streaming RDF/XML parser (W3C RDF 1.1 XML Syntax) over fedcat's safe `XMLReader`: triples go
/// to the sink as the document is read, no tree of the document is built.
///
/// All of the grammar is read: `rdf:RDF` or a single node element as the root, node elements
/// (`rdf:Description` or typed, giving `rdf:type`) with `rdf:about`, `rdf:ID` (the base + `#ID`),
/// `rdf:nodeID` or neither (a fresh blank node), property attributes, property elements with
/// `rdf:resource`, `rdf:nodeID`, `rdf:datatype`, a nested node element or text, empty property
/// elements (with property attributes), `rdf:parseType` `Resource`, `Collection` (an
/// `rdf:first`/`rdf:rest` list) and `Literal` (an `rdf:XMLLiteral` in exclusive-canonical form;
/// any other parse type is read as `Literal`, as the specification says), `rdf:li` numbered
/// `rdf:_1`, `rdf:_2` … per node, `xml:lang` and `xml:base` inherited down the tree, and
/// `rdf:ID` on property elements giving the four reification triples of the statement.
///
/// Problems (attributes RDF/XML forbids, `rdf:` names the RDF vocabulary does not define,
/// `rdf:li` as a node, a relative IRI with no base …) are reported with the line of the element
/// (libxml2 keeps no columns for elements, so the column is 0) and reading goes on; the statement
/// or element they concern is skipped. Text beside `rdf:resource` or `rdf:nodeID` (GeoNetwork writes
/// labels there) is ignored without a problem, as raptor does. IRIs are kept as written apart from
/// resolution: characters IRIs do not allow (a space) are not a problem. XML that is not well-formed ends reading with a
/// `fatal` problem; triples read before it stay delivered. A DOCTYPE declaring entities is refused
/// before anything is read: fedcat never expands entities.
///
/// Blank nodes are labelled `blankScope + "b<n>"` (nodes without an identifier, list cells,
/// `parseType="Resource"`) and `blankScope + "n<nodeID>"` (`rdf:nodeID`), so the two never meet.
/// Literal text is kept exactly as written (whitespace included); whitespace between elements is
/// ignored.
public enum RDFXMLReader: RDFSyntaxReader {
    /// Choices for one read.
    public struct Options: Sendable {
        /// Look for `rdf:RDF` elements anywhere in the document and read only those (like raptor's
        /// `scanForRDF`), for RDF/XML embedded in other XML such as CSW or OAI-PMH responses. When
        /// false (the default) a root element other than `rdf:RDF` is read as a node element, as the
        /// specification says.
        public var scanForRDF = false
        /// The XML reader's limits (`keepWhitespace` is always switched on: literal text is kept
        /// as written).
        public var xml = XMLReader.Options()
        /// Largest file `readFile` accepts, in bytes (it streams with flat memory whatever the
        /// size; `xml.maxDocumentBytes` applies to documents in memory).
        public var maxFileBytes = 1 << 40

        /// The defaults.
        public init() {}
    }

    /// Reads the RDF/XML document in `bytes` with the default options.
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        read(bytes, baseIRI: baseIRI, blankScope: blankScope, options: Options(), into: sink)
    }

    /// Reads the RDF/XML document in `bytes`.
    public static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String, options: Options,
                            into sink: (RDFTriple) -> Void) -> RDFReadReport {
        let reader: XMLReader
        var expanded: [String] = []
        do throws(XMLReadError) {
            do {
                reader = try XMLReader(bytes: bytes, options: xmlOptions(options))
            } catch where error.reason == .doctypeWithEntities {
                // The namespace-shortcut idiom: simple internal entities only, expanded safely (RDFXMLEntities).
                guard let rewritten = RDFXMLEntities.expand(bytes) else { throw error }
                expanded = rewritten.names
                reader = try XMLReader(bytes: rewritten.bytes, options: xmlOptions(options))
            }
        } catch {
            return RDFReadReport(fatal: syntaxError(error))
        }
        var report = parse(reader, baseIRI: baseIRI, blankScope: blankScope, options: options, into: sink)
        if !expanded.isEmpty {
            report.problems.insert(RDFSyntaxError(line: 0, column: 0, message: "the DOCTYPE declares \(expanded.count) entities (\(expanded.prefix(5).map { "&\($0);" }.joined(separator: ", "))\(expanded.count > 5 ? ", …" : "")); they hold plain text, so fedcat replaced them by their values instead of refusing the document"), at: 0)
        }
        return report
    }

    /// Streams the RDF/XML file at `path` with flat memory, whatever its size (see
    /// `XMLReader(path:url:options:)` for the safety checks, which read the file once before
    /// parsing it). A file that cannot be opened or read is a `fatal` problem.
    public static func readFile(path: String, baseIRI: String, blankScope: String, options: Options = Options(),
                                into sink: (RDFTriple) -> Void) -> RDFReadReport {
        var xml = xmlOptions(options)
        xml.maxDocumentBytes = options.maxFileBytes
        let reader: XMLReader
        do throws(XMLReadError) {
            reader = try XMLReader(path: path, options: xml)
        } catch {
            return RDFReadReport(fatal: syntaxError(error))
        }
        return parse(reader, baseIRI: baseIRI, blankScope: blankScope, options: options, into: sink)
    }

    /// Reads RDF/XML embedded in another XML document: call it right after `reader` reported the
    /// `startElement` of an `rdf:RDF` element (or of a node element), passing that element's name
    /// and attributes; it reads up to and including the element's end, and `reader` then goes on
    /// after it. `language` is the `xml:lang` in scope around the element and `baseIRI` the base
    /// there (the document's URL, or an enclosing `xml:base`). Create the reader with
    /// `keepWhitespace = true`, or literals made only of whitespace read as "".
    /// A fatal problem here is one of `reader`, which then fails for its caller too.
    public static func readElement(_ name: XMLName, attributes: [XMLAttribute], from reader: XMLReader,
                                   baseIRI: String, language: String? = nil, blankScope: String,
                                   into sink: (RDFTriple) -> Void) -> RDFReadReport {
        withoutActuallyEscaping(sink) { sink in
            var parser = RDFXMLParser(reader: reader, baseIRI: baseIRI, language: language, blankScope: blankScope,
                                      scanForRDF: false, sink: sink)
            parser.runElement(name, attributes: attributes)
            return parser.report
        }
    }

    private static func parse(_ reader: XMLReader, baseIRI: String, blankScope: String, options: Options,
                              into sink: (RDFTriple) -> Void) -> RDFReadReport {
        withoutActuallyEscaping(sink) { sink in
            var parser = RDFXMLParser(reader: reader, baseIRI: baseIRI, blankScope: blankScope,
                                      scanForRDF: options.scanForRDF, sink: sink)
            parser.run()
            return parser.report
        }
    }

    private static func xmlOptions(_ options: Options) -> XMLReader.Options {
        var xml = options.xml
        xml.keepWhitespace = true
        return xml
    }

    /// The fatal problem for an XML reader error, at its line and column.
    static func syntaxError(_ error: XMLReadError) -> RDFSyntaxError {
        let message: String
        switch error.reason {
        case .doctypeWithEntities:
            message = "the document declares XML entities in a DOCTYPE; fedcat never expands entities"
        case .notWellFormed(let detail):
            message = "the XML is not well-formed: \(detail)"
        default:
            // The reader's own sentence, without the location (the error carries it).
            message = XMLReadError(reason: error.reason, url: error.url).description
        }
        return RDFSyntaxError(line: error.line, column: error.column, message: message)
    }
}
