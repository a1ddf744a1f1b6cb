/// Triples indexed by subject, in the order they were read: what the DCAT mapper walks.
///
/// Only a forward index is kept (subject → statements); the few reverse lookups mapping needs
/// (`subjects(where:is:)`) scan, which is cheap on one dataset's triples.
public struct RDFGraph: Sendable {
    /// One statement about a subject.
    public struct Statement: Sendable, Hashable {
        public var predicate: String
        public var object: RDFTerm
    }

    /// A subject's statements; subjects with many statements also keep a set, so adding stays cheap while
    /// repeated statements (a publisher described again with every dataset) are dropped.
    private struct Entry: Sendable {
        var statements: [Statement]
        var set: Set<Statement>?

        /// Appends `statement` unless it is there already.
        mutating func insert(_ statement: Statement) -> Bool {
            if set != nil {
                guard set!.insert(statement).inserted else { return false }
            } else {
                if statements.contains(statement) { return false }
                if statements.count >= 16 { set = Set(statements).union([statement]) }
            }
            statements.append(statement)
            return true
        }
    }

    private var index: [RDFTerm: Entry] = [:]
    /// Subjects in first-seen order, with removed ones left in place until there are many (see `subjects`).
    private var order: [RDFTerm] = []
    private var removed = 0
    /// How many distinct statements the graph holds.
    public private(set) var count = 0

    public init() {}

    public init(_ triples: some Sequence<RDFTriple>) {
        for triple in triples { add(triple) }
    }

    /// A graph of triples known to hold no duplicate (a record's stored N-Triples, written from a graph):
    /// statements are appended without the duplicate check.
    public init(distinct triples: some Sequence<RDFTriple>) {
        for triple in triples { appendDistinct(triple) }
    }

    /// The same for an array (a record's triples): callers in other modules get this one, not an unspecialised
    /// generic walk of the sequence.
    public init(distinct triples: [RDFTriple]) {
        for triple in triples { appendDistinct(triple) }
    }

    private mutating func appendDistinct(_ triple: RDFTriple) {
        let statement = Statement(predicate: triple.predicate, object: triple.object)
        if index[triple.subject]?.statements.append(statement) == nil {
            index[triple.subject] = Entry(statements: [statement], set: nil)
            order.append(triple.subject)
        }
        count += 1
    }

    /// Subjects in the order their first statement was read.
    public var subjects: [RDFTerm] {
        removed == 0 ? order : order.filter { index[$0] != nil }
    }

    /// Adds a statement; one the graph already holds is ignored (an RDF graph is a set).
    public mutating func add(_ triple: RDFTriple) {
        let statement = Statement(predicate: triple.predicate, object: triple.object)
        switch index[triple.subject]?.insert(statement) {
        case nil:
            index[triple.subject] = Entry(statements: [statement], set: nil)
            order.append(triple.subject)
            count += 1
        case true?: count += 1
        case false?: break
        }
    }

    /// Every statement about `subject`, in document order.
    public func statements(about subject: RDFTerm) -> [Statement] { index[subject]?.statements ?? [] }

    /// True when the graph says anything about `subject`.
    public func describes(_ subject: RDFTerm) -> Bool { index[subject] != nil }

    /// The objects of `subject predicate ?`, in document order.
    public func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        guard let statements = index[subject]?.statements else { return [] }
        return statements.compactMap { $0.predicate == predicate ? $0.object : nil }
    }

    /// The first object of `subject predicate ?`.
    public func object(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? {
        index[subject]?.statements.first { $0.predicate == predicate }?.object
    }

    /// The first object of any of `predicates`, tried in order.
    public func object(_ subject: RDFTerm, anyOf predicates: [String]) -> RDFTerm? {
        for predicate in predicates {
            if let found = object(subject, predicate) { return found }
        }
        return nil
    }

    /// The `rdf:type` IRIs of `subject`.
    public func types(of subject: RDFTerm) -> [String] {
        objects(subject, RDFNames.type).compactMap(\.iri)
    }

    /// Subjects with `predicate object` (a scan of the graph).
    public func subjects(where predicate: String, is object: RDFTerm) -> [RDFTerm] {
        subjects.filter { subject in index[subject]?.statements.contains { $0.predicate == predicate && $0.object == object } ?? false }
    }

    /// Drops everything said about `subject`.
    public mutating func remove(subject: RDFTerm) {
        guard let entry = index.removeValue(forKey: subject) else { return }
        count -= entry.statements.count
        removed += 1
        if removed > 1024 && removed * 2 > order.count {
            order.removeAll { index[$0] == nil }
            removed = 0
        }
    }
}

/// The RDF vocabulary IRIs the parsers themselves need.
public enum RDFNames {
    public static let namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let type = namespace + "type"
    public static let first = namespace + "first"
    public static let rest = namespace + "rest"
    public static let nil_ = namespace + "nil"
    public static let value = namespace + "value"
    public static let langString = namespace + "langString"
    public static let xmlLiteral = namespace + "XMLLiteral"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
}
