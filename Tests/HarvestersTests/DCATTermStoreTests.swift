import Testing
import FeedParsing
@testable import Harvesters

/// The byte store the DCAT stream and record graphs keep their terms in: terms come back as they went in, copies do
/// not share changes, texts sort as `String` sorts them, the index finds every resource after growing, and the hash
/// filter never forgets a hash.
@Suite("DCAT term store")
struct DCATTermStoreTests {
    static let terms: [RDFTerm] = [
        .iri("https://ex.org/dataset/1"),
        .blank("d-b7"),
        .literal("Rivers of Wales", datatype: nil, language: "en"),
        .literal("2024-03-01", datatype: "http://www.w3.org/2001/XMLSchema#date", language: nil),
        .literal("", datatype: nil, language: nil),
        .literal("Flüsse", datatype: nil, language: "de"),
        .literal("Rivers of Wales", datatype: nil, language: "en"),
        .iri("https://ex.org/ünïcode/ﬁle"),
    ]

    @Test func termsComeBackAsTheyWentIn() {
        var store = DCATTermStore()
        let ids = Self.terms.map { store.append($0) }
        #expect(ids == (0..<Int32(Self.terms.count)).map { $0 })
        for (id, term) in zip(ids, Self.terms) { #expect(store.term(id) == term) }
        #expect(store.iri(0) == "https://ex.org/dataset/1" && store.iri(1) == nil)
        #expect(store.literal(2)! == ("Rivers of Wales", "en"))
        #expect(store.literal(3)! == ("2024-03-01", nil))
        // The same tag is numbered once; a language and a datatype never share a number.
        #expect(store.tag(2) == store.tag(6) && store.tag(2) != store.tag(5) && store.tag(3) != store.tag(2))
        #expect(store.tag(4) == -1)
        #expect(store.text(2) == store.text(6) && store.kind(2) == .literal && store.kind(1) == .blank)
        #expect(store.hasPrefix(0, Array("https://ex.org/".utf8)) && !store.hasPrefix(0, Array("https://ex.org/dataset/1/".utf8)))
    }

    @Test func aCopyDoesNotSeeChangesMadeAfterIt() {
        var store = DCATTermStore(capacity: 1, byteCapacity: 1)
        store.append(.iri("https://ex.org/a"))
        let copy = store
        // Growing past the first capacities, and adding a tag, in the original only.
        for index in 0..<100 { store.append(.literal("text \(index)", datatype: nil, language: "x\(index)")) }
        #expect(copy.count == 1 && copy.term(0) == .iri("https://ex.org/a"))
        #expect(store.count == 101 && store.term(100) == .literal("text 99", datatype: nil, language: "x99"))
        var other = copy
        other.append(.blank("b0"))
        #expect(copy.count == 1 && other.count == 2 && store.term(1) == .literal("text 0", datatype: nil, language: "x0"))
        // A term copied from another store sharing its tags (as the cut copies into a record graph).
        var record = DCATTermStore(tags: store.tags)
        let id = record.append(from: store, 5, tag: store.tag(5))
        #expect(record.term(id) == store.term(5))
    }

    @Test func textsSortAsStringsDo() {
        let texts = ["a", "b", "ab", "", "Z", "é", "e\u{301}", "Α", "Α\u{301}", "Ά", "漢", "🙂", "https://ex.org/x", "https://ex.org/x/y"]
        var store = DCATTermStore()
        for text in texts { store.append(.iri(text)) }
        for a in texts.indices {
            for b in texts.indices {
                let expected = texts[a] < texts[b] ? -1 : (texts[a] == texts[b] ? 0 : 1)
                #expect(store.compareTexts(Int32(a), Int32(b)) == expected, "\(texts[a]) \(texts[b])")
            }
        }
    }

    /// Random texts of ASCII letters, combining marks and composed characters.
    @Test func randomTextsSortAsStringsDo() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "e", "h", "Z", "/", "\u{301}", "\u{308}", "é", "ë", "Α", "Ά", "漢", "🙂", "\u{0}"]
        let texts = (0..<300).map { _ in (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        var store = DCATTermStore()
        for text in texts { store.append(.literal(text, datatype: nil, language: nil)) }
        for a in texts.indices {
            for b in texts.indices.shuffled(using: &generator).prefix(20) {
                let expected = texts[a] < texts[b] ? -1 : (texts[a] == texts[b] ? 0 : 1)
                #expect(store.compareTexts(Int32(a), Int32(b)) == expected, "\(Array(texts[a].unicodeScalars)) \(Array(texts[b].unicodeScalars))")
            }
        }
    }

    @Test func theIndexFindsEveryResourceAfterGrowing() {
        var store = DCATTermStore()
        var index = DCATTermIndex(capacity: 4)
        func find(_ kind: DCATTermStore.Kind, _ text: String) -> Int32? {
            var text = text
            return text.withUTF8 { utf8 in
                let raw = UnsafeRawBufferPointer(utf8)
                return store.withStorage { index.find(kind, raw, hash: DCATTermStore.hash(kind, raw), bytes: $0, spans: $1) }
            }
        }
        for number in 0..<5_000 {
            let kind: DCATTermStore.Kind = number % 3 == 0 ? .blank : .iri
            let id = store.append(kind == .blank ? .blank("n\(number)") : .iri("https://ex.org/\(number)"))
            index.insert(id, hash: store.hash(id), in: store)
        }
        #expect(index.count == 5_000)
        for number in 0..<5_000 {
            if number % 3 == 0 {
                #expect(find(.blank, "n\(number)") == Int32(number))
                #expect(find(.iri, "n\(number)") == nil)
            } else {
                #expect(find(.iri, "https://ex.org/\(number)") == Int32(number))
            }
        }
        #expect(find(.iri, "https://ex.org/5000") == nil)
        #expect(find(.iri, "") == nil)
    }

    @Test func theHashFilterHoldsWhatWasInserted() {
        var generator = SystemRandomNumberGenerator()
        let inserted = (0..<5_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        var filter = DCATHashFilter()
        for hash in inserted { filter.insert(hash) }
        #expect(inserted.allSatisfy(filter.mayHold))
        // The filter keeps the hashes themselves (low bit set): others are answered no unless they differ only there.
        let held = Set(inserted.map { $0 | 1 })
        let others = (0..<5_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }.filter { !held.contains($0 | 1) }
        #expect(!others.contains(where: filter.mayHold))
    }
}
