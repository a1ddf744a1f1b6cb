/// Where a short text (an IRI, a JSON-LD key) goes in a small lookup table of `slots` entries (a power of two), from
/// its length and last three bytes. The parsers and the DCAT mapper keep the few dozen predicates or keys a document
/// repeats in such tables, so a lookup compares one held text instead of hashing the text.
public enum TextSlot {
    @inlinable @inline(__always)
    public static func of(_ text: String, in slots: Int) -> Int {
        text.utf8.withContiguousStorageIfAvailable { utf8 -> Int in
            let count = utf8.count
            guard count >= 3 else { return count }
            return (count &* 31 &+ Int(utf8[count - 1]) &* 7 &+ Int(utf8[count - 2]) &* 3 &+ Int(utf8[count - 3])) & (slots - 1)
        } ?? 0
    }
}
