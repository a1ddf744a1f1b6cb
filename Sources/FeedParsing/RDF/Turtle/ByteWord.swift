/// Eight bytes of text tested at once, for loops that step over runs of bytes they have nothing to do with.
///
/// A byte below `n` (`n` ≤ 128) sets its high bit in `word - n·0x0101…` while its own high bit is clear, and no
/// borrow comes from a byte that is not below `n`, so the tests flag exactly the words that hold such a byte.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `pointer + index` (the caller checks they are there).
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>, _ index: Int) -> UInt64 {
        UnsafeRawPointer(pointer + index).loadUnaligned(as: UInt64.self)
    }

    /// True when one of the eight bytes is `byte`.
    @inline(__always)
    static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// True when one of the eight bytes is below `limit` (at most 128).
    @inline(__always)
    static func hasBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }
}
