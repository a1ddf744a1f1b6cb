/// A bit per hash of the subjects a large graph was given (a Bloom filter with one hash), so looking up a node the
/// graph says nothing about (a theme, a language, a page) mostly costs a pass over its bytes instead of a dictionary
/// probe. Bits are never cleared: a removed subject only costs a lookup.
///
/// The hash is over UTF-8 bytes, while terms compare as `String`s (canonical equivalence): it is only trusted when
/// every subject added and the term asked about are ASCII, where the two agree. Terms that are not ASCII, and
/// literals, are always looked up.
struct RDFSubjectFilter {
    private var words: [UInt64]
    /// False once a subject that is not ASCII was added: from then on every term is looked up.
    private var usable: Bool
    /// How many subjects were added.
    private var added = 0

    /// An empty filter that holds nothing back (for small graphs, which are not indexed).
    init() {
        words = []
        usable = false
    }

    /// A filter of `bits` bits (a power of two).
    init(bits: Int) {
        words = [UInt64](repeating: 0, count: bits / 64)
        usable = true
    }

    /// True when a subject was added for every eight bits or fewer: the graph then builds a larger filter.
    var isCrowded: Bool { usable && added &* 8 > words.count &* 64 }

    /// The size of the filter in bits.
    var bits: Int { words.count &* 64 }

    mutating func add(_ term: RDFTerm) {
        guard usable else { return }
        added &+= 1
        guard let hash = Self.hash(term) else {
            usable = false
            return
        }
        let bit = Int(truncatingIfNeeded: hash) & (words.count &* 64 &- 1)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// False only when `term` is certainly not a subject added.
    @inline(__always)
    func mayHold(_ term: RDFTerm) -> Bool {
        guard usable, let hash = Self.hash(term) else { return true }
        let bit = Int(truncatingIfNeeded: hash) & (words.count &* 64 &- 1)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// A hash of an IRI's or blank node's bytes; nil for a literal or a text that is not ASCII.
    @inline(__always)
    private static func hash(_ term: RDFTerm) -> UInt64? {
        switch term {
        case .iri(let text): return hash(text, kind: 0x9E37_79B9_7F4A_7C15)
        case .blank(let text): return hash(text, kind: 0xC2B2_AE3D_27D4_EB4F)
        case .literal: return nil
        }
    }

    private static func hash(_ text: String, kind: UInt64) -> UInt64? {
        let found = text.utf8.withContiguousStorageIfAvailable { utf8 -> UInt64? in
            var hash = kind ^ UInt64(utf8.count)
            var high: UInt64 = 0
            var index = 0
            if let base = utf8.baseAddress {
                while index + 8 <= utf8.count {
                    let word = ByteWord.load(base, index)
                    high |= word
                    hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                    hash ^= hash >> 29
                    index += 8
                }
                while index < utf8.count {
                    high |= UInt64(base[index])
                    hash = (hash ^ UInt64(base[index])) &* 0x0000_0100_0000_01B3
                    index += 1
                }
            }
            guard high & ByteWord.highs == 0 else { return nil }
            return hash ^ (hash >> 32)
        }
        // A text without contiguous UTF-8 (bridged) is looked up.
        return found ?? nil
    }
}
