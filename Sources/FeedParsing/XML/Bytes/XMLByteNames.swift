/// The names `XMLByteReader` has seen: qualified names as written, prefixes and namespace URIs interned as bytes,
/// and each (qualified name, namespace) pair resolved once into an `XMLName` with an id, which is what trees,
/// events and paths use (the same split as libxml2's (local, namespace, prefix) names in `XMLNameTable`).
struct XMLByteNames {
    /// What a qualified name is, worked out on first sight (plain integers, so reading one costs no reference
    /// counting; its local part is in `locals`).
    struct QualifiedName {
        /// Prefix id in `prefixes`, -1 for none.
        var prefix: Int32
        /// -2: not a namespace declaration; -1: `xmlns`; otherwise `xmlns:p` with p's prefix id.
        var declares: Int32
        /// The last namespace URI id this name resolved with (-2 for none yet) and the resolved name id then:
        /// a name nearly always resolves to the same namespace.
        var lastNamespace: Int32 = -2
        var lastName: Int32 = -1
    }

    /// A resolved name.
    struct Resolved {
        var name: XMLName
        var qualified: Int32
    }

    var qualified = XMLByteInterner()
    var prefixes = XMLByteInterner()
    var namespaces = XMLByteInterner()
    private(set) var info: [QualifiedName] = []
    private var locals: [String] = []
    private(set) var resolved: [Resolved] = []
    private var byKey: [Int64: Int32] = [:]
    /// The prefix id of `xml` (bound to `xmlNamespace` without a declaration) and of `xmlns`.
    let xmlPrefix: Int32
    let xmlnsPrefix: Int32
    /// Namespace ids of the XML namespace and of the `xmlns` namespace (neither may be declared).
    let xmlNamespace: Int32
    let xmlnsNamespace: Int32

    init() {
        xmlPrefix = Int32(Self.intern("xml", into: &prefixes))
        xmlnsPrefix = Int32(Self.intern("xmlns", into: &prefixes))
        xmlNamespace = Int32(Self.intern("http://www.w3.org/XML/1998/namespace", into: &namespaces))
        xmlnsNamespace = Int32(Self.intern("http://www.w3.org/2000/xmlns/", into: &namespaces))
    }

    private static func intern(_ string: StaticString, into interner: inout XMLByteInterner) -> Int {
        string.withUTF8Buffer { interner.id($0.baseAddress!, $0.count) }
    }

    /// The qualified name read after the last two the last time they came in that order (-1 for none yet), by a
    /// hash of the two: feed pages repeat the same tags and attributes in the same order, so it is a good guess for
    /// the next name, checked against the page before anything is hashed.
    private var guesses = [Int32](repeating: -1, count: 4096)

    /// The slot in `guesses` after `earlier` and `last` (qualified name ids, -1 for none).
    @inline(__always)
    private static func guessSlot(_ earlier: Int32, _ last: Int32) -> Int {
        let mixed = (UInt32(bitPattern: earlier) &* 2_654_435_761 &+ UInt32(bitPattern: last)) &* 2_246_822_519
        return Int(mixed >> 20)
    }

    /// The guess for the name after `earlier` and `last` (-1 for none).
    @inline(__always)
    func guess(after earlier: Int32, _ last: Int32) -> Int32 { guesses[Self.guessSlot(earlier, last)] }

    /// Remembers that `next` came after `earlier` and `last`.
    @inline(__always)
    mutating func remember(_ next: Int32, after earlier: Int32, _ last: Int32) { guesses[Self.guessSlot(earlier, last)] = next }

    /// Distinct element and attribute names and declared namespace URIs, as `XMLMarkupScan` counts them.
    var distinctCount: Int { qualified.count + namespaces.count - 2 }

    /// The id of the qualified name in these bytes (ASCII name characters, checked by the caller), or nil when it
    /// is not a valid qualified name (more than one colon, or an empty prefix or local part).
    mutating func qualifiedID(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let id = qualified.id(base, count)
        if id < info.count { return info[id].prefix == -3 ? nil : id }
        var colon = -1
        for index in 0..<count where base[index] == UInt8(ascii: ":") {
            if colon >= 0 { colon = -2; break }
            colon = index
        }
        var entry = QualifiedName(prefix: -1, declares: -2)
        var local = ""
        defer {
            info.append(entry)
            locals.append(local)
        }
        if colon == -2 || colon == 0 || colon == count - 1 {
            entry.prefix = -3   // refused
            return nil
        }
        if colon > 0 {
            entry.prefix = Int32(prefixes.id(base, colon))
            local = String(decoding: UnsafeBufferPointer(start: base + colon + 1, count: count - colon - 1), as: UTF8.self)
            if entry.prefix == xmlnsPrefix {
                entry.declares = Int32(prefixes.id(base + colon + 1, count - colon - 1))
            }
        } else {
            local = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
            if local == "xmlns" { entry.declares = -1 }
        }
        return id
    }

    /// The resolved name id of qualified name `id` in namespace `namespace` (-1 for none).
    @inline(__always)
    mutating func resolve(_ id: Int, namespace: Int32) -> Int {
        if info[id].lastNamespace == namespace { return Int(info[id].lastName) }
        let key = Int64(id) << 32 | Int64(UInt32(bitPattern: namespace))
        let name: Int32
        if let known = byKey[key] {
            name = known
        } else {
            let entry = info[id]
            let xmlName = XMLName(namespace: namespace < 0 ? nil : namespaces.string(Int(namespace)), local: locals[id],
                                  prefix: entry.prefix < 0 ? nil : prefixes.string(Int(entry.prefix)))
            name = Int32(resolved.count)
            resolved.append(Resolved(name: xmlName, qualified: Int32(id)))
            byKey[key] = name
        }
        info[id].lastNamespace = namespace
        info[id].lastName = name
        return Int(name)
    }
}
