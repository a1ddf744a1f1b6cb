import CatalogModel
import Foundation
import Testing

@Suite("Content hashes: XXH64, and the FNV-1a hashes older catalogues hold")
struct ContentHashTests {
    /// Inputs and the XXH64 (seed 0) libxxhash 0.8.1 gives them (Python ctypes over libxxhash.so.0): empty, shorter
    /// than a word, a stripe and a byte, and many stripes with a tail of every length class.
    static let vectors: [([UInt8], String)] = [
        ([], "ef46db3751d8e999"),
        (Array("a".utf8), "d24ec4f1a98c6e5b"),
        (Array("abc".utf8), "44bc2cf5ad770999"),
        (Array("0123456789abcdef0123456789abcdef!".utf8), "8afff4daac4e677e"),
        ((0..<768).map { UInt8($0 % 256) } + Array("xyz12".utf8), "9b7d50c047818b1b"),
    ]

    @Test(arguments: vectors) func xxh64MatchesTheReference(input: [UInt8], expected: String) {
        #expect(ContentHash.hex(input) == "x" + expected)
    }

    @Test func aFileHashesLikeItsBytesWhateverItsLength() throws {
        let directory = FileManager.default.temporaryDirectory
        // Around a stripe, and past the megabyte the file is read in, so pieces end mid-stripe.
        for count in [0, 5, 31, 32, 33, 64, 95, (1 << 20) + 17, (3 << 20) - 1] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
            let path = directory.appendingPathComponent("fedcat-hash-\(UUID().uuidString)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(ContentHash.hex(fileAt: path) == ContentHash.hex(bytes), "\(count) bytes")
        }
        #expect(ContentHash.hex(fileAt: "/nonexistent/fedcat") == nil)
    }

    @Test func fnvIsTheHashOlderVersionsStored() {
        #expect(ContentHash.fnv([UInt8]()) == "cbf29ce484222325")
        #expect(ContentHash.fnv(Array("a".utf8)) == "af63dc4c8601ec8c")
        // The same whether the bytes are contiguous (a string's UTF-8, read through a buffer) or only a sequence.
        #expect(ContentHash.fnv("a".utf8) == "af63dc4c8601ec8c")
        #expect(ContentHash.fnv(AnySequence(Array("a".utf8))) == "af63dc4c8601ec8c")
        let downloads = "https://files.example/a.csv\nhttps://files.example/b.json"
        #expect(ContentHash.fnv(downloads.utf8) == ContentHash.fnv(AnySequence(Array(downloads.utf8))))
    }

    @Test func aStoredHashMatchesInItsOwnAlgorithm() {
        let bytes = Array(#"{"title":"Street trees"}"#.utf8)
        let fresh = ContentHash.hex(bytes)
        var asked = 0
        let count = { () -> [UInt8] in asked += 1; return bytes }
        #expect(ContentHash.matches(fresh, fresh: fresh, bytes: count))
        #expect(asked == 0, "a hash of this version is compared as it is")
        #expect(ContentHash.matches(ContentHash.fnv(bytes), fresh: fresh, bytes: count))
        #expect(asked == 1, "an older hash is compared with FNV-1a of the bytes")
        #expect(!ContentHash.matches(ContentHash.fnv(Array("other".utf8)), fresh: fresh, bytes: count))
        #expect(!ContentHash.matches(ContentHash.hex(Array("other".utf8)), fresh: fresh, bytes: count))
        #expect(!ContentHash.matches(nil, fresh: fresh, bytes: count))
        #expect(!ContentHash.matches("", fresh: fresh, bytes: count))
    }
}
