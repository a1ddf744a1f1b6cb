import CatalogModel
import FeedParsing
import Foundation

/// Cuts records out of a triple stream as it arrives, so a dump of any size is read in bounded memory.
///
/// Triples go into a graph with numbered terms (`DCATTermGraph`); whenever `flushEvery` new statements have
/// arrived, every record whose nodes have all been quiet for the last `holdBack` statements is cut and handed
/// over, and its own nodes (the record, its blank nodes and distributions, and IRIs under its own IRI) are
/// dropped. Shared nodes (publishers, licence documents, the catalogue) stay. Dumps are grouped by subject in practice (ckanext-dcat, piveau,
/// GeoNetwork, rdflib and the generator all write a dataset and its parts together); a statement about a
/// record already handed over is counted in `lateStatements` and reported, never silently merged.
final class DCATStream {
    let flushEvery: Int
    let holdBack: Int
    private let emit: (DCATRecords.Found) -> Void
    /// The statements held, terms numbered (visible to tests).
    let terms: DCATTermGraph
    private let records: DCATRecords
    private var sequence = 0
    private var lastFlush = 0
    /// The subject of the statements arriving now (documents are grouped by subject), checked once against
    /// `emitted` and `dangling` since the last flush, and its number: the subject is looked up once per run of
    /// statements instead of once per statement. Kept as bytes: its kind and text.
    private var currentKind = RDFTermKind.iri
    private var currentText: [UInt8] = []
    private var currentID: Int32 = -1
    /// The current subject as the `RDFTerm` a reader of triples gave it, while it is the current one.
    private var currentTerm: RDFTerm?
    private var emitted: Set<RDFTerm> = []
    /// Records a catalogue lists (`dcat:dataset` links), kept out of the graph: a catalogue of 100,000 datasets
    /// would otherwise be one node scanned at every flush.
    private var listed: [RDFTerm] = []
    /// Nodes handed-over records point to (their distributions, their blank nodes) that had not been described
    /// yet: a description arriving later means the document is not grouped by subject.
    private var dangling: Set<RDFTerm> = []
    /// The hashes of the resources in `emitted` and `dangling` (`DCATTermStore.hash`): a new subject is looked up
    /// in those sets only when its hash is here, which it almost never is.
    private var late = DCATHashFilter()
    /// Statements about records already handed over.
    private(set) var lateStatements = 0
    /// Records handed to `emit`.
    private(set) var handed = 0
    /// Records without an IRI or identifier, skipped.
    private(set) var anonymous = 0
    /// The paging links, read from the statements as they pass.
    private(set) var next: String?
    private(set) var total: Int?

    /// `compactAbove`: the terms held before those of records handed over are forgotten (`DCATTermGraph`).
    init(flushEvery: Int = 50_000, holdBack: Int = 5_000, compactAbove: Int = 16_384, emit: @escaping (DCATRecords.Found) -> Void) {
        self.flushEvery = flushEvery
        self.holdBack = holdBack
        self.emit = emit
        terms = DCATTermGraph(compactAbove: compactAbove)
        records = DCATRecords(terms: terms)
    }

    /// Adds a triple: its subject as a string is compared with the current one first (readers hand the same string
    /// for a run of statements), so only a new subject is turned into bytes.
    func add(_ triple: RDFTriple) {
        if currentID >= 0, let currentTerm, RDFGraph.same(currentTerm, triple.subject) {
            RDFTermBytes.with(triple.object) { addStatement(triple.predicate, $0) }
            return
        }
        RDFTermBytes.deliver(triple.subject, triple.predicate, triple.object) { add($0, $1, $2) }
        if currentID >= 0 { currentTerm = triple.subject }
    }

    /// Adds `subject predicate object`, the terms given as bytes (valid during the call).
    func add(_ subject: RDFTermBytes, _ predicateIRI: String, _ object: RDFTermBytes) {
        if currentID < 0 || subject.kind != currentKind || !currentText.withUnsafeBytes({ DCATTermStore.same($0, subject.text) }) {
            currentTerm = nil
            let hash = DCATTermStore.hash(subject.kind, subject.text)
            if late.mayHold(hash) {
                let term = subject.term
                if emitted.contains(term) || dangling.contains(term) {
                    sequence += 1
                    lateStatements += 1
                    currentID = -1
                    return
                }
            }
            currentKind = subject.kind
            currentText.removeAll(keepingCapacity: true)
            currentText.append(contentsOf: subject.text)
            currentID = terms.resourceID(subject.kind, subject.text, hash: hash)
        }
        addStatement(predicateIRI, object)
    }

    /// Adds `current predicate object`.
    private func addStatement(_ predicateIRI: String, _ object: RDFTermBytes) {
        sequence += 1
        let predicate = terms.predicateID(predicateIRI)
        let roles = terms.roles[Int(predicate)]
        if roles.contains(.paging) {
            var single = RDFGraph()
            let subject = currentText.withUnsafeBytes { RDFTermBytes(kind: currentKind, text: $0).term }
            single.add(RDFTriple(subject, predicateIRI, object.term))
            let paging = DCATPage.paging(single)
            next = next ?? paging.next
            total = total ?? paging.total
        }
        if roles.contains(.member), object.kind != .literal {
            let term = object.term
            if !emitted.contains(term) { listed.append(term) }
            return
        }
        terms.add(currentID, predicate, object, stamp: sequence)
        if sequence - lastFlush >= flushEvery { flush(final: false) }
    }

    /// What reading a file through a stream gave besides its records (`read(file:…)`).
    struct FileRead {
        var report: RDFReadReport
        var handed: Int
        var anonymous: Int
        var lateStatements: Int
        var next: String?
        var total: Int?
        var undescribed: [String]
        /// CPU time of the thread that parsed the document (0 when the caller's thread did).
        var parserCPU: Double = 0
    }

    /// Reads the document in the file at `path` through a new stream, handing each record to `emit` as soon as it is
    /// cut, in document order, on the calling thread.
    ///
    /// With `overlap` (the default) the document is parsed on a thread of its own, while the caller's thread streams
    /// the triples, cuts the records and runs `emit` (mapping, normalising, storing): the triples cross as batches
    /// of bytes (`DCATTripleBatch`) through a bounded queue, so memory stays flat and a slow `emit` slows the parser
    /// down rather than piling triples up. Without it, everything runs on the calling thread.
    static func read(file path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String, overlap: Bool = true,
                     emit: (DCATRecords.Found) -> Void) -> FileRead {
        withoutActuallyEscaping(emit) { emit in
            let stream = DCATStream(emit: emit)
            guard overlap else {
                let report = parse(file: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope,
                                   bytes: { stream.add($0, $1, $2) }, triples: { stream.add($0) })
                return stream.finish(report, parserCPU: 0)
            }
            let queue = BlockingQueue<Handover>(capacity: Handover.batchesAhead)
            let parser = Thread {
                let start = ThreadCPU.seconds()
                var batcher = DCATTripleBatcher()
                let report = parse(file: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope,
                                   bytes: { if batcher.add($0, $1, $2) { _ = queue.push(.triples(batcher.take())) } },
                                   triples: { if batcher.add($0) { _ = queue.push(.triples(batcher.take())) } })
                if !batcher.isEmpty { _ = queue.push(.triples(batcher.take())) }
                queue.finish(.done(report, cpu: ThreadCPU.seconds() - start))
            }
            // The parsers recurse (JSON-LD expansion, serd's nesting) as deep as the main thread lets them.
            parser.stackSize = 8 << 20
            parser.start()
            var names: [String] = []
            while true {
                switch queue.pop() {
                case .triples(let batch): batch.replay(names: &names) { stream.add($0, $1, $2) }
                case .done(let report, let cpu): return stream.finish(report, parserCPU: cpu)
                }
            }
        }
    }

    /// What the parsing thread hands to the caller's thread.
    private enum Handover: Sendable {
        case triples(DCATTripleBatch)
        case done(RDFReadReport, cpu: Double)

        /// Batches the parser may run ahead of the stream before it waits.
        static let batchesAhead = 8
    }

    /// Parses the file, handing its statements to `bytes` (serd's syntaxes: its nodes as bytes, no `String` for a term
    /// written in ASCII) or to `triples` (RDF/XML, JSON-LD).
    private static func parse(file path: String, syntax: RDFSyntax, baseIRI: String, blankScope: String,
                              bytes: RDFByteSink, triples: (RDFTriple) -> Void) -> RDFReadReport {
        switch syntax {
        case .turtle, .ntriples, .trig, .nquads:
            return SerdRDFReader.readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, bytes: bytes)
        case .rdfxml, .jsonld:
            return RDFDocument.readFile(path: path, syntax: syntax, baseIRI: baseIRI, blankScope: blankScope, into: triples)
        }
    }

    /// Hands over what is left and says what the read gave.
    private func finish(_ report: RDFReadReport, parserCPU: Double) -> FileRead {
        flush(final: true)
        return FileRead(report: report, handed: handed, anonymous: anonymous, lateStatements: lateStatements, next: next, total: total,
                        undescribed: undescribed, parserCPU: parserCPU)
    }

    /// What the catalogue lists but the document never describes (after the final flush): the per-dataset
    /// documents of catalogues that link their datasets (DCAT-AP "documents" catalogues such as the Czech and
    /// Slovak national ones), in order.
    var undescribed: [String] {
        var seen = Set<String>()
        return listed.compactMap { term in term.iri.flatMap { seen.insert($0).inserted ? $0 : nil } }
    }

    /// Hands over what is complete; with `final`, everything left.
    func flush(final: Bool) {
        // What was emitted and dangling changes below, and terms may be numbered again: the next statement's
        // subject is looked up again.
        defer {
            currentID = -1
            currentTerm = nil
        }
        lastFlush = sequence
        let quietSince = sequence - holdBack
        // Cut first, then drop.
        var done: [(found: DCATRecords.Found, prefixes: (slash: [UInt8], hash: [UInt8])?)] = []
        for subject in records.candidates(listed: listed) {
            // A record still being written is held back without cutting it (the check below would find it too).
            if !final && (terms.stamp(of: subject) ?? 0) > quietSince { continue }
            let found = records.cut(subject)
            let prefixes = Self.ownPrefixes(of: found.subject)
            // Held back while the record's own nodes are still being written; shared nodes (a publisher
            // described again with every dataset) do not hold anything back.
            if !final, found.nodes.contains(where: { node in
                (terms.stamp(of: node) ?? 0) > quietSince && (node == subject || belongs(node, prefixes: prefixes))
            }) { continue }
            done.append((found, prefixes))
        }
        for (found, prefixes) in done {
            let subject = found.nodes[0]
            emitted.insert(found.subject)
            late.insert(Self.hash(found.subject))
            terms.handOver(subject)
            if found.localID == nil {
                anonymous += 1
            } else {
                handed += 1
                emit(found)
            }
            if !final {
                for node in found.nodes {
                    for statement in terms.statements(about: node) {
                        let object = statement.object
                        let flags = terms.flags[Int(object)]
                        let watched = flags.contains(.blank)
                            || (!flags.contains(.literal) && terms.roles[Int(statement.predicate)].contains(.distribution))
                        if watched && !terms.describes(object) {
                            dangling.insert(terms.term(object))
                            late.insert(terms.store.hash(object))
                        }
                    }
                }
            }
            for node in found.nodes where node == subject || belongs(node, prefixes: prefixes) {
                terms.remove(node)
            }
        }
        if !done.isEmpty { listed.removeAll { emitted.contains($0) } }
        if !final, terms.compactIfSparse() { records.termsRenumbered() }
    }

    /// The hash of a resource as `DCATTermStore.hash` gives it.
    private static func hash(_ term: RDFTerm) -> UInt64 {
        RDFTermBytes.with(term) { DCATTermStore.hash($0.kind, $0.text) }
    }

    /// What the IRIs of a record's own nodes start with (`record/` and `record#`), worked out once per record.
    private static func ownPrefixes(of record: RDFTerm) -> (slash: [UInt8], hash: [UInt8])? {
        record.iri.map { (Array($0.utf8) + [0x2F], Array($0.utf8) + [0x23]) }
    }

    /// A node that is the record's own: a blank node, a distribution, or an IRI under the record's IRI (`prefixes`).
    private func belongs(_ node: Int32, prefixes: (slash: [UInt8], hash: [UInt8])?) -> Bool {
        let flags = terms.flags[Int(node)]
        if flags.contains(.blank) { return true }
        if flags.contains(.literal) { return false }
        if let prefixes, terms.store.hasPrefix(node, prefixes.slash) || terms.store.hasPrefix(node, prefixes.hash) { return true }
        return flags.contains(.distribution)
    }
}
