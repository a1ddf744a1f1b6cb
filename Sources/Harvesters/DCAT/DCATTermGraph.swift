import FeedParsing

/// The statements a DCAT document made so far, with every term numbered once: a statement is two integers
/// (predicate, object) under its subject's entry, so adding, finding, stamping and dropping statements copies no
/// string and hashes a term once, when it is first seen. What the statements say about their terms that cutting
/// records needs (a term is typed as a record, a catalogue or a distribution; a node is a `dcat:CatalogRecord`'s
/// primary topic) is noted as they arrive, so no pass over the graph looks for it again.
///
/// Terms no statement uses any more (those of records cut and dropped) are forgotten by `compact()`, which numbers
/// the remaining ones again: a stream of any length holds the terms of what it has not handed over yet.
final class DCATTermGraph {
    /// One statement about a subject.
    struct Statement: Hashable {
        var predicate: Int32
        var object: Int32
    }

    /// What a term is, and what statements said of it.
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let literal = Flags(rawValue: 1)
        static let blank = Flags(rawValue: 2)
        /// Typed `dcat:Dataset`, `dcat:DatasetSeries` or `dcat:DataService`, or listed by a catalogue and described.
        static let record = Flags(rawValue: 4)
        /// Typed `dcat:Catalog` (or `dcat:Catalogue`).
        static let catalog = Flags(rawValue: 8)
        /// Typed `dcat:Distribution`.
        static let distribution = Flags(rawValue: 16)
        /// A record already cut and handed over.
        static let handed = Flags(rawValue: 32)
        /// Typed as a record (and so in `typedRecords`).
        static let typed = Flags(rawValue: 64)
    }

    /// What a predicate is to the cut.
    struct Roles: OptionSet {
        let rawValue: UInt8
        static let type = Roles(rawValue: 1)
        /// `dcat:dataset`, `dcat:service`, `dcat:resource`: a catalogue's members.
        static let member = Roles(rawValue: 2)
        static let primaryTopic = Roles(rawValue: 4)
        static let isPrimaryTopicOf = Roles(rawValue: 8)
        static let identifier = Roles(rawValue: 16)
        /// hydra paging (`hydra:next`, `hydra:nextPage`, `hydra:totalItems`).
        static let paging = Roles(rawValue: 32)
        static let distribution = Roles(rawValue: 64)
    }

    /// A literal statement of a subject with many, by predicate and the literal's hash (`DCATTermStore.hash`).
    private struct LiteralKey: Hashable {
        var predicate: Int32
        var hash: UInt64
    }

    private struct Entry {
        var subject: Int32
        var statements: [Statement]
        /// Kept beside `statements` once a subject has many, so the duplicate check stays cheap.
        var set: Set<Statement>?
        /// The same for its literal statements, by what the literal says (literals are not numbered once).
        var literals: Set<LiteralKey>?
        /// The stamp of the last statement added about the subject (a reader's sequence number).
        var stamp: Int
        /// When the subject's first statement arrived, to keep document order.
        var sequence: Int
    }

    // Terms.
    /// The terms' texts, by number.
    private(set) var store = DCATTermStore(capacity: 4096, byteCapacity: 1 << 18)
    private(set) var flags: [Flags] = []
    /// Finds the IRIs and blank nodes of `store`.
    private var index = DCATTermIndex()
    /// What each class a statement typed a subject with makes of it (`noteType`), by the class's number.
    private var classFlags: [Int32: Flags] = [:]
    /// The entry of each term's statements; -1 when the graph says nothing about it.
    private var entryOf: [Int32] = []

    // Predicates: a document uses a few dozen, kept for the graph's life.
    private(set) var predicates = DCATPredicateTable()
    private(set) var roles: [Roles] = []
    /// Each predicate's place in the order of `String`'s `<` among those seen.
    private(set) var ranks: [Int32] = []

    // Subjects.
    private var entries: [Entry] = []
    private var free: [Int32] = []
    private var sequence = 0
    /// How many statements the graph holds.
    private(set) var count = 0

    /// Subjects typed as records, in the order they were typed, those handed over dropped from time to time.
    private var typedRecords: [Int32] = []
    /// The subjects whose `foaf:primaryTopic` each node is (its `dcat:CatalogRecord`s).
    private(set) var catalogRecords: [Int32: [Int32]] = [:]

    /// `compactIfSparse()` leaves fewer terms than this alone.
    let compactAbove: Int
    /// How many times the terms were numbered again.
    private(set) var compactions = 0

    init(compactAbove: Int = 16_384) {
        self.compactAbove = compactAbove
    }

    /// How many terms are numbered.
    var termCount: Int { store.count }

    /// Term `id` as an `RDFTerm` (a `String` made from its bytes).
    func term(_ id: Int32) -> RDFTerm { store.term(id) }

    // MARK: - Numbering

    /// The number of a resource (an IRI or a blank node), given now when it has none. Literal objects are numbered
    /// as their statements are added (`add(_:_:_:stamp:)`), without a lookup: most are said once.
    func id(of resource: RDFTerm) -> Int32 {
        RDFTermBytes.with(resource) { resourceID($0.kind, $0.text) }
    }

    /// The number of the resource (IRI or blank node) `kind text`, given now when it has none; `hash` is
    /// `DCATTermStore.hash(kind, text)` when the caller has it.
    func resourceID(_ kind: DCATTermStore.Kind, _ text: UnsafeRawBufferPointer, hash: UInt64? = nil) -> Int32 {
        resource(kind, text, hash: hash, adding: true)!
    }

    private func resource(_ kind: DCATTermStore.Kind, _ text: UnsafeRawBufferPointer, hash: UInt64?, adding: Bool) -> Int32? {
        let hash = hash ?? DCATTermStore.hash(kind, text)
        if let found = store.withStorage({ index.find(kind, text, hash: hash, bytes: $0, spans: $1) }) { return found }
        guard adding else { return nil }
        let id = store.append(kind, text)
        index.insert(id, hash: hash, in: store)
        flags.append(kind == .blank ? .blank : kind == .literal ? .literal : [])
        entryOf.append(-1)
        return id
    }

    /// The number of `term` when it has one (resources only).
    func existingID(of term: RDFTerm) -> Int32? {
        guard term.isResource else { return nil }
        return RDFTermBytes.with(term) { resource($0.kind, $0.text, hash: nil, adding: false) }
    }

    /// The number of a predicate IRI.
    func predicateID(_ iri: String) -> Int32 {
        let (id, isNew) = predicates.add(iri)
        if isNew {
            roles.append(Self.roles(of: iri))
            rank()
        }
        return id
    }

    private static func roles(of iri: String) -> Roles {
        var roles: Roles = []
        if DCATTerms.same(iri, RDFNames.type) { roles.insert(.type) }
        if DCATTerms.isAny(iri, of: DCATTerms.catalogMembers) { roles.insert(.member) }
        if DCATTerms.isAny(iri, of: DCATTerms.primaryTopic) { roles.insert(.primaryTopic) }
        if DCATTerms.same(iri, DCATIRIs.foafIsPrimaryTopicOf) { roles.insert(.isPrimaryTopicOf) }
        if DCATTerms.same(iri, DCATIRIs.dctIdentifier) { roles.insert(.identifier) }
        if DCATTerms.isAny(iri, of: DCATTerms.pagingPredicates) { roles.insert(.paging) }
        if DCATTerms.same(iri, DCATIRIs.dcatDistribution) { roles.insert(.distribution) }
        return roles
    }

    /// Numbers the predicates again in text order (a new one arrived).
    private func rank() {
        let iris = predicates.iris
        let order = iris.indices.sorted { iris[$0] < iris[$1] }
        ranks = [Int32](repeating: 0, count: predicates.count)
        for (rank, predicate) in order.enumerated() { ranks[predicate] = Int32(rank) }
    }

    // MARK: - Statements

    /// Adds `subject predicate object`, a literal or a resource, unless the graph holds it.
    func add(_ subject: Int32, _ predicate: Int32, term object: RDFTerm, stamp: Int) {
        RDFTermBytes.with(object) { add(subject, predicate, $0, stamp: stamp) }
    }

    /// Adds `subject predicate object`, the object given as bytes, unless the graph holds it.
    func add(_ subject: Int32, _ predicate: Int32, _ object: RDFTermBytes, stamp: Int) {
        if object.kind == .literal {
            add(subject, predicate, literal: object.text, datatype: object.datatype, language: object.language, stamp: stamp)
        } else {
            add(subject, predicate, resourceID(object.kind, object.text), stamp: stamp)
        }
    }

    /// Adds `subject predicate object` (numbers), unless the graph holds it; the subject is stamped `stamp` either way.
    func add(_ subject: Int32, _ predicate: Int32, _ object: Int32, stamp: Int) {
        let statement = Statement(predicate: predicate, object: object)
        var entry = entryOf[Int(subject)]
        if entry < 0 {
            entry = newEntry(subject)
        } else if !insertable(statement, in: Int(entry)) {
            entries[Int(entry)].stamp = stamp
            return
        }
        entries[Int(entry)].statements.append(statement)
        entries[Int(entry)].set?.insert(statement)
        entries[Int(entry)].stamp = stamp
        count += 1
        let roles = self.roles[Int(predicate)]
        if roles.contains(.type) { noteType(of: subject, object) }
        if roles.contains(.primaryTopic), !flags[Int(object)].contains(.literal) { catalogRecords[object, default: []].append(subject) }
    }

    /// Adds `subject predicate literal`, unless the graph holds it; the subject is stamped `stamp` either way. A
    /// literal gets a number of its own each time it is said (it is compared, not looked up), so a duplicate is
    /// found by comparing the subject's literals of the same predicate, or through a set once the subject has many.
    private func add(_ subject: Int32, _ predicate: Int32, literal raw: UnsafeRawBufferPointer, datatype: String?, language: String?,
                     stamp: Int) {
        let tag = store.tagID(datatype: datatype, language: language)
        var entry = entryOf[Int(subject)]
        if entry < 0 {
            entry = newEntry(subject)
        } else if holds(raw, tag, predicate, in: Int(entry)) {
            entries[Int(entry)].stamp = stamp
            return
        }
        let object = store.append(.literal, raw, tag: tag)
        flags.append(.literal)
        entryOf.append(-1)
        let statement = Statement(predicate: predicate, object: object)
        entries[Int(entry)].statements.append(statement)
        entries[Int(entry)].set?.insert(statement)
        if entries[Int(entry)].literals != nil {
            entries[Int(entry)].literals!.insert(LiteralKey(predicate: predicate, hash: DCATTermStore.hash(.literal, raw, tag: tag)))
        }
        entries[Int(entry)].stamp = stamp
        count += 1
    }

    /// True when the entry says `predicate` with the literal `text` (tagged `tag`) already.
    private func holds(_ text: UnsafeRawBufferPointer, _ tag: Int32, _ predicate: Int32, in entry: Int) -> Bool {
        let keyed = entries[entry].literals != nil
        if keyed, !entries[entry].literals!.contains(LiteralKey(predicate: predicate, hash: DCATTermStore.hash(.literal, text, tag: tag))) {
            return false
        }
        let statements = entries[entry].statements
        let found = store.withStorage { bytes, spans in
            statements.contains {
                $0.predicate == predicate && DCATTermStore.matches(spans[Int($0.object)], in: bytes, .literal, text, tag: tag)
            }
        }
        if found { return true }
        if !keyed, statements.count >= 32 { startSets(entry) }
        return false
    }

    /// Keeps sets beside the entry's statements, for the duplicate checks of a subject with many.
    private func startSets(_ entry: Int) {
        let statements = entries[entry].statements
        entries[entry].set = Set(statements)
        var literals = Set<LiteralKey>()
        for statement in statements where flags[Int(statement.object)].contains(.literal) {
            literals.insert(LiteralKey(predicate: statement.predicate, hash: store.hash(statement.object)))
        }
        entries[entry].literals = literals
    }

    /// False when the entry holds the statement already; starts keeping a set beside a long list.
    private func insertable(_ statement: Statement, in entry: Int) -> Bool {
        if entries[entry].set != nil { return !entries[entry].set!.contains(statement) }
        if entries[entry].statements.contains(statement) { return false }
        if entries[entry].statements.count >= 32 { startSets(entry) }
        return true
    }

    private func newEntry(_ subject: Int32) -> Int32 {
        sequence += 1
        var statements: [Statement] = []
        statements.reserveCapacity(8)
        let entry = Entry(subject: subject, statements: statements, set: nil, literals: nil, stamp: 0, sequence: sequence)
        let index: Int32
        if let reused = free.popLast() {
            index = reused
            entries[Int(index)] = entry
        } else {
            index = Int32(entries.count)
            entries.append(entry)
        }
        entryOf[Int(subject)] = index
        return index
    }

    private func noteType(of subject: Int32, _ type: Int32) {
        let made: Flags
        if let known = classFlags[type] {
            made = known
        } else {
            made = Self.flags(ofClass: store.iri(type))
            classFlags[type] = made
        }
        if made.contains(.record), !flags[Int(subject)].contains(.typed) { typedRecords.append(subject) }
        flags[Int(subject)].formUnion(made)
    }

    /// What typing a subject with the class `iri` makes of it.
    private static func flags(ofClass iri: String?) -> Flags {
        guard let iri else { return [] }
        var made: Flags = []
        if DCATTerms.isAny(iri, of: DCATTerms.recordClassList) { made.formUnion([.record, .typed]) }
        if DCATTerms.isAny(iri, of: DCATTerms.catalogClassList) { made.insert(.catalog) }
        if DCATTerms.same(iri, DCATIRIs.dcatClassDistribution) { made.insert(.distribution) }
        return made
    }

    /// Drops everything said about `subject`.
    func remove(_ subject: Int32) {
        let entry = entryOf[Int(subject)]
        guard entry >= 0 else { return }
        count -= entries[Int(entry)].statements.count
        entries[Int(entry)] = Entry(subject: -1, statements: [], set: nil, literals: nil, stamp: 0, sequence: 0)
        entryOf[Int(subject)] = -1
        free.append(entry)
    }

    /// Notes that the record `subject` was cut and handed over.
    func handOver(_ subject: Int32) { flags[Int(subject)].insert(.handed) }

    /// Marks `subject` as a record (a catalogue lists it).
    func markRecord(_ subject: Int32) { flags[Int(subject)].insert(.record) }

    // MARK: - Reading

    /// True when the graph says anything about `subject`.
    func describes(_ subject: Int32) -> Bool { entryOf[Int(subject)] >= 0 }

    /// The statements about `subject` in the order they arrived (empty when there are none).
    func statements(about subject: Int32) -> [Statement] {
        let entry = entryOf[Int(subject)]
        return entry < 0 ? [] : entries[Int(entry)].statements
    }

    /// The statements about `subject` when the graph describes it, else nil.
    func statementsIfDescribed(_ subject: Int32) -> [Statement]? {
        let entry = entryOf[Int(subject)]
        return entry < 0 ? nil : entries[Int(entry)].statements
    }

    /// The stamp of the last statement about `subject`; nil when the graph says nothing about it.
    func stamp(of subject: Int32) -> Int? {
        let entry = entryOf[Int(subject)]
        return entry < 0 ? nil : entries[Int(entry)].stamp
    }

    /// The records typed so far and not handed over, in the order their subjects first appeared.
    func pendingTypedRecords() -> [Int32] {
        typedRecords.removeAll { flags[Int($0)].contains(.handed) }
        return typedRecords.filter { entryOf[Int($0)] >= 0 }.sorted { sequence(of: $0) < sequence(of: $1) }
    }

    private func sequence(of subject: Int32) -> Int { entries[Int(entryOf[Int(subject)])].sequence }

    // MARK: - Forgetting

    /// Numbers the terms again when most of them belong to statements dropped since: only the subjects still
    /// described, their objects and the records still pending keep a number.
    /// True when it did (numbers handed out before mean nothing any more).
    @discardableResult
    func compactIfSparse() -> Bool {
        guard store.count > compactAbove, store.count > 4 * (count + entries.count - free.count) else { return false }
        compactions += 1
        var renumbered = [Int32](repeating: -1, count: store.count)
        var keptTerms = DCATTermStore(tags: store.tags, capacity: 2 * count + 1024, byteCapacity: max(1 << 18, store.byteCount / 2))
        var keptFlags: [Flags] = []
        func keep(_ id: Int32) -> Int32 {
            if renumbered[Int(id)] < 0 {
                renumbered[Int(id)] = keptTerms.append(from: store, id, tag: store.tag(id))
                keptFlags.append(flags[Int(id)])
            }
            return renumbered[Int(id)]
        }
        // Entries are packed too: removed ones go.
        var keptEntries: [Entry] = []
        keptEntries.reserveCapacity(entries.count - free.count)
        for var entry in entries where entry.subject >= 0 {
            entry.subject = keep(entry.subject)
            for index in entry.statements.indices { entry.statements[index].object = keep(entry.statements[index].object) }
            if entry.set != nil { entry.set = Set(entry.statements) }
            keptEntries.append(entry)
        }
        typedRecords = typedRecords.compactMap { flags[Int($0)].contains(.handed) || entryOf[Int($0)] < 0 ? nil : keep($0) }
        var keptRecords: [Int32: [Int32]] = [:]
        for (topic, records) in catalogRecords {
            let live = records.filter { entryOf[Int($0)] >= 0 }
            if !live.isEmpty { keptRecords[keep(topic)] = live.map(keep) }
        }
        catalogRecords = keptRecords
        // Room for the terms until the next compaction, so the table does not grow step by step meanwhile.
        var keptIndex = DCATTermIndex(capacity: max(keptTerms.count, compactAbove) * 2)
        for id in 0..<Int32(keptTerms.count) where !keptFlags[Int(id)].contains(.literal) {
            keptIndex.insert(id, hash: keptTerms.hash(id), in: keptTerms)
        }
        store = keptTerms
        flags = keptFlags
        index = keptIndex
        classFlags = [:]
        entries = keptEntries
        free = []
        entryOf = [Int32](repeating: -1, count: store.count)
        for (index, entry) in keptEntries.enumerated() { entryOf[Int(entry.subject)] = Int32(index) }
        return true
    }
}
