internal import CLibXML2

/// The names one reader has seen, each built into Swift strings once. Keys are strings
/// interned in the reader's libxml2 dictionary (`xmlTextReaderConstString` and friends), which
/// live as long as the reader, so equal pointers always mean equal strings.
struct XMLNameTable {
    struct Entry {
        let local: UnsafeRawPointer?
        let namespace: UnsafeRawPointer?
        let prefix: UnsafeRawPointer?
        let name: XMLName
        let qualified: String
        /// The name as `XMLSubtreeWriter` writes it: `prefix:local` whenever there is a prefix.
        let written: [UInt8]
    }

    private(set) var entries: [Entry] = []
    /// Open addressing: entry index + 1, 0 for an empty slot.
    private var slots = [Int32](repeating: 0, count: 64)

    @inline(__always)
    private static func hash(_ local: UnsafeRawPointer?, _ namespace: UnsafeRawPointer?, _ prefix: UnsafeRawPointer?) -> Int {
        let a = UInt(bitPattern: local), b = UInt(bitPattern: namespace), c = UInt(bitPattern: prefix)
        var mixed = (a >> 3) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= (b >> 3) &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= (c >> 3) &* 0x1656_67B1_9E37_79F9
        return Int(bitPattern: mixed ^ (mixed >> 29))
    }

    /// The id of the name with these interned strings, creating the entry on first sight.
    mutating func id(local: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?,
                     prefix: UnsafePointer<xmlChar>?) -> Int {
        let (l, n, p) = (UnsafeRawPointer(local), UnsafeRawPointer(namespace), UnsafeRawPointer(prefix))
        let mask = slots.count - 1
        var slot = Self.hash(l, n, p) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            let entry = entries[stored - 1]
            if entry.local == l && entry.namespace == n && entry.prefix == p { return stored - 1 }
            slot = (slot + 1) & mask
        }
        let name = XMLName(namespace: namespace.map(XMLNodeAccess.string), local: local.map(XMLNodeAccess.string) ?? "",
                           prefix: prefix.map(XMLNodeAccess.string))
        var written: [UInt8] = []
        if let prefix {
            written.append(contentsOf: UnsafeBufferPointer(start: prefix, count: Int(xmlStrlen(prefix))))
            written.append(UInt8(ascii: ":"))
        }
        if let local { written.append(contentsOf: UnsafeBufferPointer(start: local, count: Int(xmlStrlen(local)))) }
        entries.append(Entry(local: l, namespace: n, prefix: p, name: name, qualified: name.qualified, written: written))
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return entries.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Self.hash(entry.local, entry.namespace, entry.prefix) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

/// How often each child name has occurred under each open element, for path indexes.
///
/// One flat stack of (name id, count) pairs shared by all open elements, each element owning
/// the pairs from its `start` on (its open child's pairs are removed when that child closes),
/// so counting allocates nothing in the usual case. An element with more than 16 distinct
/// child names moves its pairs into a dictionary, so hostile documents stay linear.
struct XMLChildCounts {
    private var ids: [Int] = []
    private var counts: [Int] = []
    private var overflow: [Int: [Int: Int]] = [:]   // by level
    private var starts: [Int] = [0]                 // starts[level]: first pair of that level

    /// Counts one more child with this name id at the innermost open level and returns its
    /// 1-based index among same-named siblings.
    mutating func increment(_ id: Int) -> Int {
        let level = starts.count - 1
        if !overflow.isEmpty, overflow[level] != nil {
            let count = overflow[level]![id, default: 0] + 1
            overflow[level]![id] = count
            return count
        }
        let start = starts[level]
        var position = start
        while position < ids.count {
            if ids[position] == id {
                counts[position] += 1
                return counts[position]
            }
            position += 1
        }
        if ids.count - start < 16 {
            ids.append(id)
            counts.append(1)
            return 1
        }
        var table: [Int: Int] = [:]
        for position in start..<ids.count { table[ids[position]] = counts[position] }
        table[id] = 1
        overflow[level] = table
        ids.removeSubrange(start...)
        counts.removeSubrange(start...)
        return 1
    }

    /// A new element opened: its children are counted from now on.
    mutating func open() {
        starts.append(ids.count)
    }

    /// The innermost element closed: forget its children.
    mutating func close() {
        let level = starts.count - 1
        guard level > 0 else { return }
        let start = starts.removeLast()
        if ids.count > start {
            ids.removeSubrange(start...)
            counts.removeSubrange(start...)
        }
        if !overflow.isEmpty { overflow[level] = nil }
    }
}
