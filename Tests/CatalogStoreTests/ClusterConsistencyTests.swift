import CatalogModel
import FeedParsing
import Foundation
import GRDB
import Testing
import TestSupport
@testable import CatalogStore

/// Clusters are kept up to date batch by batch, yet must always be what clustering the whole catalogue from scratch
/// gives: the connected components of the links match keys make (a key links its holders unless two of them are of one
/// source), of high confidence when strong keys alone connect them. Checked on random catalogues whose records draw
/// their keys from small pools, so that keys are shared, repeated within a source, dropped and taken up again.
@Suite("Clusters equal a clustering from scratch")
struct ClusterConsistencyTests {
    static let sources = ["north", "south", "east", "west"].map { SourceConfig(id: $0, kind: "ckan", url: "https://\($0).example") }

    /// A record's keys: DOIs (strong) and a title (a weak key: same title, publisher and issue date).
    struct Draw: Equatable {
        var dois: [Int]
        var title: Int? = nil
    }

    static func record(_ source: SourceConfig, _ local: String, _ draw: Draw) -> CatalogRecord {
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: local),
                                   title: LocalizedText(draw.title.map { "Monthly figures series \($0)" } ?? "Dataset \(local)"),
                                   provenance: Provenance(sourceID: source.id, kind: "ckan", originalID: local, harvestedAt: Date()))
        record.identifiers = draw.dois.map { Identifier("10.5555/k\($0)", scheme: "doi") }
        if draw.title != nil {
            record.publisher = Agent(name: "Statistics Office")
            record.issued = CatalogDate(raw: "2020-01-01", iso: "2020-01-01")
        }
        record.distributions = [Distribution(accessURL: "https://files.example/\(source.id)/\(local).csv")]
        return record
    }

    /// Harvests `records` of `source` (local id to draw) in `batches`: streamed when it is the source's first harvest,
    /// merged at the end otherwise, with the records of `previous` that changed or went compared as a harvester would.
    static func harvest(_ store: CatalogStore, _ source: SourceConfig, _ records: [(String, Draw)], previous: [String: Draw],
                        batches: Int) throws {
        let run = try store.beginRun(source: source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        let size = max(1, (records.count + batches - 1) / batches)
        for chunk in records.chunked(size) {
            var batch = StageBatch()
            batch.records = chunk.map { local, draw in
                let change: StagedRecord.Change = previous[local] == nil ? .added : previous[local] == draw ? .unchanged : .updated
                return StagedRecord(localID: local, change: change, encoded: change == .unchanged ? nil : EncodedRecord(record(source, local, draw)),
                                    raw: nil)
            }
            batch.checkpoint = "{}"
            try store.stage(runID: run.runID, sourceID: source.id, batch: batch, at: Date(), direct: run.direct)
        }
        _ = try store.commitRun(runID: run.runID, sourceID: source.id,
                                end: RunEnd(listingComplete: true, expected: records.count, counters: FetchCounters(), maxDeleteFraction: 1),
                                at: Date(), direct: run.direct)
    }

    /// The clusters as stored: each of several members as "member member … size confidence", and each record's cluster
    /// id checked against its cluster's smallest id and `cluster_seq` against its smallest seq.
    static func stored(_ store: CatalogStore) throws -> [String] {
        try store.read("test") { db in
            var groups: [String: [(id: String, seq: Int64, clusterSeq: Int64?)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, seq, cluster_id, cluster_seq FROM records") {
                groups[row["cluster_id"], default: []].append((row["id"], row["seq"], row["cluster_seq"]))
            }
            var result: [String] = []
            for (clusterID, members) in groups {
                #expect(clusterID == members.map(\.id).min(), "cluster \(clusterID)")
                let least = members.count > 1 ? members.map(\.seq).min() : nil
                #expect(members.allSatisfy { $0.clusterSeq == least }, "cluster_seq of \(clusterID)")
                let row = try Row.fetchOne(db, sql: "SELECT size, confidence FROM clusters WHERE id = ?", arguments: [clusterID])
                if members.count > 1 {
                    #expect(row?["size"] == members.count, "clusters row of \(clusterID)")
                    result.append((members.map(\.id).sorted() + [row?["confidence"] ?? "missing"]).joined(separator: " "))
                } else {
                    #expect(row == nil, "\(clusterID) stands alone but has a clusters row")
                }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM clusters") == result.count)
            return result.sorted()
        }
    }

    /// The clusters a clustering from scratch gives, from the keys stored (a plain search over the links, not the
    /// code under test).
    static func fromScratch(_ store: CatalogStore) throws -> [String] {
        try store.read("test") { db in
            var holders: [String: [(id: String, source: String, strong: Bool)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT r.id, k.source_id, k.kind, k.value, k.strong FROM record_keys k JOIN records r ON r.seq = k.seq") {
                holders[(row["kind"] as String) + "\u{1F}" + (row["value"] as String), default: []].append((row["id"], row["source_id"], row["strong"]))
            }
            var links: [String: [(String, Bool)]] = [:]
            for held in holders.values where held.count > 1 && Set(held.map(\.source)).count == held.count {
                for a in held { for b in held where a.id != b.id { links[a.id, default: []].append((b.id, a.strong && b.strong)) } }
            }
            func reach(_ start: String, strongOnly: Bool) -> Set<String> {
                var seen: Set<String> = [start], queue = [start]
                while let id = queue.popLast() {
                    for (other, strong) in links[id] ?? [] where (strong || !strongOnly) && seen.insert(other).inserted { queue.append(other) }
                }
                return seen
            }
            var done = Set<String>(), result: [String] = []
            for id in try String.fetchAll(db, sql: "SELECT id FROM records ORDER BY id") where !done.contains(id) {
                let component = reach(id, strongOnly: false)
                done.formUnion(component)
                guard component.count > 1 else { continue }
                let confidence = reach(id, strongOnly: true) == component ? "high" : "low"
                result.append((component.sorted() + [confidence]).joined(separator: " "))
            }
            return result.sorted()
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func incrementalClustersEqualClustersFromScratch(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        func draw() -> Draw {
            let dois = (0..<random.below(3)).map { _ in random.below(14) }
            return Draw(dois: dois, title: random.below(3) == 0 ? random.below(4) : nil)
        }
        let fixture = try StoreFixture()
        let store = fixture.store
        var catalogue: [String: [String: Draw]] = [:]
        // Three rounds over the sources in a random order: first harvests streamed in batches, then harvests that
        // change, drop and add records, merged at the end.
        for round in 0..<3 {
            for source in Self.sources.shuffled(using: &random) {
                let previous = catalogue[source.id] ?? [:]
                var next = previous
                if round == 0 {
                    for index in 0..<(4 + random.below(8)) { next["r\(index)"] = draw() }
                } else {
                    for local in previous.keys.sorted() {
                        switch random.below(5) {
                        case 0: next[local] = nil
                        case 1: next[local] = draw()
                        default: break
                        }
                    }
                    for index in 0..<random.below(4) { next["n\(round)-\(index)"] = draw() }
                }
                try Self.harvest(store, source, next.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, previous: previous,
                                 batches: 1 + random.below(3))
                catalogue[source.id] = next
                #expect(try Self.stored(store) == Self.fromScratch(store), "seed \(seed), round \(round), after \(source.id)")
            }
        }
        let purged = Self.sources[random.below(Self.sources.count)]
        _ = try store.purge(sourceID: purged.id)
        #expect(try Self.stored(store) == Self.fromScratch(store), "seed \(seed), after purging \(purged.id)")
    }

    /// Walks from a few records at a time (a merge of a large source does): clusters that several slices reach come out
    /// the same. Every record is first made to stand alone, then placed again, by the merge's way and the migration's.
    @Test(arguments: [7, 8])
    func clustersFormedSliceBySliceEqualClustersFromScratch(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let fixture = try StoreFixture()
        let store = fixture.store
        for source in Self.sources {
            let records = (0..<12).map { index in
                ("r\(index)", Draw(dois: (0...random.below(2)).map { _ in random.below(40) }, title: random.below(3) == 0 ? random.below(3) : nil))
            }
            try Self.harvest(store, source, records, previous: [:], batches: 1)
        }
        let formed = try Self.fromScratch(store)
        #expect(formed.count > 5, "seed \(seed) makes too few clusters to test: \(formed)")
        #expect(try Self.stored(store) == formed)
        let scramble = "UPDATE records SET cluster_id = id, cluster_seq = NULL; DELETE FROM clusters"
        try store.pool.write { db in
            try db.execute(sql: scramble)
            let ids = try String.fetchAll(db, sql: "SELECT id FROM records ORDER BY id DESC")
            try Clusters.update(affected: ids, removedClusters: [], slice: 3, db: db)
        }
        #expect(try Self.stored(store) == formed, "seed \(seed), by update")
        try store.pool.write { db in
            try db.execute(sql: scramble)
            try Clusters.reformAll(slice: 5, db: db)
        }
        #expect(try Self.stored(store) == formed, "seed \(seed), by the migration")
        // A source's records and keys go (as a purge takes them), and the rest is placed again from two records or two
        // former keys at a time.
        try store.pool.write { db in
            let clusters = try String.fetchAll(db, sql: "SELECT DISTINCT cluster_id FROM records WHERE source_id = 'north'")
            let former = try KeyPostings.remove(keysWhere: "k.source_id = 'north'", db: db)
            #expect(former.count > 4)
            try db.execute(sql: "DELETE FROM record_keys WHERE source_id = 'north'; DELETE FROM records WHERE source_id = 'north'")
            let remaining = try String.fetchAll(db, sql: "SELECT id FROM records WHERE cluster_id IN (SELECT value FROM json_each(?))",
                                                arguments: [JSONWriter.string(.array(clusters.map { .string($0) }))])
            try Clusters.update(affected: remaining, removedClusters: Set(clusters), formerKeys: former, slice: 2, db: db)
        }
        #expect(try Self.stored(store) == Self.fromScratch(store), "seed \(seed), after north went")
    }

    /// A key two records of one source hold is remembered as linking nothing (`key_saturated`), so later walks pass it
    /// by without reading its holders, until one of them drops it: then it links again.
    @Test func aKeyTwoRecordsOfOneSourceHoldLinksAgainOnceOneDropsIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let north = Self.sources[0], south = Self.sources[1]
        let saturated = { try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM key_saturated") ?? -1 } }
        try Self.harvest(store, north, [("r0", Draw(dois: [1])), ("r1", Draw(dois: [1]))], previous: [:], batches: 1)
        try Self.harvest(store, south, [("r0", Draw(dois: [1]))], previous: [:], batches: 1)
        #expect(try Self.stored(store) == [])
        #expect(try saturated() == 1)
        try Self.harvest(store, south, [("r0", Draw(dois: [1])), ("r1", Draw(dois: [1, 2]))], previous: ["r0": Draw(dois: [1])], batches: 1)
        #expect(try Self.stored(store) == [])
        try Self.harvest(store, north, [("r0", Draw(dois: [1])), ("r1", Draw(dois: [3]))], previous: ["r0": Draw(dois: [1]), "r1": Draw(dois: [1])],
                         batches: 1)
        #expect(try Self.stored(store) == Self.fromScratch(store))
        #expect(try saturated() == 1, "south's two records hold it now")
        try Self.harvest(store, south, [("r0", Draw(dois: [4])), ("r1", Draw(dois: [1, 2]))],
                         previous: ["r0": Draw(dois: [1]), "r1": Draw(dois: [1, 2])], batches: 1)
        #expect(try Self.stored(store) == ["north/r0 south/r1 high"])
        #expect(try saturated() == 0)
    }

    /// v21 forms every cluster again: what an older fedcat left behind (a record in a cluster no key holds it to, two
    /// records a key links standing alone, a row for a cluster of records gone) comes out as a clustering from scratch.
    @Test func theMigrationFormsStaleClustersAgain() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let north = Self.sources[0], south = Self.sources[1]
        try Self.harvest(store, north, [("r0", Draw(dois: [1])), ("r1", Draw(dois: [2])), ("r2", Draw(dois: []))], previous: [:], batches: 1)
        try Self.harvest(store, south, [("r0", Draw(dois: [1])), ("r1", Draw(dois: [2]))], previous: [:], batches: 1)
        let formed = ["north/r0 south/r0 high", "north/r1 south/r1 high"]
        #expect(try Self.fromScratch(store) == formed)
        try store.pool.write { db in
            try db.execute(sql: """
                UPDATE records SET cluster_id = 'north/r0', cluster_seq = (SELECT seq FROM records WHERE id = 'north/r0') WHERE id = 'north/r2';
                UPDATE clusters SET size = 3, confidence = 'low' WHERE id = 'north/r0';
                UPDATE records SET cluster_id = id, cluster_seq = NULL WHERE id IN ('north/r1', 'south/r1');
                DELETE FROM clusters WHERE id = 'north/r1';
                INSERT INTO clusters (id, canonical_id, size, confidence) VALUES ('gone/x', 'gone/x', 2, 'high');
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v21:%';
                """)
        }
        try Migrations.migrator.migrate(store.pool)
        #expect(try Self.stored(store) == formed)
        let hits = try store.read("test") { db in
            try String.fetchAll(db, sql: """
                SELECT r.id FROM records_fts f JOIN records r ON r.rank_key = f.rowid WHERE records_fts MATCH 'dataset' ORDER BY f.rowid
                """)
        }
        #expect(hits == ["north/r0", "south/r0", "north/r1", "south/r1", "north/r2"], "the index follows the clusters (rank order)")
    }
}

extension SeededGenerator {
    /// A number from 0 to `bound` - 1.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
