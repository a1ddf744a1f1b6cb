/// Triples indexed by subject, in the order they were read: a whole DCAT page or CSW record before its records are cut.
///
/// Only a forward index is kept (subject → statements); the few reverse lookups (`subjects(where:is:)`) scan,
/// which is cheap on a page's triples. A graph of a few subjects (one record)
/// finds them by comparing terms, without hashing; a larger one keeps a dictionary. Statements about the subject
/// added to last are appended without looking it up again: documents are grouped by subject.
public struct RDFGraph: Sendable {
    /// One statement about a subject.
    public struct Statement: Sendable, Hashable {
        public var predicate: String
        public var object: RDFTerm

        public init(predicate: String, object: RDFTerm) {
            self.predicate = predicate
            self.object = object
        }
    }

    /// A subject's statements; subjects with many statements also keep a set, so adding stays cheap while
    /// repeated statements (a publisher described again with every dataset) are dropped.
    private struct Entry: Sendable {
        var subject: RDFTerm
        var statements: [Statement]
        var set: Set<Statement>?
        /// False once the subject was removed (its slot waits in `free` to be used again).
        var live = true
        /// The stamp the last `add(_:stamp:)` about the subject was given (see `stamp(of:)`).
        var stamp = 0

        /// Appends `statement` unless it is there already.
        mutating func insert(_ statement: Statement) -> Bool {
            if set != nil {
                guard set!.insert(statement).inserted else { return false }
            } else {
                // By index: the held statements are compared in place instead of copied out one by one.
                for index in statements.indices
                where RDFGraph.same(statements[index].predicate, statement.predicate) && statements[index].object == statement.object {
                    return false
                }
                if statements.count >= 32 { set = Set(statements).union([statement]) }
            }
            statements.append(statement)
            return true
        }
    }

    /// Up to this many subjects are found by comparison; beyond, through `slots`. A record's graph (a dataset, its
    /// distributions, agents and blank nodes) mostly stays under it: comparing a dozen terms lengths first costs less
    /// than hashing one.
    private static let linearLimit = 16

    private var entries: [Entry] = []
    private var free: [Int] = []
    /// Subject → its entry, once the graph holds more than `linearLimit` subjects.
    private var slots: [RDFTerm: Int] = [:]
    private var indexed = false
    /// Which subjects may be in `slots` (see `RDFSubjectFilter`), kept once the graph is indexed.
    private var filter = RDFSubjectFilter()
    /// The entry of the subject added to last.
    private var last = -1
    /// Subjects in first-seen order with the entry each was given, removed ones left in place until there are many
    /// (see `subjects`). The entry saves a lookup when it still holds the subject; a slot used again after a
    /// removal holds another one, and the subject is then looked up.
    private var order: [(subject: RDFTerm, entry: Int)] = []
    private var removed = 0
    /// How many distinct statements the graph holds.
    public private(set) var count = 0

    public init() {}

    public init(_ triples: some Sequence<RDFTriple>) {
        for triple in triples { add(triple) }
    }

    /// Predicate IRIs compared: lengths first, which tells most different IRIs apart without a call (equal ones
    /// a parser hands out again and again are one string, which compares by identity).
    @inlinable
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    // MARK: - Finding entries

    @inline(__always)
    private func slot(of subject: RDFTerm) -> Int? {
        if indexed { return filter.mayHold(subject) ? slots[subject] : nil }
        for index in entries.indices where entries[index].live && Self.same(entries[index].subject, subject) { return index }
        return nil
    }

    /// Terms compared lengths first, like predicates.
    @inlinable
    public static func same(_ a: RDFTerm, _ b: RDFTerm) -> Bool {
        switch (a, b) {
        case (.iri(let x), .iri(let y)), (.blank(let x), .blank(let y)): return same(x, y)
        case (.literal, .literal): return a == b
        default: return false
        }
    }

    /// The entry to add a statement about `subject` to: the last one when the subject is the same.
    @inline(__always)
    private mutating func slot(forAdding subject: RDFTerm) -> Int? {
        if last >= 0 && Self.same(entries[last].subject, subject) { return last }
        guard let found = slot(of: subject) else { return nil }
        last = found
        return found
    }

    private mutating func newEntry(_ subject: RDFTerm, _ statement: Statement) {
        // Room for a few statements at once: a node of a DCAT document has a handful to a few dozen, and growing an
        // array of one through two and four to eight copies it three times.
        var statements: [Statement] = []
        statements.reserveCapacity(8)
        statements.append(statement)
        newEntry(subject, statements: statements)
    }

    private mutating func newEntry(_ subject: RDFTerm, statements: [Statement]) {
        let entry = Entry(subject: subject, statements: statements, set: nil)
        let index: Int
        if let reused = free.popLast() {
            index = reused
            entries[index] = entry
        } else {
            index = entries.count
            entries.append(entry)
        }
        if indexed {
            slots[subject] = index
            filter.add(subject)
            if filter.isCrowded { refilter() }
        } else if entries.count > Self.linearLimit {
            for (held, entry) in entries.enumerated() where entry.live { slots[entry.subject] = held }
            indexed = true
            refilter()
        }
        last = index
        order.append((subject, index))
    }

    /// A new filter holding the live subjects, with sixteen bits or more for each (the bits of removed subjects go).
    private mutating func refilter() {
        var bits = 1 << 10
        while bits < (entries.count - free.count) * 16 { bits <<= 1 }
        filter = RDFSubjectFilter(bits: bits)
        for entry in entries where entry.live { filter.add(entry.subject) }
    }

    /// The entry of `subject` as `order` recorded it, when that entry still holds it.
    @inline(__always)
    private func slot(of subject: RDFTerm, hint: Int) -> Int? {
        if entries[hint].live && Self.same(entries[hint].subject, subject) { return hint }
        return slot(of: subject)
    }

    // MARK: - Adding and removing

    /// Adds a statement; one the graph already holds is ignored (an RDF graph is a set).
    public mutating func add(_ triple: RDFTriple) {
        let statement = Statement(predicate: triple.predicate, object: triple.object)
        if let index = slot(forAdding: triple.subject) {
            if entries[index].insert(statement) { count += 1 }
        } else {
            newEntry(triple.subject, statement)
            count += 1
        }
    }

    /// Adds a statement as `add(_:)` does and stamps its subject with `stamp` (a reader's sequence number), even
    /// when the statement was held already: `stamp(of:)` then tells when the subject was last written to without
    /// a table beside the graph.
    public mutating func add(_ triple: RDFTriple, stamp: Int) {
        let statement = Statement(predicate: triple.predicate, object: triple.object)
        let index: Int
        if let found = slot(forAdding: triple.subject) {
            index = found
            if entries[index].insert(statement) { count += 1 }
        } else {
            newEntry(triple.subject, statement)
            count += 1
            index = last
        }
        entries[index].stamp = stamp
    }

    /// The stamp of the last `add(_:stamp:)` about `subject` (0 when it was only added otherwise); nil when the
    /// graph says nothing about it.
    public func stamp(of subject: RDFTerm) -> Int? {
        guard let index = slot(of: subject) else { return nil }
        return entries[index].stamp
    }

    /// Drops everything said about `subject`.
    public mutating func remove(subject: RDFTerm) {
        guard let index = slot(of: subject) else { return }
        count -= entries[index].statements.count
        entries[index] = Entry(subject: .blank(""), statements: [], set: nil, live: false)
        free.append(index)
        if indexed { slots[subject] = nil }
        if last == index { last = -1 }
        removed += 1
        if removed > 1024 && removed * 2 > order.count {
            let kept = order.filter { slot(of: $0.subject, hint: $0.entry) != nil }
            order = kept
            removed = 0
        }
    }

    // MARK: - Reading

    /// Subjects in the order their first statement was read.
    public var subjects: [RDFTerm] {
        removed == 0 ? order.map(\.subject) : order.compactMap { slot(of: $0.subject, hint: $0.entry) == nil ? nil : $0.subject }
    }

    /// Each subject of `subjects` with its statements, each found once.
    public func forEachSubject(_ body: (RDFTerm, [Statement]) -> Void) {
        for (subject, hint) in order {
            if let index = slot(of: subject, hint: hint) { body(subject, entries[index].statements) }
        }
    }

    /// The subject whose first statement was read first.
    public var firstSubject: RDFTerm? {
        removed == 0 ? order.first?.subject : order.first { slot(of: $0.subject, hint: $0.entry) != nil }?.subject
    }

    /// Every statement about `subject`, in document order.
    public func statements(about subject: RDFTerm) -> [Statement] {
        guard let index = slot(of: subject) else { return [] }
        return entries[index].statements
    }

    /// Every statement as a triple, subject after subject in the order of `subjects`.
    public var triples: [RDFTriple] {
        subjects.flatMap { subject in statements(about: subject).map { RDFTriple(subject, $0.predicate, $0.object) } }
    }

    /// Every statement about `subject` when the graph describes it, else nil: `describes` and `statements(about:)`
    /// in one lookup.
    public func statementsIfDescribed(_ subject: RDFTerm) -> [Statement]? {
        guard let index = slot(of: subject) else { return nil }
        return entries[index].statements
    }

    /// True when the graph says anything about `subject`.
    public func describes(_ subject: RDFTerm) -> Bool { slot(of: subject) != nil }

    /// The objects of `subject predicate ?`, in document order.
    public func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        guard let index = slot(of: subject) else { return [] }
        var found: [RDFTerm] = []
        let statements = entries[index].statements
        for position in statements.indices where Self.same(statements[position].predicate, predicate) { found.append(statements[position].object) }
        return found
    }

    /// The first object of `subject predicate ?`.
    public func object(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? {
        guard let index = slot(of: subject) else { return nil }
        let statements = entries[index].statements
        for position in statements.indices where Self.same(statements[position].predicate, predicate) { return statements[position].object }
        return nil
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
        guard let index = slot(of: subject) else { return [] }
        var found: [String] = []
        let statements = entries[index].statements, type = RDFNames.type
        for position in statements.indices where Self.same(statements[position].predicate, type) {
            if case .iri(let iri) = statements[position].object { found.append(iri) }
        }
        return found
    }

    /// Subjects with `predicate object` (a scan of the graph).
    public func subjects(where predicate: String, is object: RDFTerm) -> [RDFTerm] {
        var found: [RDFTerm] = []
        for (subject, hint) in order {
            guard let index = slot(of: subject, hint: hint) else { continue }
            if entries[index].statements.contains(where: { Self.same($0.predicate, predicate) && $0.object == object }) { found.append(subject) }
        }
        return found
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
