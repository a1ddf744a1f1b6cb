import FeedParsing

/// The rank of each predicate IRI among those seen so far, in the order of `String`'s `<`: sorting a node's
/// statements compares two integers instead of two IRIs. A document uses a few dozen predicates, so ranks are
/// found through a small table by length and last bytes (the last IRI of each slot kept), and all are renumbered
/// when a new one arrives.
final class DCATPredicateOrder {
    /// The distinct predicates seen, sorted.
    private var sorted: [String] = []
    /// The IRI last ranked in each slot, and its rank.
    private var slotIRIs = [String?](repeating: nil, count: 256)
    private var slotRanks = [Int](repeating: 0, count: 256)

    /// The rank of `predicate`; ranks already handed out change when a new predicate arrives, so callers take the
    /// ranks of all the predicates they compare first (`ranks(of:)`).
    @inline(__always)
    private func rank(_ predicate: String) -> (rank: Int, added: Bool) {
        let slot = Self.slot(predicate)
        if let held = slotIRIs[slot], RDFGraph.same(held, predicate) { return (slotRanks[slot], false) }
        return search(predicate, slot: slot)
    }

    /// The rank of a predicate not in its slot, adding it when it is new.
    private func search(_ predicate: String, slot: Int) -> (rank: Int, added: Bool) {
        // Binary search: the first predicate not below this one.
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < predicate { low = middle + 1 } else { high = middle }
        }
        if low < sorted.count && sorted[low] == predicate {
            slotIRIs[slot] = predicate
            slotRanks[slot] = low
            return (low, false)
        }
        sorted.insert(predicate, at: low)
        // Every rank from `low` on moved: the table is refilled from the sorted list.
        slotIRIs = [String?](repeating: nil, count: 256)
        for (index, iri) in sorted.enumerated() {
            slotIRIs[Self.slot(iri)] = iri
            slotRanks[Self.slot(iri)] = index
        }
        return (low, true)
    }

    /// The rank of each statement's predicate, all from the same numbering.
    func ranks(of statements: [RDFGraph.Statement]) -> [Int] {
        var ranks = [Int](repeating: 0, count: statements.count)
        var index = 0
        while index < statements.count {
            let (found, added) = rank(statements[index].predicate)
            if added && index > 0 {
                // The numbering changed: the ranks taken so far are taken again.
                index = 0
                continue
            }
            ranks[index] = found
            index += 1
        }
        return ranks
    }

    @inline(__always)
    private static func slot(_ iri: String) -> Int { TextSlot.of(iri, in: 256) }
}
