import FeedParsing

/// Predicate IRIs numbered in the order they arrive. A lookup goes to a slot chosen by the IRI's length and last
/// bytes (`TextSlot`) and compares the few IRIs chained there, lengths first: a document uses a few dozen
/// predicates, and the mapper asks for many it does not use, which this answers without hashing the IRI.
///
/// A value: the term graph of a stream adds to its own, and each record graph cut from it keeps a copy that
/// shares the storage until the next new predicate arrives.
struct DCATPredicateTable: Sendable {
    private static let slots = 256
    /// The IRI of each predicate number.
    private(set) var iris: [String] = []
    /// The last predicate put in each slot, and before it the one put there earlier (-1: none).
    private var heads = [Int32](repeating: -1, count: slots)
    private var chained: [Int32] = []

    /// The number of `iri`, nil when the table does not hold it.
    @inline(__always)
    func id(of iri: String) -> Int32? {
        var at = heads[TextSlot.of(iri, in: Self.slots)]
        while at >= 0 {
            if RDFGraph.same(iris[Int(at)], iri) { return at }
            at = chained[Int(at)]
        }
        return nil
    }

    /// The number of `iri`, given now when it has none; `isNew` tells which.
    mutating func add(_ iri: String) -> (id: Int32, isNew: Bool) {
        if let found = id(of: iri) { return (found, false) }
        let id = Int32(iris.count)
        let slot = TextSlot.of(iri, in: Self.slots)
        iris.append(iri)
        chained.append(heads[slot])
        heads[slot] = id
        return (id, true)
    }

    var count: Int { iris.count }

    subscript(id: Int32) -> String { iris[Int(id)] }
}
