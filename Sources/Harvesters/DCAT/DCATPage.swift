import CatalogModel
import FeedParsing

/// One DCAT document (a whole catalogue or one page of it) read into its records, its paging links and the
/// problems of its syntax.
struct DCATPage {
    var syntax: RDFDocument.Choice
    /// The records, in document order (empty for a document streamed from its file: they went to `emit`).
    var records: [DCATRecords.Found]
    /// How many records the document gave.
    var count: Int
    /// The next page (`hydra:next` of a PartialCollectionView, `hydra:nextPage` of a PagedCollection).
    var next: String?
    /// `hydra:totalItems`, an integer or a string of digits.
    var total: Int?
    /// Datasets the catalogue lists by IRI without describing them: documents to follow.
    var links: [String] = []
    var report: RDFReadReport
    /// Datasets without an IRI or identifier, which cannot be tracked from run to run.
    var anonymous: Int
    /// Statements about records already cut when the document was first read as a stream (it was then read
    /// again as one graph).
    var lateStatements: Int
    /// CPU time of the thread that parsed a streamed document (0 when the caller's thread parsed it).
    var parserCPU: Double = 0

    enum Failure: Error {
        /// No RDF syntax fits the response.
        case notRDF(String)
        /// The parser stopped before reading anything.
        case unreadable(RDFDocument.Choice, RDFSyntaxError)
    }

    /// Parses `bytes` fetched from `url` through a `DCATStream`, so the graph held stays small whatever the
    /// document's size; a document that turns out not to be grouped by subject is read again as one graph.
    static func read(_ bytes: [UInt8], contentType: String?, url: String, blankScope: String,
                     flushEvery: Int = 50_000) throws(Failure) -> DCATPage {
        let choice = try syntax(contentType: contentType, url: url, head: bytes)
        var found: [DCATRecords.Found] = []
        let stream = DCATStream(flushEvery: flushEvery, holdBack: min(5_000, flushEvery / 2)) { found.append($0) }
        let report = RDFDocument.read(bytes, syntax: choice.syntax, baseIRI: url, blankScope: blankScope) { stream.add($0) }
        if let fatal = report.fatal, report.triples == 0 { throw .unreadable(choice, fatal) }
        stream.flush(final: true)
        var page = DCATPage(syntax: choice, records: found, count: found.count, next: stream.next, total: stream.total, links: stream.undescribed,
                            report: report, anonymous: stream.anonymous, lateStatements: stream.lateStatements)
        if stream.lateStatements > 0 {
            // Not grouped by subject: the document is in memory, so read it again as one graph.
            var graph = RDFGraph()
            _ = RDFDocument.read(bytes, syntax: choice.syntax, baseIRI: url, blankScope: blankScope) { graph.add($0) }
            let records = DCATRecords(graph: graph).all()
            page.records = records.filter { $0.localID != nil }
            page.count = page.records.count
            page.anonymous = records.count - page.records.count
        }
        return page
    }

    /// Reads a document kept in the file at `path` (a large response, spooled) through a `DCATStream`, handing each
    /// record to `emit` as soon as it is cut: memory holds the stream's graph, never the document. The document is
    /// parsed on a thread of its own while `emit` runs on the caller's (`DCATStream.read(file:…)`). `head` is the
    /// file's first bytes, to choose the syntax. A document not grouped by subject cannot be read again as one
    /// graph here: statements about records already handed over are counted in `lateStatements`, not merged.
    static func stream(path: String, head: [UInt8], contentType: String?, url: String, blankScope: String,
                       emit: (DCATRecords.Found) -> Void) throws(Failure) -> DCATPage {
        let choice = try syntax(contentType: contentType, url: url, head: head)
        let read = DCATStream.read(file: path, syntax: choice.syntax, baseIRI: url, blankScope: blankScope, emit: emit)
        if let fatal = read.report.fatal, read.report.triples == 0 { throw .unreadable(choice, fatal) }
        return DCATPage(syntax: choice, records: [], count: read.handed, next: read.next, total: read.total, links: read.undescribed,
                        report: read.report, anonymous: read.anonymous, lateStatements: read.lateStatements, parserCPU: read.parserCPU)
    }

    /// The syntax a document is read in, from its Content-Type, first bytes and URL.
    private static func syntax(contentType: String?, url: String, head: [UInt8]) throws(Failure) -> RDFDocument.Choice {
        guard let choice = RDFDocument.choose(contentType: contentType, url: url, bytes: head) else {
            let said = contentType.map { "Content-Type \($0)" } ?? "no Content-Type"
            throw .notRDF("it is not RDF: the server sent \(said) and the body starts with '\(Self.excerpt(head))'")
        }
        return choice
    }

    /// The hydra view or collection of the page: its next link and total.
    static func paging(_ graph: RDFGraph) -> (next: String?, total: Int?) {
        var next: String?
        var total: Int?
        for subject in graph.subjects {
            for statement in graph.statements(about: subject) {
                if DCATTerms.hydraNext.contains(statement.predicate), next == nil {
                    switch statement.object {
                    case .iri(let iri): next = iri
                    // ckanext-dcat writes hydra:nextPage as a string.
                    case .literal(let text, _, _) where !text.trimmed.isEmpty: next = text.trimmed
                    default: break
                    }
                } else if statement.predicate == DCATTerms.hydraTotal, total == nil, let text = statement.object.lexical {
                    total = Int(text.trimmed)
                }
            }
        }
        return (next, total)
    }

    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self).replacingNewlines
        return text.count < 60 ? text : text + "…"
    }
}

private extension String {
    var replacingNewlines: String { String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }) }
}
