import FeedParsing

/// A fixed set of IRIs found by their length and last bytes: asking whether a predicate is in it compares it with the
/// one or two IRIs of its slot instead of hashing it. IRIs compare as `DCATTerms.same` does (lengths first), like
/// every predicate lookup of the mapper.
struct DCATIRISet {
    private var slots = [[String]](repeating: [], count: 64)

    init(_ iris: some Sequence<String>) {
        for iri in iris where !contains(iri) { slots[Self.slot(iri)].append(iri) }
    }

    func contains(_ iri: String) -> Bool {
        let held = slots[Self.slot(iri)]
        for index in held.indices where DCATTerms.same(held[index], iri) { return true }
        return false
    }

    @inline(__always)
    private static func slot(_ iri: String) -> Int { TextSlot.of(iri, in: 64) }
}
