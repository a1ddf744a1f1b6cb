import CatalogModel
import FeedParsing

/// Cuts records out of a triple stream as it arrives, so a dump of any size is read in bounded memory.
///
/// Triples go into a graph; whenever `flushEvery` new statements have arrived, every record whose nodes have
/// all been quiet for the last `holdBack` statements is cut and handed over, and its own nodes (the record,
/// its blank nodes and distributions, and IRIs under its own IRI) are dropped. Shared nodes (publishers,
/// licence documents, the catalogue) stay. Dumps are grouped by subject in practice (ckanext-dcat, piveau,
/// GeoNetwork, rdflib and the generator all write a dataset and its parts together); a statement about a
/// record already handed over is counted in `lateStatements` and reported, never silently merged.
final class DCATStream {
    let flushEvery: Int
    let holdBack: Int
    private let emit: (DCATRecords.Found) -> Void
    private var graph = RDFGraph()
    private var sequence = 0
    private var lastFlush = 0
    /// The subject of the statements arriving now (documents are grouped by subject), checked once against
    /// `emitted` and `dangling` since the last flush: the subject is hashed once per run of statements instead of
    /// twice per statement. The sequence of each subject's last statement is the graph's stamp of it
    /// (`RDFGraph.stamp(of:)`), kept in the entry the statement is added to, so no table beside the graph is hashed.
    private var current: RDFTerm?
    private var emitted: Set<RDFTerm> = []
    /// Records a catalogue lists (`dcat:dataset` links), kept out of the graph: a catalogue of 100,000 datasets
    /// would otherwise be one node scanned at every flush.
    private var listed: [RDFTerm] = []
    /// Nodes handed-over records point to (their distributions, their blank nodes) that had not been described
    /// yet: a description arriving later means the document is not grouped by subject.
    private var dangling: Set<RDFTerm> = []
    /// Statements about records already handed over.
    private(set) var lateStatements = 0
    /// Records without an IRI or identifier, skipped.
    private(set) var anonymous = 0
    /// The paging links, read from the statements as they pass.
    private(set) var next: String?
    private(set) var total: Int?

    init(flushEvery: Int = 50_000, holdBack: Int = 5_000, emit: @escaping (DCATRecords.Found) -> Void) {
        self.flushEvery = flushEvery
        self.holdBack = holdBack
        self.emit = emit
    }

    func add(_ triple: RDFTriple) {
        sequence += 1
        if triple.subject != current {
            if emitted.contains(triple.subject) || dangling.contains(triple.subject) {
                lateStatements += 1
                return
            }
            current = triple.subject
        }
        if DCATTerms.isAny(triple.predicate, of: DCATTerms.pagingPredicates) {
            var single = RDFGraph()
            single.add(triple)
            let paging = DCATPage.paging(single)
            next = next ?? paging.next
            total = total ?? paging.total
        }
        if DCATTerms.isAny(triple.predicate, of: DCATTerms.catalogMembers), triple.object.isResource {
            if !emitted.contains(triple.object) { listed.append(triple.object) }
            return
        }
        graph.add(triple, stamp: sequence)
        if sequence - lastFlush >= flushEvery { flush(final: false) }
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
        // What was emitted and dangling changes below: the next statement's subject is checked again.
        defer { current = nil }
        lastFlush = sequence
        let quietSince = sequence - holdBack
        // Cut first, then drop: the graph is not shared while nodes are removed, so it is not copied.
        var done: [DCATRecords.Found] = []
        do {
            let records = DCATRecords(graph: graph, listed: listed)
            for subject in records.recordSubjects {
                // A record still being written is held back without cutting it (the check below would find it too).
                if !final && (graph.stamp(of: subject) ?? 0) > quietSince { continue }
                let found = records.cut(subject)
                // Held back while the record's own nodes are still being written; shared nodes (a publisher
                // described again with every dataset) do not hold anything back.
                if !final {
                    let prefixes = Self.ownPrefixes(of: subject)
                    if found.nodes.contains(where: { node in
                        (graph.stamp(of: node) ?? 0) > quietSince && (node == subject || belongs(node, prefixes: prefixes))
                    }) { continue }
                }
                done.append(found)
            }
        }
        for found in done {
            let subject = found.subject
            emitted.insert(subject)
            if found.localID == nil { anonymous += 1 } else { emit(found) }
            if !final {
                for node in found.nodes {
                    let statements = graph.statements(about: node)
                    for index in statements.indices {
                        let object = statements[index].object
                        let watched: Bool
                        if case .blank = object { watched = true } else { watched = object.isResource && statements[index].predicate == Self.distribution }
                        if watched && !graph.describes(object) { dangling.insert(object) }
                    }
                }
            }
            let prefixes = Self.ownPrefixes(of: subject)
            for node in found.nodes where node == subject || belongs(node, prefixes: prefixes) {
                graph.remove(subject: node)
            }
        }
        if !done.isEmpty { listed.removeAll { emitted.contains($0) } }
    }

    private static let distribution = DCATIRIs.dcatDistribution

    /// What the IRIs of a record's own nodes start with (`record/` and `record#`), worked out once per record.
    private static func ownPrefixes(of record: RDFTerm) -> (slash: String, hash: String)? {
        record.iri.map { ($0 + "/", $0 + "#") }
    }

    /// A node that is the record's own: a blank node, a distribution, or an IRI under the record's IRI (`prefixes`).
    /// The graph is read in place (passed as an argument, it would be copied at every call).
    private func belongs(_ node: RDFTerm, prefixes: (slash: String, hash: String)?) -> Bool {
        switch node {
        case .blank: return true
        case .iri(let iri):
            if let prefixes, iri.hasPrefix(prefixes.slash) || iri.hasPrefix(prefixes.hash) { return true }
            return graph.types(of: node).contains(DCATIRIs.dcatClassDistribution)
        case .literal: return false
        }
    }
}
