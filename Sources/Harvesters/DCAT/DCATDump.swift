public import CatalogModel
public import FeedParsing
import Foundation

/// Reads a DCAT dump from a file in bounded memory: the file is parsed as a stream (RDF/XML, Turtle,
/// N-Triples, TriG, N-Quads; JSON-LD is read whole) and records are cut out as soon as they are complete.
public enum DCATDump {
    /// What reading a dump gave besides its records.
    public struct Summary: Sendable {
        public var syntax: RDFSyntax
        public var report: RDFReadReport
        public var records: Int
        /// Datasets without an IRI or identifier, skipped.
        public var anonymous: Int
        /// Statements about a record that came after the record was handed over (a dump not grouped by subject).
        public var lateStatements: Int
        public var next: String?
        public var total: Int?
    }

    /// Reads `path` (its syntax given, else guessed from its first bytes and extension), handing each record
    /// to `onRecord` as N-Triples, like the harvester does, on the calling thread. With `overlap` (the default) the
    /// file is parsed on a thread of its own meanwhile (`DCATStream.read(file:…)`).
    public static func read(path: String, syntax: RDFSyntax? = nil, baseIRI: String, overlap: Bool = true,
                            onRecord: (RawRecord) -> Void) throws(DCATDumpError) -> Summary {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "it cannot be opened") }
        let head = [UInt8](handle.readData(ofLength: 8192))
        try? handle.close()
        guard let syntax = syntax ?? RDFDocument.choose(contentType: nil, url: path, bytes: head)?.syntax else {
            throw .unreadable(path: path, reason: "it does not look like RDF/XML, Turtle, N-Triples, TriG or JSON-LD")
        }
        var records = 0
        let read = DCATStream.read(file: path, syntax: syntax, baseIRI: baseIRI, blankScope: "d", overlap: overlap) { found in
            records += 1
            onRecord(RawRecord(localID: found.localID, payload: found.payload, mediaType: RDFSyntax.ntriples.mediaType,
                               pageURL: baseIRI, location: found.subject.iri ?? "dataset \(records)", preparsed: found.graph))
        }
        return Summary(syntax: syntax, report: read.report, records: read.handed, anonymous: read.anonymous, lateStatements: read.lateStatements,
                       next: read.next, total: read.total)
    }
}

/// Why a dump could not be read at all.
public enum DCATDumpError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "The file \(path) cannot be read as DCAT: \(reason)."
        }
    }
}
