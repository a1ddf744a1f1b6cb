import FeedParsing

/// Triples on their way from the thread that parses a document to the thread that streams it (`DCATStream.read(file:)`):
/// the terms' texts copied into one byte buffer, and names (predicate IRIs, datatype IRIs, language tags) numbered
/// once per document, so a batch crosses threads as three arrays, with no `String` per triple.
struct DCATTripleBatch: Sendable {
    /// A term: a span of `text` and its kind.
    struct Term: Sendable {
        var start: Int32
        var count: Int32
        var kind: RDFTermKind
    }

    struct Statement: Sendable {
        var subject: Term
        var object: Term
        /// The number of the predicate IRI among the names.
        var predicate: Int32
        /// The numbers of the object's datatype IRI and language tag among the names; -1 for none.
        var datatype: Int32
        var language: Int32
    }

    var text: [UInt8] = []
    var statements: [Statement] = []
    /// The names numbered since the batch before, in the order of their numbers.
    var names: [String] = []

    /// Statements per batch: enough that waking the other thread costs nothing next to them, few enough that a batch
    /// is a few hundred kilobytes.
    static let capacity = 4_096

    /// Hands each statement to `sink` as bytes (valid during the call), its names looked up in `names`, to which the
    /// batch's new names are added first.
    func replay(names: inout [String], into sink: RDFByteSink) {
        names.append(contentsOf: self.names)
        text.withUnsafeBytes { text in
            func bytes(_ term: Term) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: text[Int(term.start)..<Int(term.start) + Int(term.count)])
            }
            for statement in statements {
                let object = RDFTermBytes(kind: statement.object.kind, text: bytes(statement.object),
                                          datatype: statement.datatype < 0 ? nil : names[Int(statement.datatype)],
                                          language: statement.language < 0 ? nil : names[Int(statement.language)])
                sink(RDFTermBytes(kind: statement.subject.kind, text: bytes(statement.subject)), names[Int(statement.predicate)], object)
            }
        }
    }
}

/// Fills `DCATTripleBatch`es on the parsing thread, from a reader's bytes or its triples. A run of statements about
/// one subject shares the subject's text.
struct DCATTripleBatcher {
    private(set) var batch = DCATTripleBatch()
    /// Every name numbered so far in this document.
    private var names = DCATPredicateTable()
    /// The subject of the last statement of the batch, and (from a reader of triples) the term it came as.
    private var subject: DCATTripleBatch.Term?
    private var subjectTerm: RDFTerm?

    init() {
        reserve()
    }

    var isEmpty: Bool { batch.statements.isEmpty }

    /// Adds `subject predicate object` (bytes valid during the call); true when the batch is full.
    mutating func add(_ subject: RDFTermBytes, _ predicate: String, _ object: RDFTermBytes) -> Bool {
        if let last = self.subject, last.kind == subject.kind, holds(last, subject.text) {
            return add(about: last, predicate, object)
        }
        let term = append(subject.kind, subject.text)
        self.subject = term
        subjectTerm = nil
        return add(about: term, predicate, object)
    }

    /// Adds a triple of a reader of strings: a subject that is the string of the statement before is not compared
    /// byte for byte.
    mutating func add(_ triple: RDFTriple) -> Bool {
        if let subject, let subjectTerm, RDFGraph.same(subjectTerm, triple.subject) {
            return RDFTermBytes.with(triple.object) { add(about: subject, triple.predicate, $0) }
        }
        let full = RDFTermBytes.with(triple.subject) { subject in
            RDFTermBytes.with(triple.object) { add(subject, triple.predicate, $0) }
        }
        subjectTerm = triple.subject
        return full
    }

    /// The batch filled so far; the next one starts empty.
    mutating func take() -> DCATTripleBatch {
        let full = batch
        batch = DCATTripleBatch()
        subject = nil
        subjectTerm = nil
        reserve()
        return full
    }

    private mutating func add(about subject: DCATTripleBatch.Term, _ predicate: String, _ object: RDFTermBytes) -> Bool {
        let objectTerm = append(object.kind, object.text)
        batch.statements.append(DCATTripleBatch.Statement(
            subject: subject, object: objectTerm, predicate: number(predicate),
            datatype: object.datatype.map { number($0) } ?? -1, language: object.language.map { number($0) } ?? -1))
        return batch.statements.count >= DCATTripleBatch.capacity
    }

    private mutating func number(_ name: String) -> Int32 {
        let (id, isNew) = names.add(name)
        if isNew { batch.names.append(name) }
        return id
    }

    private mutating func append(_ kind: RDFTermKind, _ text: UnsafeRawBufferPointer) -> DCATTripleBatch.Term {
        let start = batch.text.count
        batch.text.append(contentsOf: text)
        return DCATTripleBatch.Term(start: Int32(start), count: Int32(text.count), kind: kind)
    }

    private func holds(_ term: DCATTripleBatch.Term, _ text: UnsafeRawBufferPointer) -> Bool {
        guard Int(term.count) == text.count else { return false }
        return batch.text.withUnsafeBytes { DCATTermStore.same(UnsafeRawBufferPointer(rebasing: $0[Int(term.start)..<Int(term.start) + Int(term.count)]), text) }
    }

    private mutating func reserve() {
        batch.text.reserveCapacity(DCATTripleBatch.capacity * 96)
        batch.statements.reserveCapacity(DCATTripleBatch.capacity)
    }
}
