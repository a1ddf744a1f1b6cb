import Testing
@testable import FeedParsing

/// The eight-byte tests flag exactly the words that hold the byte asked for.
@Suite("Eight bytes at a time")
struct ByteWordTests {
    @Test func everyByteAtEveryPositionAmongOthers() {
        for filler: UInt8 in [0x00, 0x20, 0x61, 0x7F, 0x80, 0xE9, 0xFF] {
            for value in 0...255 {
                let byte = UInt8(value)
                for position in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    let word = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!, 0) }
                    for probe: UInt8 in [0x00, 0x0A, 0x0D, 0x22, 0x27, 0x5C, 0x7F] {
                        #expect(ByteWord.has(word, probe) == bytes.contains(probe))
                    }
                    for limit: UInt8 in [0x01, 0x20, 0x21, 0x80] {
                        #expect(ByteWord.hasBelow(word, limit) == bytes.contains { $0 < limit })
                    }
                }
            }
        }
    }
}
