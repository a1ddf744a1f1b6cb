#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FeedParsing

/// RDF terms kept as bytes: every term's text in one buffer, each term a span of it with its kind and, for a
/// literal, the number of its language tag or datatype (`DCATLiteralTags`). Copying, comparing and dropping terms
/// touches no `String`: one is made only when a reader asks for a term's text (`iri(_:)`, `literal(_:)`,
/// `term(_:)`).
///
/// The term graph of a stream numbers its terms into one (found again by `DCATTermIndex`); each record graph cut
/// from it keeps its own, its terms copied in (`append(from:_:tag:)`).
struct DCATTermStore: Sendable {
    /// In the order `DCATRecords` sorts the objects of one predicate by (iri, literal, blank).
    typealias Kind = RDFTermKind

    struct Span: Sendable {
        var start: UInt32
        var count: UInt32
        var kind: Kind
        /// The literal's tag in `tags`; -1 for none (and for IRIs and blank nodes).
        var tag: Int32
    }

    /// The buffers, shared by copies of the store until one of them changes (copy on write). Reading a term is
    /// two loads from raw memory: no reference counting per access, which arrays held in a class would cost.
    private var storage: DCATTermStorage

    init(tags: DCATLiteralTags = DCATLiteralTags(), capacity: Int = 0, byteCapacity: Int = 0) {
        storage = DCATTermStorage(tags: tags, capacity: max(capacity, 16), byteCapacity: max(byteCapacity, 256))
    }

    var count: Int { storage.count }

    /// How many bytes the terms' texts take.
    var byteCount: Int { storage.byteCount }

    /// The language tags and datatypes of the literals, numbered.
    var tags: DCATLiteralTags { storage.tags }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    // MARK: - Adding

    /// Appends a term given as text; returns its number.
    @discardableResult
    mutating func append(_ kind: Kind, _ text: UnsafeRawBufferPointer, tag: Int32 = -1) -> Int32 {
        unique()
        return storage.append(kind, text, tag: tag)
    }

    /// Appends `term`; returns its number.
    @discardableResult
    mutating func append(_ term: RDFTerm) -> Int32 {
        switch term {
        case .iri(let text): return append(.iri, text)
        case .blank(let text): return append(.blank, text)
        case .literal(let text, let datatype, let language):
            return append(.literal, text, tag: tagID(datatype: datatype, language: language))
        }
    }

    private mutating func append(_ kind: Kind, _ text: String, tag: Int32 = -1) -> Int32 {
        var text = text
        return text.withUTF8 { append(kind, UnsafeRawBufferPointer($0), tag: tag) }
    }

    /// Appends term `id` of `other`, with `tag` (a number of this store's tags) for a literal.
    @discardableResult
    mutating func append(from other: DCATTermStore, _ id: Int32, tag: Int32 = -1) -> Int32 {
        let span = other.storage.spans[Int(id)]
        return append(span.kind, UnsafeRawBufferPointer(start: other.storage.bytes + Int(span.start), count: Int(span.count)), tag: tag)
    }

    /// Appends a blank node labelled `b<number>`.
    @discardableResult
    mutating func appendBlank(number: Int) -> Int32 {
        var label: [UInt8] = []
        NTriplesRecordWriter.appendBlankLabel(number, to: &label)
        return label.withUnsafeBytes { append(.blank, $0) }
    }

    /// The number of a literal's tag (`DCATLiteralTags.id(datatype:language:)`), given now when it has none.
    mutating func tagID(datatype: String?, language: String?) -> Int32 {
        if language == nil && datatype == nil { return -1 }
        unique()
        return storage.tags.id(datatype: datatype, language: language)
    }

    // MARK: - Reading

    @inline(__always)
    func kind(_ id: Int32) -> Kind { storage.spans[Int(id)].kind }

    @inline(__always)
    func tag(_ id: Int32) -> Int32 { storage.spans[Int(id)].tag }

    /// Calls `body` with the term's text (the store lives while the caller holds it).
    @inline(__always)
    func withText<T>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let span = storage.spans[Int(id)]
        return try body(UnsafeRawBufferPointer(start: storage.bytes + Int(span.start), count: Int(span.count)))
    }

    /// The term's text as a `String`.
    func text(_ id: Int32) -> String {
        withText(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// The IRI, if the term is one.
    func iri(_ id: Int32) -> String? { kind(id) == .iri ? text(id) : nil }

    /// The literal's text and language tag (as written), if the term is a literal.
    func literal(_ id: Int32) -> (text: String, language: String?)? {
        let span = storage.spans[Int(id)]
        guard span.kind == .literal else { return nil }
        return (text(id), tags.parts(of: span.tag).language)
    }

    /// The term as an `RDFTerm`.
    func term(_ id: Int32) -> RDFTerm {
        let span = storage.spans[Int(id)]
        switch span.kind {
        case .iri: return .iri(text(id))
        case .blank: return .blank(text(id))
        case .literal:
            let parts = tags.parts(of: span.tag)
            return .literal(text(id), datatype: parts.datatype, language: parts.language)
        }
    }

    /// Calls `body` with the buffers of the store: its bytes and its spans.
    @inline(__always)
    func withStorage<T>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Span>) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: storage.bytes, count: storage.byteCount),
                 UnsafeBufferPointer(start: storage.spans, count: storage.count))
    }

    /// True when the term's text starts with `prefix`.
    func hasPrefix(_ id: Int32, _ prefix: [UInt8]) -> Bool {
        let span = storage.spans[Int(id)]
        guard Int(span.count) >= prefix.count else { return false }
        return withText(id) { text in
            prefix.withUnsafeBytes { DCATTermStore.same(UnsafeRawBufferPointer(rebasing: text[0..<prefix.count]), $0) }
        }
    }

    @inline(__always)
    static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    /// True when the term at `span` of the buffer `bytes` (`withStorage`) is `kind text` with the tag `tag`.
    @inline(__always)
    static func matches(_ span: Span, in bytes: UnsafeRawBufferPointer, _ kind: Kind, _ text: UnsafeRawBufferPointer, tag: Int32) -> Bool {
        span.kind == kind && span.tag == tag && Int(span.count) == text.count
            && same(UnsafeRawBufferPointer(rebasing: bytes[Int(span.start)..<Int(span.start + span.count)]), text)
    }

    /// The order of two terms' texts as `String`'s `<` gives it: bytes compared, and the strings themselves when
    /// the first difference is outside ASCII or next to a byte outside it (where Unicode's ordering, which compares
    /// composed characters, may differ from the bytes').
    func compareTexts(_ a: Int32, _ b: Int32) -> Int {
        let order = withText(a) { x in
            withText(b) { y -> Int? in
                let shared = min(x.count, y.count)
                for index in 0..<shared where x[index] != y[index] {
                    if x[index] >= 0x80 || y[index] >= 0x80 { return nil }
                    // An ASCII letter followed by a combining mark is compared as the character they compose.
                    if index + 1 < x.count && x[index + 1] >= 0x80 || index + 1 < y.count && y[index + 1] >= 0x80 { return nil }
                    return x[index] < y[index] ? -1 : 1
                }
                if x.count == y.count { return 0 }
                // What follows the shorter text may combine with its last character.
                let next = x.count < y.count ? y[shared] : x[shared]
                if next >= 0x80 { return nil }
                return x.count < y.count ? -1 : 1
            }
        }
        if let order { return order }
        let x = text(a), y = text(b)
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// A hash of a term's kind, tag and text (`DCATTermIndex`, and the literal sets of `DCATTermGraph`).
    @inline(__always)
    static func hash(_ kind: Kind, _ text: UnsafeRawBufferPointer, tag: Int32 = -1) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* (UInt64(text.count) &+ (UInt64(kind.rawValue) << 56) &+ (UInt64(UInt32(bitPattern: tag)) << 24) &+ 1)
        guard let base = text.baseAddress else { return mix(h) }
        var index = 0
        let count = text.count
        while index + 8 <= count {
            h = (h ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            index += 8
        }
        if index < count {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                last |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
            h = (h ^ last) &* 0xFF51_AFD7_ED55_8CCD
        }
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 32
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }

    /// The hash of term `id` (`hash(_:_:tag:)`).
    func hash(_ id: Int32) -> UInt64 {
        let span = storage.spans[Int(id)]
        return withText(id) { DCATTermStore.hash(span.kind, $0, tag: span.tag) }
    }
}

/// The buffers of a `DCATTermStore`: the texts, the spans and the tags. Only a store that holds the sole reference
/// changes it (`DCATTermStore.unique()`), so sharing one between threads is safe.
final class DCATTermStorage: @unchecked Sendable {
    private(set) var bytes: UnsafeMutableRawPointer
    private(set) var byteCount = 0
    private var byteCapacity: Int
    private(set) var spans: UnsafeMutablePointer<DCATTermStore.Span>
    private(set) var count = 0
    private var capacity: Int
    var tags: DCATLiteralTags

    init(tags: DCATLiteralTags, capacity: Int, byteCapacity: Int) {
        self.tags = tags
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        bytes = .allocate(byteCount: byteCapacity, alignment: 8)
        spans = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
    }

    func copy() -> DCATTermStorage {
        let made = DCATTermStorage(tags: tags, capacity: max(capacity, 16), byteCapacity: max(byteCapacity, 256))
        made.bytes.copyMemory(from: bytes, byteCount: byteCount)
        made.spans.initialize(from: spans, count: count)
        made.byteCount = byteCount
        made.count = count
        return made
    }

    @inline(__always)
    func append(_ kind: DCATTermStore.Kind, _ text: UnsafeRawBufferPointer, tag: Int32) -> Int32 {
        if count == capacity { growSpans() }
        if byteCount + text.count > byteCapacity { growBytes(to: byteCount + text.count) }
        (spans + count).initialize(to: DCATTermStore.Span(start: UInt32(byteCount), count: UInt32(text.count), kind: kind, tag: tag))
        if let base = text.baseAddress, text.count > 0 { (bytes + byteCount).copyMemory(from: base, byteCount: text.count) }
        byteCount += text.count
        count += 1
        return Int32(count - 1)
    }

    private func growSpans() {
        capacity *= 2
        let grown = UnsafeMutablePointer<DCATTermStore.Span>.allocate(capacity: capacity)
        grown.moveInitialize(from: spans, count: count)
        spans.deallocate()
        spans = grown
    }

    private func growBytes(to needed: Int) {
        var size = byteCapacity * 2
        while size < needed { size *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        grown.copyMemory(from: bytes, byteCount: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = size
    }
}

/// The language tags and datatype IRIs of literals, numbered: a document uses a handful.
struct DCATLiteralTags: Sendable {
    private var texts: [String] = []
    private var languages: [Bool] = []
    private var languageIDs: [String: Int32] = [:]
    private var datatypeIDs: [String: Int32] = [:]

    /// The number of a literal's tag: its language when it has one (it wins, as in `RDFTerm`), else its datatype;
    /// -1 for neither.
    mutating func id(datatype: String?, language: String?) -> Int32 {
        if let language { return id(language, isLanguage: true) }
        if let datatype { return id(datatype, isLanguage: false) }
        return -1
    }

    mutating func id(_ text: String, isLanguage: Bool) -> Int32 {
        if let found = isLanguage ? languageIDs[text] : datatypeIDs[text] { return found }
        let id = Int32(texts.count)
        texts.append(text)
        languages.append(isLanguage)
        if isLanguage { languageIDs[text] = id } else { datatypeIDs[text] = id }
        return id
    }

    func text(of id: Int32) -> String { texts[Int(id)] }

    func isLanguage(_ id: Int32) -> Bool { languages[Int(id)] }

    /// What tag `id` (-1: none) says: a language tag or a datatype IRI.
    func parts(of id: Int32) -> (language: String?, datatype: String?) {
        guard id >= 0 else { return (nil, nil) }
        return isLanguage(id) ? (texts[Int(id)], nil) : (nil, texts[Int(id)])
    }
}

/// Finds the IRIs and blank nodes of a `DCATTermStore` by their text: an open-addressing table of term numbers,
/// placed by `DCATTermStore.hash`.
struct DCATTermIndex {
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of the term `kind text` in the store whose bytes and spans are given, nil when the index does not
    /// hold it.
    @inline(__always)
    func find(_ kind: DCATTermStore.Kind, _ text: UnsafeRawBufferPointer, hash: UInt64,
              bytes: UnsafeRawBufferPointer, spans: UnsafeBufferPointer<DCATTermStore.Span>) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var at = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = slots[at]
                if id < 0 { return nil }
                if DCATTermStore.matches(spans[Int(id)], in: bytes, kind, text, tag: -1) { return id }
                at = (at + 1) & mask
            }
        }
    }

    /// Adds term `id` of `store`, whose hash is `hash` (the caller checked it is not there).
    mutating func insert(_ id: Int32, hash: UInt64, in store: DCATTermStore) {
        if (count + 1) * 2 > slots.count { grow(store) }
        place(id, hash: hash)
        count += 1
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at] >= 0 { at = (at + 1) & mask }
        slots[at] = id
    }

    private mutating func grow(_ store: DCATTermStore) {
        let held = slots.filter { $0 >= 0 }
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in held { place(id, hash: store.hash(id)) }
    }
}

/// A set of 64-bit hashes that answers "maybe" or "no": an open-addressing table of the hashes themselves. Whoever
/// asks checks a "maybe" against the real set.
struct DCATHashFilter {
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var count = 0

    func mayHold(_ hash: UInt64) -> Bool {
        let wanted = hash | 1
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: hash >> 7) & mask
        while true {
            let slot = slots[at]
            if slot == wanted { return true }
            if slot == 0 { return false }
            at = (at + 1) & mask
        }
    }

    mutating func insert(_ hash: UInt64) {
        guard !mayHold(hash) else { return }
        if (count + 1) * 2 > slots.count {
            let held = slots.filter { $0 != 0 }
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            for value in held { place(value) }
        }
        place(hash | 1)
        count += 1
    }

    private mutating func place(_ value: UInt64) {
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: value >> 7) & mask
        while slots[at] != 0 { at = (at + 1) & mask }
        slots[at] = value
    }
}
