/// A parser for one RDF serialisation, delivering triples as it reads them.
///
/// Every implementation guarantees:
/// - it never fetches anything (no remote contexts, no external entities) and never throws: problems go
///   into the report, with line and column where the syntax has them;
/// - relative IRIs are resolved against `baseIRI` (and the document's own base declarations);
/// - blank node labels are prefixed with `blankScope` so labels from different documents never meet;
/// - where the syntax allows it, a bad statement is skipped and reading goes on; triples delivered before
///   a fatal problem stay delivered.
public protocol RDFSyntaxReader {
    static func read(_ bytes: [UInt8], baseIRI: String, blankScope: String,
                     into sink: (RDFTriple) -> Void) -> RDFReadReport
}
