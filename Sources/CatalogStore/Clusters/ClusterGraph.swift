/// Records and the match keys that link them, in memory: a cluster is a connected component of the links, of high
/// confidence when its strong keys alone connect it (one component of the strong links). Both are properties of the
/// records and their keys only, so a catalogue clusters the same whatever order its sources were harvested in, and a
/// re-clustering of part of it agrees with one of the whole.
struct ClusterGraph {
    /// A record holding a key: its `seq` and its source.
    struct Holder: Hashable {
        let seq: Int64
        let source: String
    }

    /// A cluster: its members' `seq`s, ascending, and whether strong keys alone connect them.
    struct Component: Equatable {
        let members: [Int64]
        let strong: Bool
    }

    private var any = UnionFind()
    private var strong = UnionFind()

    /// Whether a key with these holders links them: two records at least, no two of one source. (A key two records of
    /// one source share, such as the portal's home page, does not tell datasets apart.)
    static func links(_ holders: some Collection<Holder>) -> Bool {
        guard holders.count > 1 else { return false }
        var sources = Set<String>()
        return holders.allSatisfy { sources.insert($0.source).inserted }
    }

    /// Adds a record, which stands alone until a key links it.
    mutating func add(_ seq: Int64) {
        any.add(seq)
        strong.add(seq)
    }

    /// Adds a key held by `holders` (all of them, across the catalogue): it links them when `links` says so.
    mutating func add(keyHeldBy holders: [Holder], strong isStrong: Bool) {
        guard Self.links(holders), let first = holders.first?.seq else { return }
        for holder in holders.dropFirst() {
            any.union(first, holder.seq)
            if isStrong { strong.union(first, holder.seq) }
        }
    }

    /// Every record added, grouped into components, in the order of their smallest `seq`.
    func components() -> [Component] {
        var groups: [Int64: [Int64]] = [:]
        for seq in any.elements { groups[any.root(seq), default: []].append(seq) }
        return groups.values.map { members -> Component in
            let sorted = members.sorted()
            let root = strong.root(sorted[0])
            return Component(members: sorted, strong: sorted.allSatisfy { strong.root($0) == root })
        }.sorted { $0.members[0] < $1.members[0] }
    }
}

/// Disjoint sets of `seq`s with path halving and union by size.
private struct UnionFind {
    private var parent: [Int64: Int64] = [:]
    private var size: [Int64: Int] = [:]

    var elements: Dictionary<Int64, Int64>.Keys { parent.keys }

    mutating func add(_ element: Int64) {
        if parent[element] == nil {
            parent[element] = element
            size[element] = 1
        }
    }

    func root(_ element: Int64) -> Int64 {
        var current = element
        while let next = parent[current], next != current { current = next }
        return current
    }

    mutating func union(_ a: Int64, _ b: Int64) {
        add(a)
        add(b)
        var ra = compress(a), rb = compress(b)
        guard ra != rb else { return }
        if size[ra, default: 1] < size[rb, default: 1] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra, default: 1] += size[rb, default: 1]
    }

    /// The root of `element`, pointing every other node on the way at its grandparent.
    private mutating func compress(_ element: Int64) -> Int64 {
        var current = element
        while let next = parent[current], next != current {
            let grand = parent[next] ?? next
            parent[current] = grand
            current = grand
        }
        return current
    }
}
