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
///
/// The cut reads a `DCATTermGraph` (terms numbered); `DCATStream` fills one as a document streams in, and
/// `init(graph:)` fills one from a whole graph.
final class DCATRecords {
    struct Found {
        var subject: RDFTerm
        /// `dct:identifier` when the record has one, else its IRI; nil for a blank node without identifier.
        var localID: String?
        /// The record as N-Triples, its first statement about the record itself.
        var payload: [UInt8]
        /// How many statements `payload` holds.
        var statementCount: Int
        /// The statements of `payload` as reading it gives them back, as a record graph, when that is certain
        /// without reading it (`NTriplesRecordWriter.append`); nil otherwise. The harvester hands it to the mapper
        /// as `RawRecord.preparsed`, so the payload is not parsed again.
        var graph: DCATRecordGraph?
        /// The nodes the cut visited, the record first, as numbers of the term graph it was cut from (valid until
        /// that graph is compacted).
        var nodes: [Int32]
        /// True when the cut stopped at `maxTriples`.
        var truncated: Bool

        /// Where the record is, for issues: its IRI, else its identifier.
        var pointer: String { subject.iri ?? "dataset \(localID ?? "")" }
    }

    /// A record reaching more than this many triples is cut there (a catalogue's whole graph hanging off one
    /// dataset is a publishing error, and must not make one record hold everything).
    static let maxTriples = 50_000

    let terms: DCATTermGraph
    /// The records of a whole graph (`init(graph:)`), in document order.
    private var wholeGraphRecords: [Int32] = []
    /// The datatype IRIs written so far, shared by the records of this graph.
    private let iris = NTriplesIRICache()
    /// Each predicate as N-Triples writes it (`<…>`), by number, in one buffer; and whether it reads back certainly.
    private var predicateText: [UInt8] = []
    private var predicateSpans: [(start: Int, count: Int, plain: Bool)] = []
    /// What a cut noted about a term, valid while the cut number it holds is the current one.
    private struct Marks {
        /// The last cut (or candidate list) that queued the term.
        var queuedIn: UInt32 = 0
        /// The last cut that named it (a blank node), and the label number it got there.
        var namedIn: UInt32 = 0
        var blankName: Int32 = 0
        /// The last cut that gave it a node of the record graph, and that node.
        var nodeIn: UInt32 = 0
        var node: Int32 = 0
    }

    /// Per term number.
    private var marks: [Marks] = []
    private var cuts: UInt32 = 0

    /// Cuts records out of `terms` as it fills (see `DCATStream`).
    init(terms: DCATTermGraph) {
        self.terms = terms
    }

    /// The records of a whole graph. Catalogue links stay in the graph and name records too.
    convenience init(graph: RDFGraph) {
        let terms = DCATTermGraph()
        var listed: [RDFTerm] = []
        graph.forEachSubject { subject, statements in
            let subjectID = terms.id(of: subject)
            for statement in statements {
                let predicate = terms.predicateID(statement.predicate)
                if terms.roles[Int(predicate)].contains(.member), statement.object.isResource { listed.append(statement.object) }
                terms.add(subjectID, predicate, term: statement.object, stamp: 0)
            }
        }
        self.init(terms: terms)
        wholeGraphRecords = candidates(listed: listed)
    }

    /// The records to cut now: those typed so far, in document order, then the untyped ones a catalogue lists
    /// (`listed`) that the graph describes, which become records.
    func candidates(listed: some Sequence<RDFTerm>) -> [Int32] {
        var found = terms.pendingTypedRecords()
        let cut = beginCut()
        for id in found { marks[Int(id)].queuedIn = cut }
        for term in listed {
            guard let id = terms.existingID(of: term), terms.describes(id), !terms.flags[Int(id)].contains(.catalog),
                  !terms.flags[Int(id)].contains(.handed), marks[Int(id)].queuedIn != cut else { continue }
            marks[Int(id)].queuedIn = cut
            terms.markRecord(id)
            found.append(id)
        }
        return found
    }

    /// Each record of the graph `init(graph:)` read, with its triples, in document order.
    func all() -> [Found] {
        wholeGraphRecords.map(cut)
    }

    /// A new cut number, with room in the per-term tables for every term numbered so far.
    private func beginCut() -> UInt32 {
        if marks.count < terms.termCount { marks += repeatElement(Marks(), count: terms.termCount - marks.count) }
        if cuts == UInt32.max {
            cuts = 0
            termsRenumbered()
            return beginCut()
        }
        cuts += 1
        return cuts
    }

    /// Forgets the per-term tables (the term graph was numbered again).
    func termsRenumbered() {
        marks = []
    }

    func cut(_ subject: Int32) -> Found {
        let cut = beginCut()
        let graph = terms
        let flags = graph.flags
        let store = graph.store
        var writer = NTriplesRecordWriter(capacity: 4096, iris: iris)
        var count = 0
        var queue: [Int32] = [subject]
        marks[Int(subject)].queuedIn = cut
        var truncated = false
        var head = 0
        var blanks: Int32 = 0
        // The statements as reading the payload gives them back, while that is certain (see `Found.graph`): each
        // node is visited once, so its statements go into the graph together.
        var handed = DCATRecordGraph(predicates: graph.predicates, tags: store.tags, capacity: 64)
        var certain = true
        /// The number of a blank node's label `b<number>` in this cut, given at its first mention.
        func blankNumber(_ id: Int32) -> Int {
            if marks[Int(id)].namedIn != cut {
                marks[Int(id)].namedIn = cut
                marks[Int(id)].blankName = blanks
                blanks += 1
            }
            return Int(marks[Int(id)].blankName)
        }
        /// The node of a resource in `handed`, given at its first mention in this cut.
        func handedNode(_ id: Int32) -> Int32 {
            if marks[Int(id)].nodeIn == cut { return marks[Int(id)].node }
            let made = flags[Int(id)].contains(.blank) ? handed.addBlank(number: blankNumber(id)) : handed.add(from: store, id)
            marks[Int(id)].nodeIn = cut
            marks[Int(id)].node = made
            return made
        }
        func queued(_ id: Int32) -> Bool {
            if marks[Int(id)].queuedIn == cut { return true }
            marks[Int(id)].queuedIn = cut
            return false
        }
        // The statements of each node of `queue`, found when it was queued.
        var pending: [[DCATTermGraph.Statement]] = [graph.statements(about: subject)]
        writePredicates()
        let predicateSpans = self.predicateSpans
        let predicateText = self.predicateText
        func visit(_ node: Int32, _ statements: [DCATTermGraph.Statement], _ predicates: UnsafeRawBufferPointer) {
            if flags[Int(node)].contains(.blank) {
                writer.begin(blank: blankNumber(node))
            } else {
                store.withText(node) { writer.begin(iri: $0) }
            }
            if certain { handed.begin(handedNode(node)) }
            for index in ordered(statements) {
                guard count < Self.maxTriples else { truncated = true; return }
                let predicateID = statements[index].predicate
                let span = predicateSpans[Int(predicateID)]
                let predicate = NTriplesRecordWriter.Predicate(text: UnsafeRawBufferPointer(rebasing: predicates[span.start..<span.start + span.count]),
                                                               plain: span.plain)
                let objectID = statements[index].object
                let objectFlags = flags[Int(objectID)]
                if objectFlags.contains(.literal) {
                    let tag = store.tag(objectID)
                    let parts = store.tags.parts(of: tag)
                    let back = store.withText(objectID) { writer.append(predicate, literal: $0, language: parts.language, datatype: parts.datatype) }
                    if certain {
                        if let back {
                            handed.append(predicateID, handed.add(from: store, objectID, tag: back == .plain ? -1 : tag))
                        } else {
                            certain = false
                        }
                    }
                } else {
                    let plain = objectFlags.contains(.blank)
                        ? writer.append(predicate, blank: blankNumber(objectID))
                        : store.withText(objectID) { writer.append(predicate, iri: $0) }
                    if certain {
                        if plain { handed.append(predicateID, handedNode(objectID)) } else { certain = false }
                    }
                }
                count += 1
                // Most objects (themes, languages, pages) are not described here: that check goes first.
                if !objectFlags.contains(.literal), let described = graph.statementsIfDescribed(objectID),
                   objectFlags.isDisjoint(with: [.record, .catalog]), !queued(objectID) {
                    queue.append(objectID)
                    pending.append(described)
                }
            }
        }
        predicateText.withUnsafeBytes { predicates in
            while head < queue.count {
                visit(queue[head], pending[head], predicates)
                head += 1
            }
            for record in graph.catalogRecords[subject] ?? [] where graph.describes(record) && !queued(record) {
                queue.append(record)
                pending.append(graph.statements(about: record))
                while head < queue.count {
                    visit(queue[head], pending[head], predicates)
                    head += 1
                }
            }
        }
        return Found(subject: graph.term(subject), localID: localID(of: subject), payload: writer.bytes, statementCount: count,
                     graph: certain ? handed : nil, nodes: queue, truncated: truncated)
    }

    /// Writes the predicates numbered since the last cut into `predicateText`.
    private func writePredicates() {
        while predicateSpans.count < terms.predicates.count {
            var iri = terms.predicates[Int32(predicateSpans.count)]
            let start = predicateText.count
            let plain = iri.withUTF8 { NTriplesWriter.appendCheckedIRI(bytes: $0, to: &predicateText) }
            predicateSpans.append((start, predicateText.count - start, plain))
        }
    }

    /// The positions of a node's statements in a fixed order (predicate, then object), so the same graph gives
    /// the same record whatever serialisation and statement order it was published in; blank objects sort by
    /// what they say. Predicates are compared by rank (`DCATTermGraph.ranks`), objects only under the same
    /// predicate; an insertion sort, stable, since a node has a few dozen statements at most in practice.
    private func ordered(_ statements: [DCATTermGraph.Statement]) -> [Int] {
        var order = Array(statements.indices)
        guard statements.count > 1 else { return order }
        let ranks = terms.ranks
        func precedes(_ left: Int, _ right: Int) -> Bool {
            let leftRank = ranks[Int(statements[left].predicate)], rightRank = ranks[Int(statements[right].predicate)]
            if leftRank != rightRank { return leftRank < rightRank }
            let leftObject = statements[left].object, rightObject = statements[right].object
            if leftObject == rightObject { return left < right }
            switch compare(leftObject, rightObject) {
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

    /// Two terms in the order of their `RDFTerm`s: IRIs, then literals, then blank nodes; IRIs and literals by text
    /// as `String`'s `<` orders them, a literal then by language tag and datatype; blank nodes by what they say.
    private func compare(_ a: Int32, _ b: Int32) -> Order {
        func order<T: Comparable>(_ x: T, _ y: T) -> Order { x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        let store = terms.store
        switch (store.kind(a), store.kind(b)) {
        case (.iri, .iri): return order(store.compareTexts(a, b), 0)
        case (.literal, .literal):
            let texts = store.compareTexts(a, b)
            if texts != 0 { return order(texts, 0) }
            let (x, y) = (store.tags.parts(of: store.tag(a)), store.tags.parts(of: store.tag(b)))
            if (x.language ?? "") != (y.language ?? "") { return order(x.language ?? "", y.language ?? "") }
            return order(x.datatype ?? "", y.datatype ?? "")
        case (.blank, .blank): return order(signature(a, depth: 0), signature(b, depth: 0))
        case (let x, let y): return order(x.rawValue, y.rawValue)
        }
    }

    /// What a blank node says, as text: only computed when two blank objects of one predicate meet.
    private func signature(_ id: Int32, depth: Int) -> String {
        switch terms.term(id) {
        case .iri(let iri): return "0" + iri
        case .literal(let value, let datatype, let language): return "1" + value + "\u{2}" + (language ?? "") + "\u{2}" + (datatype ?? "")
        case .blank:
            guard depth < 2 else { return "2" }
            let inner = terms.statements(about: id).map {
                terms.predicates[$0.predicate] + "\u{3}" + signature($0.object, depth: depth + 1)
            }.sorted()
            return "2" + inner.joined(separator: "\u{4}")
        }
    }

    /// `dct:identifier` (a short text or IRI), else the record's IRI, else (for a blank node) the identifier of
    /// its `dcat:CatalogRecord` (GeoDCAT-AP keeps an ISO record's fileIdentifier there).
    private func localID(of subject: Int32) -> String? {
        if let found = identifier(of: subject) { return found }
        if let iri = terms.store.iri(subject) { return iri }
        var records: [Int32] = []
        for statement in terms.statements(about: subject) where terms.roles[Int(statement.predicate)].contains(.isPrimaryTopicOf) {
            records.append(statement.object)
        }
        records += (terms.catalogRecords[subject] ?? []).filter(terms.describes)
        return records.lazy.compactMap(identifier).first
    }

    private func identifier(of subject: Int32) -> String? {
        for statement in terms.statements(about: subject) where terms.roles[Int(statement.predicate)].contains(.identifier) {
            if let text = Self.identifierText(terms.term(statement.object)) { return text }
        }
        return nil
    }

    /// An identifier's text when it can serve as a local id: a literal (trimmed) or an IRI, not empty, at most 300
    /// bytes, on one line.
    static func identifierText(_ object: RDFTerm) -> String? {
        let text: String?
        switch object {
        case .literal(let value, _, _): text = value.trimmed
        case .iri(let iri): text = iri
        case .blank: text = nil
        }
        guard let text, !text.isEmpty, text.utf8.count <= 300, !holdsLineFeed(text) else { return nil }
        return text
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
