import CatalogModel
import FeedParsing

/// Finds the records of a DCAT graph and cuts each one out with what it links to.
///
/// Records are the subjects typed `dcat:Dataset`, `dcat:DatasetSeries` or `dcat:DataService`, and the untyped
/// subjects a catalogue lists with `dcat:dataset`/`dcat:service`/`dcat:resource`, in document order, with or
/// without a `dcat:Catalog` around them. A record's triples are its own statements, then those of every node it
/// reaches (distributions, agents, contact points, licence documents, locations, blank nodes) except other
/// records and catalogues, then those of the `dcat:CatalogRecord`s whose `foaf:primaryTopic` it is. Blank nodes
/// are relabelled `b0, b1, …` in order of appearance so the same record gives the same bytes on every run.
struct DCATRecords {
    struct Found {
        var subject: RDFTerm
        /// `dct:identifier` when the record has one, else its IRI; nil for a blank node without identifier.
        var localID: String?
        /// The record as N-Triples, its first statement about the record itself.
        var payload: [UInt8]
        /// How many statements `payload` holds.
        var statementCount: Int
        /// The statements of `payload` as reading it gives them back, as a graph, when that is certain without
        /// reading it (`NTriplesWriter.readBack`); nil otherwise.
        var graph: RDFGraph?
        /// The nodes the cut visited, the record first (with their labels in the document).
        var nodes: [RDFTerm]
        /// True when the cut stopped at `maxTriples`.
        var truncated: Bool

        /// Where the record is, for issues: its IRI, else its identifier.
        var pointer: String { subject.iri ?? "dataset \(localID ?? "")" }
    }

    /// A record reaching more than this many triples is cut there (a catalogue's whole graph hanging off one
    /// dataset is a publishing error, and must not make one record hold everything).
    static let maxTriples = 50_000

    let graph: RDFGraph
    private(set) var recordSubjects: [RDFTerm] = []
    private var isRecord: Set<RDFTerm> = []
    private var isCatalog: Set<RDFTerm> = []
    private var catalogRecords: [RDFTerm: [RDFTerm]] = [:]

    /// `listed`: records a catalogue lists that the caller kept out of the graph (see `DCATStream`).
    init(graph: RDFGraph, listed extra: some Sequence<RDFTerm> = [RDFTerm]()) {
        self.graph = graph
        var listed: [RDFTerm] = Array(extra)
        // Most statements have none of the predicates looked at here, which their length alone tells.
        let typeIRI = RDFNames.type
        let watched = ([typeIRI] + DCATTerms.catalogMembers + DCATTerms.primaryTopic).reduce(UInt64(0)) { $0 | Self.lengthBit($1) }
        graph.forEachSubject { subject, statements in
            var catalog = false, record = false
            for index in statements.indices where watched & Self.lengthBit(statements[index].predicate) != 0 {
                let statement = statements[index]
                if DCATTerms.same(statement.predicate, typeIRI), case .iri(let type) = statement.object {
                    if DCATTerms.isAny(type, of: DCATTerms.catalogClassList) { catalog = true }
                    if DCATTerms.isAny(type, of: DCATTerms.recordClassList) { record = true }
                }
                if DCATTerms.isAny(statement.predicate, of: DCATTerms.catalogMembers), statement.object.isResource { listed.append(statement.object) }
                if DCATTerms.isAny(statement.predicate, of: DCATTerms.primaryTopic), statement.object.isResource {
                    catalogRecords[statement.object, default: []].append(subject)
                }
            }
            if catalog { isCatalog.insert(subject) }
            if record, isRecord.insert(subject).inserted { recordSubjects.append(subject) }
        }
        // Untyped members of a catalogue are records too, when the document describes them.
        for subject in listed where graph.describes(subject) && !isCatalog.contains(subject) && isRecord.insert(subject).inserted {
            recordSubjects.append(subject)
        }
    }

    /// A bit for the length of `iri` (modulo 64), to rule out many IRIs at once.
    @inline(__always)
    private static func lengthBit(_ iri: String) -> UInt64 { 1 << UInt64(iri.utf8.count & 63) }

    /// The catalogue nodes of the document (for paging and messages).
    var catalogs: Set<RDFTerm> { isCatalog }

    /// Each record with its triples, in document order.
    func all() -> [Found] {
        recordSubjects.map(cut)
    }

    /// The predicate and datatype IRIs written so far, shared by the records of this graph.
    private let iris = NTriplesIRICache()
    /// The predicates' order, shared by the records of this graph.
    private let predicateOrder = DCATPredicateOrder()

    func cut(_ subject: RDFTerm) -> Found {
        var writer = NTriplesRecordWriter(capacity: 4096, iris: iris)
        var count = 0
        var queue: [RDFTerm] = [subject]
        // The nodes queued so far (`queue`), found by comparing them while they are few (a record reaches a handful),
        // through a set beyond.
        var visited: Set<RDFTerm>?
        func visit(new node: RDFTerm) -> Bool {
            if visited == nil {
                for held in queue where RDFGraph.same(held, node) { return false }
                if queue.count >= 16 { visited = Set(queue + [node]) }
                return true
            }
            return visited!.insert(node).inserted
        }
        var truncated = false
        var head = 0
        var names: [String: String] = [:]
        // The statements as reading the payload gives them back, while that is certain (see `Found.graph`): each
        // node is visited once, so its statements go into the graph at once.
        var handed = RDFGraph()
        var certain = true
        var backStatements: [RDFGraph.Statement] = []
        func renamed(_ term: RDFTerm) -> RDFTerm {
            guard case .blank(let label) = term else { return term }
            if let name = names[label] { return .blank(name) }
            let name = "b\(names.count)"
            names[label] = name
            return .blank(name)
        }
        // The statements of each node of `queue`, found when it was queued.
        var pending: [[RDFGraph.Statement]] = [graph.statements(about: subject)]
        func visit(_ node: RDFTerm, _ statements: [RDFGraph.Statement]) {
            let subject = renamed(node)
            writer.begin(subject)
            defer {
                if certain { handed.appendNew(subject, statements: backStatements) }
                backStatements.removeAll(keepingCapacity: true)
            }
            for index in ordered(statements) {
                guard count < Self.maxTriples else { truncated = true; return }
                let predicate = statements[index].predicate
                let object = statements[index].object
                let back = writer.append(predicate, renamed(object))
                if certain {
                    if let back {
                        backStatements.append(RDFGraph.Statement(predicate: predicate, object: back))
                    } else {
                        certain = false
                        handed = RDFGraph()
                    }
                }
                count += 1
                // Most objects (themes, languages, pages) are not described here: that check goes first.
                if object.isResource, let described = graph.statementsIfDescribed(object), !isRecord.contains(object),
                   !isCatalog.contains(object), visit(new: object) {
                    queue.append(object)
                    pending.append(described)
                }
            }
        }
        while head < queue.count {
            visit(queue[head], pending[head])
            head += 1
        }
        for record in catalogRecords[subject] ?? [] where visit(new: record) {
            queue.append(record)
            pending.append(graph.statements(about: record))
            while head < queue.count {
                visit(queue[head], pending[head])
                head += 1
            }
        }
        return Found(subject: subject, localID: Self.localID(of: subject, in: graph), payload: writer.bytes, statementCount: count, graph: certain ? handed : nil, nodes: queue,
                     truncated: truncated)
    }

    /// The positions of a node's statements in a fixed order (predicate, then object), so the same graph gives
    /// the same record whatever serialisation and statement order it was published in; blank objects sort by
    /// what they say. Positions are sorted, not statements, to keep copying out of the sort.
    /// Predicates are compared by rank (`DCATPredicateOrder`), objects only under the same predicate; an insertion
    /// sort, stable, since a node has a few dozen statements at most in practice.
    private func ordered(_ statements: [RDFGraph.Statement]) -> [Int] {
        var order = Array(statements.indices)
        guard statements.count > 1 else { return order }
        let ranks = predicateOrder.ranks(of: statements)
        func precedes(_ left: Int, _ right: Int) -> Bool {
            if ranks[left] != ranks[right] { return ranks[left] < ranks[right] }
            switch compare(statements[left].object, statements[right].object) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return left < right
            }
        }
        guard statements.count <= 64 else { return order.sorted(by: precedes) }
        for position in 1..<order.count {
            let moving = order[position]
            var hole = position
            while hole > 0 && precedes(moving, order[hole - 1]) {
                order[hole] = order[hole - 1]
                hole -= 1
            }
            order[hole] = moving
        }
        return order
    }

    private enum Order { case orderedAscending, orderedSame, orderedDescending }

    private func compare(_ a: RDFTerm, _ b: RDFTerm) -> Order {
        func order<T: Comparable>(_ x: T, _ y: T) -> Order { x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        switch (a, b) {
        case (.iri(let x), .iri(let y)): return order(x, y)
        case (.literal(let x, let xd, let xl), .literal(let y, let yd, let yl)):
            if x != y { return order(x, y) }
            if xl != yl { return order(xl ?? "", yl ?? "") }
            return order(xd ?? "", yd ?? "")
        case (.blank, .blank): return order(signature(a, depth: 0), signature(b, depth: 0))
        default: return order(rank(a), rank(b))
        }
    }

    private func rank(_ term: RDFTerm) -> Int {
        switch term {
        case .iri: return 0
        case .literal: return 1
        case .blank: return 2
        }
    }

    /// What a blank node says, as text: only computed when two blank objects of one predicate meet.
    private func signature(_ term: RDFTerm, depth: Int) -> String {
        switch term {
        case .iri(let iri): return "0" + iri
        case .literal(let value, let datatype, let language): return "1" + value + "\u{2}" + (language ?? "") + "\u{2}" + (datatype ?? "")
        case .blank:
            guard depth < 2 else { return "2" }
            let inner = graph.statements(about: term).map { $0.predicate + "\u{3}" + signature($0.object, depth: depth + 1) }.sorted()
            return "2" + inner.joined(separator: "\u{4}")
        }
    }

    /// `dct:identifier` (a short text or IRI), else the record's IRI, else (for a blank node) the identifier of
    /// its `dcat:CatalogRecord` (GeoDCAT-AP keeps an ISO record's fileIdentifier there).
    static func localID(of subject: RDFTerm, in graph: RDFGraph) -> String? {
        if let found = identifier(of: subject, in: graph) { return found }
        if let iri = subject.iri { return iri }
        let records = graph.objects(subject, DCATIRIs.foafIsPrimaryTopicOf) + graph.subjects(where: DCATIRIs.foafPrimaryTopic, is: subject)
        return records.lazy.compactMap { identifier(of: $0, in: graph) }.first
    }

    private static func identifier(of subject: RDFTerm, in graph: RDFGraph) -> String? {
        for object in graph.objects(subject, DCATIRIs.dctIdentifier) {
            let text: String?
            switch object {
            case .literal(let value, _, _): text = value.trimmed
            case .iri(let iri): text = iri
            case .blank: text = nil
            }
            if let text, !text.isEmpty, text.utf8.count <= 300, !Self.holdsLineFeed(text) { return text }
        }
        return nil
    }
}

extension DCATRecords {
    /// `text.contains("\n")`, answered without Foundation's search (some ten thousand instructions a call) when the
    /// text holds neither a line feed nor a carriage return byte.
    static func holdsLineFeed(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return false }
        return text.contains("\n")
    }
}

/// A record's statements as reading its stored N-Triples gives them (`DCATRecords.Found.graph`), handed to
/// `DCATMapper` as `RawRecord.preparsed` so the payload is not parsed again.
struct DCATRecordGraph: Sendable {
    var graph: RDFGraph
}

extension DCATRecords.Found {
    /// What the harvester hands the mapper besides the payload (nil: the mapper parses the payload).
    var preparsed: DCATRecordGraph? { graph.map(DCATRecordGraph.init) }
}
