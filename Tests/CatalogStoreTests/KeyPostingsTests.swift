import CatalogModel
import Foundation
import GRDB
import Testing
@testable import CatalogStore

/// Match keys are looked up through hashed postings in two levels (schema v19); a posting is only a candidate.
@Suite("Match key postings")
struct KeyPostingsTests {
    static let state = SourceConfig(id: "state", kind: "ckan", url: "https://state.example")
    static let county = SourceConfig(id: "county", kind: "ckan", url: "https://county.example")

    /// Streams `records` as the first harvest of `source`, in one batch.
    func firstHarvest(_ store: CatalogStore, _ source: SourceConfig, _ records: [CatalogRecord]) throws {
        let run = try store.beginRun(source: source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(run.direct)
        var batch = StageBatch()
        batch.records = records.map { StagedRecord(localID: $0.provenance.originalID, change: .added, encoded: EncodedRecord($0), raw: nil) }
        batch.checkpoint = "{}"
        try store.stage(runID: run.runID, sourceID: source.id, batch: batch, at: Date(), direct: true)
        _ = try store.commitRun(runID: run.runID, sourceID: source.id,
                                end: RunEnd(listingComplete: true, expected: records.count, counters: FetchCounters()), at: Date(), direct: true)
    }

    func clusters(_ store: CatalogStore) throws -> [String] {
        try store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT group_concat(id, ' ') FROM (SELECT id, cluster_id FROM records ORDER BY id) GROUP BY cluster_id ORDER BY 1")
        }
    }

    func levels(_ store: CatalogStore) throws -> [Int] {
        try store.read("test") { db in
            try [0, 1].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = ?", arguments: [$0]) ?? -1 }
        }
    }

    @Test func recordsMatchAcrossBothLevels() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try firstHarvest(store, Self.state, [StreamedRunTests.record(Self.state, "s1", title: "Trees", doi: "10.1/trees")])
        let keys = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys") ?? 0 }
        #expect(try levels(store) == [keys, 0])
        // Level 0 moves into level 1; the city's record, streamed into level 0, still finds the state's.
        try store.pool.write { db in try KeyPostings.merge(db: db) }
        #expect(try levels(store) == [0, keys])
        try firstHarvest(store, StoreFixture.source, [StreamedRunTests.record(StoreFixture.source, "c1", title: "Street trees", doi: "10.1/trees"),
                                                      StreamedRunTests.record(StoreFixture.source, "c2", title: "Parks", doi: "10.1/parks")])
        #expect(try clusters(store) == ["city/c1 state/s1", "city/c2"])
        // And a third source's record finds both, one in each level.
        try store.pool.write { db in
            let later = try Int64.fetchOne(db, sql: "SELECT seq FROM records WHERE id = 'city/c1'")!
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = 0 AND seq = ?", arguments: [later])! > 0)
        }
        try firstHarvest(store, Self.county, [StreamedRunTests.record(Self.county, "k1", title: "Trees of the county", doi: "10.1/trees")])
        #expect(try clusters(store) == ["city/c1 county/k1 state/s1", "city/c2"])
    }

    @Test func aPostingWhoseHashMatchesButWhoseKeyDoesNotLinksNothing() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try firstHarvest(store, Self.state, [StreamedRunTests.record(Self.state, "s1", title: "Trees", doi: "10.1/trees"),
                                             StreamedRunTests.record(Self.state, "s2", title: "Parks", doi: "10.1/parks")])
        // A posting claiming that the state's parks record holds the trees DOI: what two keys with one hash look like.
        try store.pool.write { db in
            let parks = try Int64.fetchOne(db, sql: "SELECT seq FROM records WHERE id = 'state/s2'")!
            try db.execute(sql: "INSERT INTO key_postings (level, hash, seq) VALUES (1, ?, ?)",
                           arguments: [KeyPostings.hash(kind: "doi", value: "10.1/trees"), parks])
        }
        try firstHarvest(store, StoreFixture.source, [StreamedRunTests.record(StoreFixture.source, "c1", title: "Street trees", doi: "10.1/trees")])
        #expect(try clusters(store) == ["city/c1 state/s1", "state/s2"])
    }

    @Test func level0IsMergedIntoLevel1WhenItHoldsEnoughRecords() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try firstHarvest(store, Self.state, [StreamedRunTests.record(Self.state, "s1", title: "Trees", doi: "10.1/trees")])
        try store.pool.write { db in
            let keys = try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys") ?? 0
            try KeyPostings.add([(hash: 43, seq: 998)], records: 1, mergeEvery: 3, db: db)
            #expect(try Int.fetchOne(db, sql: "SELECT level0_records FROM key_postings_state") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = 0") == keys + 1)
            try KeyPostings.add([(hash: 44, seq: 999)], records: 1, mergeEvery: 3, db: db)
            #expect(try Int.fetchOne(db, sql: "SELECT level0_records FROM key_postings_state") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = 0") == 0)
            #expect(try Int64.fetchAll(db, sql: "SELECT hash FROM key_postings WHERE level = 1 AND seq IN (998, 999) ORDER BY 1") == [43, 44])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = 1") == keys + 2)
        }
    }

    @Test func removingASourceRemovesItsPostings() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try firstHarvest(store, Self.state, [StreamedRunTests.record(Self.state, "s1", title: "Trees", doi: "10.1/trees")])
        try firstHarvest(store, StoreFixture.source, [StreamedRunTests.record(StoreFixture.source, "c1", title: "Street trees", doi: "10.1/trees")])
        _ = try store.purge(sourceID: "state")
        try store.pool.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings") == (try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys")))
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM key_postings p WHERE NOT EXISTS (SELECT 1 FROM record_keys k WHERE k.seq = p.seq AND k.hash = p.hash)
                """) == 0)
        }
        #expect(try clusters(store) == ["city/c1"])
    }
}
