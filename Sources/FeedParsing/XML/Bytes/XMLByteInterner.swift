#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte strings (names, prefixes, namespace URIs) interned by `XMLByteReader`: each distinct string gets a small
/// id, its bytes kept once in one arena, so a name seen a thousand times is hashed but never copied again.
struct XMLByteInterner {
    /// Every interned string's bytes, one after the other.
    private(set) var arena: [UInt8] = []
    /// By id: where its bytes start in `arena`, and how many.
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private var hashes: [UInt32] = []
    /// Open addressing: id + 1, 0 for an empty slot.
    private var slots = [Int32](repeating: 0, count: 256)

    var count: Int { starts.count }

    /// A hash of the bytes, eight at a time (names are short, and this decides nothing but the slot).
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        var at = 0
        while at + 8 <= count {
            hash = (hash ^ UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            at += 8
        }
        var tail: UInt64 = 0
        while at < count {
            tail = tail << 8 | UInt64(base[at])
            at += 1
        }
        hash = (hash ^ tail) &* multiplier
        return UInt32(truncatingIfNeeded: hash ^ hash >> 32)
    }

    /// The id of these bytes, interning them on first sight.
    mutating func id(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let hash = Self.hash(base, count)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            let id = stored - 1
            if hashes[id] == hash && Int(lengths[id]) == count {
                let start = Int(starts[id])
                let same = arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, count) == 0 }
                if same { return id }
            }
            slot = (slot + 1) & mask
        }
        starts.append(Int32(arena.count))
        lengths.append(Int32(count))
        hashes.append(hash)
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        slots[slot] = Int32(starts.count)
        if starts.count * 2 > slots.count { grow() }
        return starts.count - 1
    }

    /// The bytes of `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[id])
        return arena[start..<start + Int(lengths[id])]
    }

    /// The length of `id` when its bytes are the first of the `available` bytes at `base` and do not fill them
    /// all; nil otherwise.
    @inline(__always)
    func length(of id: Int, matching base: UnsafePointer<UInt8>, available: Int) -> Int? {
        let start = Int(starts[id]), length = Int(lengths[id])
        guard length < available else { return nil }
        let same = arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, length) == 0 }
        return same ? length : nil
    }

    /// Calls `body` with the bytes of `id`, read in place.
    @inline(__always)
    func withBytes<Result>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = Int(starts[id]), length = Int(lengths[id])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(start: $0.baseAddress! + start, count: length)) }
    }

    func string(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for id in hashes.indices {
            var slot = Int(hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }
}

