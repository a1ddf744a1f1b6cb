import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Testing

/// A source's first harvest streams its records into the catalogue batch by batch (the merge overlaps the fetching);
/// every later run stages and merges at its end.
@Suite("Streamed first harvests")
struct StreamedRunTests {
    static let other = SourceConfig(id: "state", kind: "ckan", url: "https://state.example")

    /// A record of `source` with a shared DOI, so the same dataset on two portals forms one cluster.
    static func record(_ source: SourceConfig, _ id: String, title: String, doi: String, format: String = "CSV") -> CatalogRecord {
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: id), title: LocalizedText(title),
                                   provenance: Provenance(sourceID: source.id, kind: "ckan", originalID: id, harvestedAt: Date()))
        record.identifiers = [Identifier(doi, scheme: "doi")]
        var distribution = Distribution(accessURL: "https://files.example/\(id)")
        distribution.format = format
        record.distributions = [distribution]
        return record
    }

    func stage(_ store: CatalogStore, _ source: SourceConfig, run: Int64, _ records: [CatalogRecord], direct: Bool) throws {
        var batch = StageBatch()
        batch.records = records.map { record in
            let raw = RawRecord(localID: record.provenance.originalID, payload: Array("{\"id\":\"\(record.provenance.originalID)\"}".utf8),
                                mediaType: "application/json", pageURL: source.url, location: "/0")
            return StagedRecord(localID: record.provenance.originalID, change: .added, encoded: EncodedRecord(record), raw: raw)
        }
        batch.checkpoint = "{}"
        try store.stage(runID: run, sourceID: source.id, batch: batch, at: Date(), direct: direct)
    }

    @Test func recordsArriveBatchByBatchAndJoinTheirClustersAtOnce() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // The state portal is harvested first (streamed too), then the city's first harvest streams in two batches.
        let first = try store.beginRun(source: Self.other, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(first.direct)
        try stage(store, Self.other, run: first.runID, [Self.record(Self.other, "s1", title: "Trees", doi: "10.1/trees")], direct: true)
        _ = try store.commitRun(runID: first.runID, sourceID: "state", end: RunEnd(listingComplete: true, expected: 1, counters: FetchCounters()),
                                at: Date(), direct: true)

        let run = try store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(run.direct)
        try stage(store, StoreFixture.source, run: run.runID, [Self.record(StoreFixture.source, "c1", title: "Street trees", doi: "10.1/trees")],
                  direct: true)
        // Visible, searchable, with its terms, keys and payload, and already in the state record's cluster.
        #expect(try store.recordCount() == 2)
        let (fts, terms, keys, raw, clusters) = try store.read("check") { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'street'") ?? 0,
             try String.fetchAll(db, sql: "SELECT t.field || '=' || t.value FROM record_terms t JOIN records r ON r.seq = t.seq WHERE r.id = 'city/c1' ORDER BY 1"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys k JOIN records r ON r.seq = k.seq WHERE r.id = 'city/c1'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM raw_records WHERE source_id = 'city'") ?? 0,
             try String.fetchAll(db, sql: "SELECT DISTINCT cluster_id FROM records"))
        }
        #expect(fts == 1)
        #expect(terms == ["format=CSV"])
        #expect(keys > 0)
        #expect(raw == 1)
        #expect(clusters.count == 1)
        #expect(try store.record("city/c1")?.rawPayload == Array("{\"id\":\"c1\"}".utf8))

        // The same record listed again in a later batch keeps its first version.
        try stage(store, StoreFixture.source, run: run.runID, [Self.record(StoreFixture.source, "c1", title: "Changed", doi: "10.1/trees"),
                                                              Self.record(StoreFixture.source, "c2", title: "Parks", doi: "10.1/parks")], direct: true)
        #expect(try fixture.titles().sorted() == ["Parks", "Street trees", "Trees"])
        let commit = try store.commitRun(runID: run.runID, sourceID: "city", end: RunEnd(listingComplete: true, expected: 2, counters: FetchCounters()),
                                         at: Date(), direct: true)
        #expect(commit.counts.added == 2)
        #expect(commit.status == "succeeded")
        let staged = try store.read("staging") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM run_staging") ?? -1 }
        #expect(staged == 0)

        // A later run of the same source is staged: nothing shows before its end.
        let later = try store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(!later.direct)
        var batch = StageBatch()
        batch.records = [StoreFixture.staged(Self.record(StoreFixture.source, "c3", title: "Benches", doi: "10.1/benches"))]
        try store.stage(runID: later.runID, sourceID: "city", batch: batch, at: Date(), direct: later.direct)
        #expect(try store.recordCount() == 3)
    }

    @Test func anInterruptedStreamedRunResumesStreamed() throws {
        let fixture = try StoreFixture()
        let run = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        try stage(fixture.store, StoreFixture.source, run: run.runID, [Self.record(StoreFixture.source, "a", title: "A", doi: "10.1/a")], direct: true)
        // The process dies here; the next run takes the run over in the same mode, although the source now has a record.
        let resumed = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        #expect(resumed.runID == run.runID)
        #expect(resumed.direct)
        #expect(resumed.resumed?.staged == 1)
    }

    /// Checks the full-text index against `records` (FTS5's own check, which for an external-content index compares
    /// every entry with the row it came from) and returns the ids matching `query`.
    func indexed(_ store: CatalogStore, matching query: String) throws -> [String] {
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            return try String.fetchAll(db, sql: """
                SELECT r.id FROM records_fts JOIN records r ON r.rank_key = records_fts.rowid
                WHERE records_fts MATCH ? ORDER BY r.id
                """, arguments: [query])
        }
    }

    @Test func aBatchIndexesItsRecordsInOneStatementAndLeavesTheTriggersOn() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let run = try store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), streamFirstHarvest: true)
        // Many records in one batch, their static ranks in no particular order (some complete, some not).
        var records = (0..<60).map { Self.record(StoreFixture.source, "r\($0)", title: "Rivers \($0)", doi: "10.1/r\($0)") }
        for index in stride(from: 0, to: records.count, by: 3) { records[index].description = LocalizedText("Water levels, daily") }
        try stage(store, StoreFixture.source, run: run.runID, records, direct: true)
        #expect(try indexed(store, matching: "rivers").count == 60)
        #expect(try indexed(store, matching: "levels").count == 20)

        // A batch meeting records already in the catalogue (a run started over its own records) re-indexes them with
        // their new text, and the old text is gone from the index.
        let again = try store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date(), restart: true)
        try stage(store, StoreFixture.source, run: again.runID,
                  [Self.record(StoreFixture.source, "r1", title: "Lakes", doi: "10.1/r1"),
                   Self.record(StoreFixture.source, "n1", title: "Lakes too", doi: "10.1/n1")], direct: true)
        #expect(try indexed(store, matching: "lakes") == ["city/n1", "city/r1"])
        #expect(try indexed(store, matching: "rivers").count == 59)

        // The connection's triggers are on again: a plain update reaches the index.
        try store.pool.write { db in try db.execute(sql: "UPDATE records SET title = 'Canals' WHERE id = 'city/r2'") }
        #expect(try indexed(store, matching: "canals") == ["city/r2"])
        #expect(try indexed(store, matching: "rivers").count == 58)
    }
}
