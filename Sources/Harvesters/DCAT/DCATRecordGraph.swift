import FeedParsing

/// One record's statements as the mapper reads them: every term numbered (a node), the record first, each described
/// node's statements side by side in one array, predicates numbered in a `DCATPredicateTable`. Reading a node's
/// statements is indexing; a predicate is compared as a number.
///
/// The cut builds one as it writes a record's N-Triples, holding exactly what reading that payload back gives
/// (`DCATRecords.Found.graph`), and hands it to the mapper as `RawRecord.preparsed`; a stored payload is read into
/// one by `init(triples:)`.
struct DCATRecordGraph: Sendable {
    typealias Node = Int32

    struct Statement: Sendable, Equatable {
        var predicate: Int32
        var object: Node
    }

    /// Where a node's statements are in `statements` (count 0: the graph does not describe it).
    private struct Span: Sendable {
        var start: Int32
        var count: Int32
    }

    /// The nodes' terms, by node.
    private(set) var store: DCATTermStore
    private var spans: [Span] = []
    private(set) var statements: [Statement] = []
    /// The described nodes, in the order their statements come (the record first).
    private(set) var described: [Node] = []
    private(set) var predicates: DCATPredicateTable
    /// The node whose statements `append` adds to.
    private var open: Node = -1

    /// An empty graph numbering its predicates in `predicates` (shared with the term graph it is cut from).
    init(predicates: DCATPredicateTable, tags: DCATLiteralTags = DCATLiteralTags(), capacity: Int = 0) {
        self.predicates = predicates
        store = DCATTermStore(tags: tags, capacity: capacity, byteCapacity: capacity * 48)
        if capacity > 0 {
            spans.reserveCapacity(capacity)
            statements.reserveCapacity(capacity)
        }
    }

    /// A record's triples (its stored N-Triples read back), the first subject being the record; the statements of
    /// a subject are kept together in the order they come.
    init(triples: [RDFTriple]) {
        self.init(predicates: DCATPredicateTable())
        var nodes: [RDFTerm: Node] = [:]
        func node(_ term: RDFTerm) -> Node {
            if case .literal = term { return add(term) }
            if let found = nodes[term] { return found }
            let made = add(term)
            nodes[term] = made
            return made
        }
        var bySubject: [[(predicate: Int32, object: Node)]] = []
        var subjectOf: [Node: Int] = [:]
        var order: [Node] = []
        for triple in triples {
            let subject = node(triple.subject)
            let predicate = predicates.add(triple.predicate).id
            let object = node(triple.object)
            if let at = subjectOf[subject] {
                bySubject[at].append((predicate, object))
            } else {
                subjectOf[subject] = bySubject.count
                bySubject.append([(predicate, object)])
                order.append(subject)
            }
        }
        for (index, subject) in order.enumerated() {
            begin(subject)
            for statement in bySubject[index] { append(statement.predicate, statement.object) }
        }
    }

    // MARK: - Building

    /// Numbers `term` as a new node.
    mutating func add(_ term: RDFTerm) -> Node {
        store.append(term)
        return opened()
    }

    /// Numbers term `id` of `other` as a new node; a literal tagged `tag` (a number of this graph's tags).
    mutating func add(from other: DCATTermStore, _ id: Int32, tag: Int32 = -1) -> Node {
        store.append(from: other, id, tag: tag)
        return opened()
    }

    /// Numbers the blank node `b<number>` as a new node.
    mutating func addBlank(number: Int) -> Node {
        store.appendBlank(number: number)
        return opened()
    }

    private mutating func opened() -> Node {
        spans.append(Span(start: Int32(statements.count), count: 0))
        return Node(store.count - 1)
    }

    /// The statements appended next are about `node` (each node is begun once).
    mutating func begin(_ node: Node) {
        open = node
        spans[Int(node)] = Span(start: Int32(statements.count), count: 0)
        described.append(node)
    }

    /// Appends `open predicate object`.
    mutating func append(_ predicate: Int32, _ object: Node) {
        statements.append(Statement(predicate: predicate, object: object))
        spans[Int(open)].count += 1
    }

    // MARK: - Reading

    /// The record: the first node described.
    var record: Node? { described.first }

    func term(_ node: Node) -> RDFTerm { store.term(node) }

    /// The statements about `node`, in the order they were written.
    func statements(about node: Node) -> ArraySlice<Statement> {
        let span = spans[Int(node)]
        return statements[Int(span.start)..<Int(span.start + span.count)]
    }

    func describes(_ node: Node) -> Bool { spans[Int(node)].count > 0 }

    /// The objects of `node predicate`, in order.
    func objects(_ node: Node, _ predicate: String) -> [Node] {
        guard let id = predicates.id(of: predicate) else { return [] }
        return statements(about: node).compactMap { $0.predicate == id ? $0.object : nil }
    }

    /// The first object of `node predicate`.
    func object(_ node: Node, _ predicate: String) -> Node? {
        guard let id = predicates.id(of: predicate) else { return nil }
        return statements(about: node).first { $0.predicate == id }?.object
    }

    /// The `rdf:type` IRIs of `node`.
    func types(of node: Node) -> [String] {
        objects(node, RDFNames.type).compactMap { store.iri($0) }
    }

    /// The described nodes that say `predicate object`.
    func subjects(where predicate: String, is object: Node) -> [Node] {
        guard let id = predicates.id(of: predicate) else { return [] }
        return described.filter { statements(about: $0).contains(Statement(predicate: id, object: object)) }
    }

    /// The statements as triples, in order (what the record's N-Triples say).
    var triples: [RDFTriple] {
        described.flatMap { subject in
            statements(about: subject).map { RDFTriple(store.term(subject), predicates[$0.predicate], store.term($0.object)) }
        }
    }
}
