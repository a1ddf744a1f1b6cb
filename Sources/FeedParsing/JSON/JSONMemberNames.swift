/// The members a reader takes from objects of one shape, named by an enum whose cases are numbered from zero in
/// order (`Int` raw values): `JSONNode.values(of:)` then finds all of them in one pass over an object, instead of
/// one scan of the object (or one hash of the name) for each lookup.
public protocol JSONMemberKey: CaseIterable, RawRepresentable, Sendable where RawValue == Int {
    /// The member's name in the document.
    var name: String { get }
}

/// The names of a `JSONMemberKey` enum, built once (a mapper keeps them in a `static let`).
public struct JSONMemberNames<Key: JSONMemberKey>: Sendable {
    @usableFromInline let table: JSONNameTable

    public init() {
        let keys = Array(Key.allCases)
        precondition(keys.enumerated().allSatisfy { $0.offset == $0.element.rawValue },
                     "the cases of \(Key.self) must be numbered 0, 1, 2, … in order")
        table = JSONNameTable(keys.map(\.name))
    }
}

/// The values of the members of one object that a `JSONMemberNames` names, found in one pass; a key the object
/// lacks (or a value that is not an object) reads as nil. Of members with the same name the last is kept, as
/// `JSONNode[name]` gives.
public struct JSONMemberValues<Key: JSONMemberKey>: Sendable {
    @usableFromInline let slots: JSONNameSlots

    @usableFromInline init(slots: JSONNameSlots) { self.slots = slots }

    /// The value of the member `key` names.
    @inlinable
    public subscript(key: Key) -> JSONNode? { slots[key.rawValue] }
}

extension JSONNode {
    /// The members of this object that `names` names, read in one pass (all nil unless this is an object).
    @inlinable
    public func values<Key>(of names: JSONMemberNames<Key>) -> JSONMemberValues<Key> {
        JSONMemberValues(slots: slots(of: names.table))
    }
}

/// Names in a small hash table keyed by their first eight bytes and length, probed once for each member of an
/// object read. Not generic, so that the pass over an object runs without generic metadata.
@usableFromInline
struct JSONNameTable: Sendable {
    /// One name: its first eight bytes, its length, where its bytes are in `bytes`, and its key's raw value.
    struct Entry {
        var word: UInt64
        var length: Int
        var offset: Int
        var slot: Int
    }

    /// Open addressing, a power of two long and at most a quarter full (a miss, the usual case for the members a
    /// reader skips, mostly ends at the first empty entry); `slot` -1 marks an empty entry.
    let entries: [Entry]
    let mask: Int
    /// Every name's UTF-8 bytes, one after the other.
    let bytes: [UInt8]
    /// The keys by name, for member names written with escapes (rare; compared as strings, as lookups by name do).
    let byName: [String: Int]
    let count: Int

    /// The names, each found under its position in `names`.
    init(_ names: [String]) {
        var capacity = 16
        while capacity < names.count * 4 { capacity *= 2 }
        var entries = [Entry](repeating: Entry(word: 0, length: 0, offset: 0, slot: -1), count: capacity)
        var bytes: [UInt8] = []
        var byName: [String: Int] = [:]
        for (slot, text) in names.enumerated() {
            let name = Array(text.utf8)
            precondition(byName[text] == nil, "the name '\(text)' is given twice")
            byName[text] = slot
            let word = name.withUnsafeBufferPointer { $0.isEmpty ? 0 : jsonNameWord($0.baseAddress!, count: $0.count, readable: $0.count) }
            var index = Self.hash(word, name.count) & (capacity - 1)
            while entries[index].slot >= 0 { index = (index + 1) & (capacity - 1) }
            entries[index] = Entry(word: word, length: name.count, offset: bytes.count, slot: slot)
            bytes += name
        }
        self.entries = entries
        self.mask = capacity - 1
        self.bytes = bytes
        self.byName = byName
        self.count = names.count
    }

    @inline(__always)
    static func hash(_ word: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((word ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// The slot of the name of `length` bytes at `name` (first eight bytes `word`), or -1; `entries` and
    /// `names` are `self.entries` and `self.bytes`, opened once for a whole object.
    @inline(__always)
    func slot(word: UInt64, length: Int, name: UnsafePointer<UInt8>,
              entries: UnsafeBufferPointer<Entry>, names: UnsafeBufferPointer<UInt8>) -> Int {
        var index = Self.hash(word, length) & mask
        while true {
            let entry = entries[index]
            if entry.slot < 0 { return -1 }
            if entry.word == word && entry.length == length
                && (length <= 8 || memcmpEqual(names.baseAddress! + entry.offset + 8, name + 8, length - 8)) {
                return entry.slot
            }
            index = (index + 1) & mask
        }
    }
}

/// The tape index of the value of each name of a `JSONNameTable` in one object.
@usableFromInline
struct JSONNameSlots: Sendable {
    let tape: JSONTape?
    /// The tape index of each name's value (by its slot), 0 when absent (index 0 is the document, never a member).
    let indices: [Int]

    /// The value of the member named by the name in `slot`.
    @usableFromInline
    subscript(slot: Int) -> JSONNode? {
        guard let tape else { return nil }
        let index = indices[slot]
        return index == 0 ? nil : JSONNode(tape: tape, index: index)
    }
}

extension JSONNode {
    /// The members of this object that `names` names, read in one pass.
    @usableFromInline
    func slots(of names: JSONNameTable) -> JSONNameSlots {
        let nodes = tape.nodes
        let object = nodes[index]
        guard object.kind == .object else { return JSONNameSlots(tape: nil, indices: []) }
        let indices = [Int](unsafeUninitializedCapacity: names.count) { found, initialized in
            found.initialize(repeating: 0)
            initialized = found.count
            names.entries.withUnsafeBufferPointer { entries in
                names.bytes.withUnsafeBufferPointer { nameBytes in
                    tape.bytes.withUnsafeBufferPointer { bytes in
                        var child = index + 1
                        for _ in 0..<Int(object.count) {
                            let name = nodes[child]
                            let slot = name.decoded == 0
                                ? names.slot(word: name.word, length: name.end - name.start - 2, name: bytes.baseAddress! + name.start + 1,
                                             entries: entries, names: nameBytes)
                                : names.byName[tape.decoded[Int(name.decoded) - 1]] ?? -1
                            if slot >= 0 { found[slot] = child + 1 }
                            child = name.next
                        }
                    }
                }
            }
        }
        return JSONNameSlots(tape: tape, indices: indices)
    }
}
