import Foundation

/// The hashes fedcat stores to tell whether a payload, a page or a normalised record changed since the last harvest;
/// not for security.
///
/// Hashes are XXH64 (seed 0), written `x` and 16 lowercase hex digits. It reads eight bytes a step where FNV-1a, used
/// before, reads one: at 100,000 CKAN packages a harvest hashes about 1.6 GB (each page, each package's payload, each
/// record's stored JSON), and FNV-1a took a ninth of the harvesting thread's time for it (`perf` over
/// `fedcat harvest`). Hashes stored before are 16 hex digits with no `x`; `matches` still compares those, with
/// FNV-1a, so a catalogue harvested by an older fedcat sees no false change.
public enum ContentHash {
    /// The hash of `bytes`: `x` and XXH64's 16 hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { digits(XXH64.hash($0), prefix: UInt8(ascii: "x")) }
    }

    /// The hash of the file at `path`, read a megabyte at a time (the same as `hex` of its bytes); nil when it
    /// cannot be read.
    public static func hex(fileAt path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        var stream = XXH64.Stream()
        while true {
            let count = read(descriptor, chunk.baseAddress!, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return digits(stream.digest(), prefix: UInt8(ascii: "x")) }
            stream.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
    }

    /// XXH64 of `bytes`, as a number (match keys are looked up by it, `KeyPostings`).
    public static func xxh64(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { XXH64.hash($0) }
    }

    /// FNV-1a of `bytes` as 16 hex digits: what fedcat stored before XXH64, and still the value of the match keys
    /// built from hashes (`downloads`), which must stay equal across versions for records to merge. Reads contiguous
    /// bytes (a native string's UTF-8) through a buffer: a byte at a time through the sequence's iterator took a quarter
    /// of the match keys' time (`perf` over `fedcat harvest`).
    public static func fnv(_ bytes: some Sequence<UInt8>) -> String {
        digits(bytes.withContiguousStorageIfAvailable { fnv1a($0) } ?? fnv1a(bytes))
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Whether `stored` (a hash kept by this or an older fedcat, or nil when nothing was kept) is the hash of the
    /// content whose hash is now `fresh`. An older hash (FNV-1a, no `x`) is compared with the FNV-1a of `bytes`,
    /// computed only then.
    public static func matches<Bytes: Sequence<UInt8>>(_ stored: String?, fresh: String, bytes: () -> Bytes) -> Bool {
        guard let stored else { return false }
        if stored.utf8.first == UInt8(ascii: "x") { return stored == fresh }
        return stored.utf8.count == 16 && stored == fnv(bytes())
    }

    /// `value` as 16 lowercase hex digits, after `prefix` when given: the string is written once, in place.
    private static func digits(_ value: UInt64, prefix: UInt8? = nil) -> String {
        let count = prefix == nil ? 16 : 17
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            if let prefix {
                buffer[0] = prefix
                at = 1
            }
            for shift in stride(from: 60, through: 0, by: -4) {
                let digit = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
                buffer[at] = digit < 10 ? 0x30 + digit : 0x57 + digit
                at += 1
            }
            return count
        }
    }
}

/// XXH64 (Yann Collet's xxHash, 64-bit, seed 0), from its specification (`doc/xxhash_spec.md`); checked against
/// libxxhash's outputs in `ContentHashTests`.
enum XXH64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    static func hash(_ input: UnsafeRawBufferPointer) -> UInt64 {
        var offset = 0
        var hash: UInt64
        if input.count >= 32 {
            var lanes = initialLanes
            offset = stripes(input, into: &lanes)
            hash = converge(lanes)
        } else {
            hash = prime5
        }
        return finish(hash &+ UInt64(input.count), tail: input, from: offset)
    }

    static let initialLanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)

    /// Runs the four lanes over every whole 32-byte stripe of `input`; returns how many bytes that took. The lanes
    /// are local variables and the input a raw pointer, so the loop keeps them in registers.
    static func stripes(_ input: UnsafeRawBufferPointer, into lanes: inout (UInt64, UInt64, UInt64, UInt64)) -> Int {
        guard let base = input.baseAddress, input.count >= 32 else { return 0 }
        let end = input.count & ~31
        var (v1, v2, v3, v4) = lanes
        var offset = 0
        while offset < end {
            v1 = round(v1, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            v2 = round(v2, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            v3 = round(v3, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
            v4 = round(v4, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
            offset &+= 32
        }
        lanes = (v1, v2, v3, v4)
        return end
    }

    static func converge(_ lanes: (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        var hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        hash = merge(hash, lanes.0)
        hash = merge(hash, lanes.1)
        hash = merge(hash, lanes.2)
        return merge(hash, lanes.3)
    }

    /// Mixes in the last bytes (fewer than 32, from `offset`) and avalanches.
    static func finish(_ seed: UInt64, tail input: UnsafeRawBufferPointer, from offset: Int) -> UInt64 {
        var hash = seed
        var offset = offset
        let count = input.count
        while offset + 8 <= count {
            hash ^= round(0, word(input, offset))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= count {
            hash ^= UInt64(UInt32(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < count {
            hash ^= UInt64(input[offset]) &* prime5
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always) private static func word(_ input: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: input.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    @inline(__always) private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always) private static func merge(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        (accumulator ^ round(0, lane)) &* prime1 &+ prime4
    }

    /// XXH64 over bytes given in pieces: the same value as `hash` of them joined.
    struct Stream {
        private var lanes = XXH64.initialLanes
        /// Bytes of an incomplete stripe (fewer than 32).
        private var pending: [UInt8] = []
        private var total = 0

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            total += bytes.count
            var input = bytes
            if !pending.isEmpty {
                let take = min(32 - pending.count, input.count)
                pending.append(contentsOf: input[0..<take])
                input = UnsafeRawBufferPointer(rebasing: input[take...])
                guard pending.count == 32 else { return }
                pending.withUnsafeBytes { _ = XXH64.stripes($0, into: &lanes) }
                pending.removeAll(keepingCapacity: true)
            }
            let used = XXH64.stripes(input, into: &lanes)
            pending.append(contentsOf: input[used...])
        }

        func digest() -> UInt64 {
            let seed = total >= 32 ? XXH64.converge(lanes) : XXH64.prime5
            return pending.withUnsafeBytes { XXH64.finish(seed &+ UInt64(total), tail: $0, from: 0) }
        }
    }
}
