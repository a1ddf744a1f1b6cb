import Testing
@testable import CatalogStore

/// Clusters as components of the links keys make, and their confidence, in memory.
@Suite("Cluster graph")
struct ClusterGraphTests {
    static func holders(_ pairs: (Int64, String)...) -> [ClusterGraph.Holder] {
        pairs.map { ClusterGraph.Holder(seq: $0.0, source: $0.1) }
    }

    @Test func aKeyLinksOnlyHoldersOfDifferentSources() {
        #expect(ClusterGraph.links(Self.holders((1, "a"), (2, "b"))))
        #expect(ClusterGraph.links(Self.holders((1, "a"), (2, "b"), (3, "c"))))
        #expect(!ClusterGraph.links(Self.holders((1, "a"))))
        #expect(!ClusterGraph.links(Self.holders((1, "a"), (2, "b"), (3, "a"))), "a portal's home page on two of its records")
        #expect(!ClusterGraph.links([ClusterGraph.Holder]()))
    }

    @Test func componentsFollowLinksTransitivelyAndOnlyStrongKeysMakeThemHigh() {
        var graph = ClusterGraph()
        for seq: Int64 in 1...7 { graph.add(seq) }
        graph.add(keyHeldBy: Self.holders((1, "a"), (2, "b")), strong: true)
        graph.add(keyHeldBy: Self.holders((2, "b"), (3, "c")), strong: true)
        graph.add(keyHeldBy: Self.holders((4, "a"), (5, "b")), strong: true)
        graph.add(keyHeldBy: Self.holders((5, "b"), (6, "c")), strong: false)
        graph.add(keyHeldBy: Self.holders((6, "c"), (7, "c")), strong: true)
        #expect(graph.components() == [
            ClusterGraph.Component(members: [1, 2, 3], strong: true),
            ClusterGraph.Component(members: [4, 5, 6], strong: false),
            ClusterGraph.Component(members: [7], strong: true),
        ])
        // A strong path alongside the weak link makes the whole cluster high, whichever key came first.
        graph.add(keyHeldBy: Self.holders((4, "a"), (6, "c")), strong: true)
        #expect(graph.components()[1] == ClusterGraph.Component(members: [4, 5, 6], strong: true))
    }

    @Test func theOrderKeysArriveInChangesNothing() {
        let keys: [([ClusterGraph.Holder], Bool)] = [
            (Self.holders((10, "a"), (20, "b")), false), (Self.holders((20, "b"), (30, "c")), true),
            (Self.holders((30, "c"), (10, "a")), true), (Self.holders((40, "a"), (50, "b"), (60, "a")), true),
            (Self.holders((50, "b"), (60, "c")), false),
        ]
        var expected: [ClusterGraph.Component]?
        for rotation in 0..<keys.count {
            for order in [Array(keys[rotation...] + keys[..<rotation]), Array((keys[rotation...] + keys[..<rotation]).reversed())] {
                var graph = ClusterGraph()
                for seq: Int64 in [60, 50, 40, 30, 20, 10] { graph.add(seq) }
                for (holders, strong) in order { graph.add(keyHeldBy: holders, strong: strong) }
                let components = graph.components()
                if let expected { #expect(components == expected) } else { expected = components }
            }
        }
        #expect(expected == [ClusterGraph.Component(members: [10, 20, 30], strong: true), ClusterGraph.Component(members: [40], strong: true),
                             ClusterGraph.Component(members: [50, 60], strong: false)])
    }
}
