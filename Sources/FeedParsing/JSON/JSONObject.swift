/// A JSON object as an ordered list of members; duplicate keys are kept, in document order.
///
/// Lookup by key returns the last member with that key, as most JSON parsers do. Equality
/// and hashing are order-sensitive: `{"a":1,"b":2}` and `{"b":2,"a":1}` differ.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One member of an object.
    public typealias Element = (key: String, value: JSONValue)
    /// Positions are member offsets, 0..<count.
    public typealias Index = Int

    @usableFromInline
    struct Member: Sendable, Hashable {
        @usableFromInline var key: String
        @usableFromInline var value: JSONValue

        @inlinable
        init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline
    var members: [Member]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with these members, in this order (duplicate keys allowed).
    public init(_ members: [(key: String, value: JSONValue)]) {
        self.members = members.map { Member(key: $0.key, value: $0.value) }
    }

    /// An object with these members, in literal order (duplicate keys allowed).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    init(storage: [Member]) {
        self.members = storage
    }

    // MARK: Collection

    /// Always 0.
    @inlinable public var startIndex: Int { 0 }
    /// The number of members.
    @inlinable public var endIndex: Int { members.count }

    /// The member at `position`.
    @inlinable
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        let member = members[position]
        return (key: member.key, value: member.value)
    }

    // MARK: Keys

    /// The value of the last member named `key`, or nil when there is none.
    ///
    /// Setting a value replaces the last member named `key` (earlier duplicates are kept)
    /// or appends a new member; setting nil removes every member named `key`.
    public subscript(key: String) -> JSONValue? {
        get {
            // Lengths first: most members differ in length, which is cheaper to see than their bytes. (Names are
            // compared as JSON does, by their characters, not by Unicode canonical equivalence.)
            let length = key.utf8.count
            var index = members.count - 1
            while index >= 0 {
                if members[index].key.utf8.count == length && members[index].key == key { return members[index].value }
                index -= 1
            }
            return nil
        }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            if let index = members.lastIndex(where: { $0.key == key }) {
                members[index].value = newValue
            } else {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Every member name in document order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// Every member value in document order.
    public var values: [JSONValue] { members.map(\.value) }

    /// All values of members named `key`, in document order (more than one when the key is duplicated).
    public func values(forKey key: String) -> [JSONValue] {
        members.compactMap { $0.key == key ? $0.value : nil }
    }

    /// True when at least one member is named `key`.
    public func contains(key: String) -> Bool {
        members.contains { $0.key == key }
    }

    /// Appends a member at the end, even if the key already exists.
    public mutating func append(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }
}
