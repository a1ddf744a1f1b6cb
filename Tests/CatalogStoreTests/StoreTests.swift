import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Testing

@Suite("Catalogue store")
struct StoreTests {
    @Test func migrationsCreateTheSchemaOnceAndReopen() throws {
        let fixture = try StoreFixture()
        let names = try fixture.store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
        }
        for expected in ["sources", "harvest_runs", "record_issues", "raw_records", "records", "records_fts", "run_staging",
                         "http_cache", "run_http_cache",
                         "records_fts_insert", "records_fts_delete", "records_fts_update"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        let tokenizer = try fixture.store.read("test") { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'records_fts'")
        }
        #expect(tokenizer?.contains("porter unicode61 remove_diacritics 2") == true)
        try fixture.harvest([StoreFixture.record("1", title: "Trees")])
        let reopened = try CatalogStore(path: fixture.store.path)
        #expect(try reopened.recordCount() == 1)
        let journal = try reopened.read("test") { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func aRunIsInvisibleUntilCommittedAndCommitsAtomically() throws {
        let fixture = try StoreFixture()
        let run = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date()).runID
        try fixture.stage([StoreFixture.staged(StoreFixture.record("1", title: "Trees"))], run: run)
        #expect(try fixture.store.recordCount() == 0)
        let commit = try fixture.store.commitRun(runID: run, sourceID: "city",
                                                 end: RunEnd(listingComplete: true, expected: 1, counters: FetchCounters()), at: Date())
        #expect(commit.status == "succeeded")
        #expect(commit.counts.added == 1)
        #expect(try fixture.store.recordCount() == 1)
        let stored = try #require(try fixture.store.record("city/1"))
        #expect(stored.record.title.value == "Trees")
        #expect(stored.rawPayload == Array("{\"id\":\"1\"}".utf8))
        #expect(stored.record.provenance.contentHash == EncodedRecord(StoreFixture.record("1", title: "Trees")).contentHash)
    }

    @Test func aFailedRunLeavesThePreviousRecordsIntact() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([StoreFixture.record("1", title: "Trees"), StoreFixture.record("2", title: "Parks")])
        let run = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date()).runID
        try fixture.stage([StoreFixture.staged(StoreFixture.record("1", title: "Trees v2"), .updated)], run: run)
        let failed = try fixture.store.failRun(runID: run, sourceID: "city", error: "HTTP 500", counters: FetchCounters(), issues: [], at: Date())
        #expect(failed.counts.updated == 1)
        #expect(try fixture.titles() == ["Trees", "Parks"])
        let last = try #require(try fixture.store.runs(sourceID: "city").first)
        #expect(last.status == "failed")
        #expect(last.error == "HTTP 500")
        // The staged work waits for the next run, which resumes it.
        let resumed = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date())
        #expect(resumed.runID == run)
        #expect(resumed.resumed?.staged == 1)
        #expect(resumed.resumed?.checkpoint == "{}")
    }

    @Test func aKilledRunIsMarkedInterruptedAndChangesNothing() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([StoreFixture.record("1", title: "Trees")])
        // A run that stages and then the process dies: no commit, no failRun.
        let killed = try fixture.store.beginRun(source: StoreFixture.source, configJSON: "{}", at: Date()).runID
        try fixture.stage([StoreFixture.staged(StoreFixture.record("1", title: "Half-written"), .updated)], run: killed)
        #expect(try fixture.titles() == ["Trees"])
        let reopened = try CatalogStore(path: fixture.store.path)
        #expect(try reopened.record("city/1")?.record.title.value == "Trees")
        // The next run resumes the killed one; with --restart it starts over instead.
        try fixture.harvest([StoreFixture.record("1", title: "Trees")], restart: true)
        let runs = try fixture.store.runs(sourceID: "city")
        #expect(runs.map(\.status) == ["succeeded", "interrupted", "succeeded"])
        #expect(try fixture.titles() == ["Trees"])
    }

    @Test func deletionsOnlyAfterACompleteListing() throws {
        let fixture = try StoreFixture()
        let three = ["1", "2", "3"].map { StoreFixture.record($0, title: "Dataset \($0)") }
        try fixture.harvest(three)
        let partial = try fixture.harvest(Array(three.prefix(2)), complete: false)
        #expect(partial.status == "partial")
        #expect(partial.deleted == 0)
        #expect(partial.deletionsHeld == "the listing was incomplete")
        #expect(try fixture.store.recordCount() == 3)
        let complete = try fixture.harvest(Array(three.prefix(2)))
        #expect(complete.deleted == 1)
        #expect(try fixture.titles() == ["Dataset 1", "Dataset 2"])
        let raw = try fixture.store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM raw_records") }
        #expect(raw == 2)
    }

    @Test func anEmptyListingNeverWipesASource() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([StoreFixture.record("1", title: "Trees")])
        let empty = try fixture.harvest([])
        #expect(empty.deleted == 0)
        #expect(empty.deletionsHeld == "the source suddenly listed no records")
        #expect(try fixture.store.recordCount() == 1)
        let issues = try fixture.store.issues(runID: try fixture.store.runs(sourceID: "city")[0].id)
        #expect(empty.issues == 1)
        #expect(issues.map(\.code) == ["harvest.deletions-held"])
    }

    @Test func massDeletionsAreHeldBack() throws {
        let fixture = try StoreFixture()
        let many = (1...40).map { StoreFixture.record(String($0), title: "Dataset \($0)") }
        try fixture.harvest(many)
        let commit = try fixture.harvest(Array(many.prefix(10)))
        #expect(commit.deleted == 0)
        #expect(commit.keptMissing == 30)
        #expect(try fixture.store.recordCount() == 40)
    }

    @Test func updatesKeepTheFullTextIndexInStep() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([StoreFixture.record("1", title: "Street trees")])
        try fixture.harvest([StoreFixture.record("1", title: "Bicycle counts")])
        let count = { (query: String) in
            try fixture.store.read("test") { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", arguments: [query]) ?? -1
            }
        }
        #expect(try count("trees") == 0)
        #expect(try count("bicycle") == 1)
        let integrity = try fixture.store.pool.write { db in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            return true
        }
        #expect(integrity)
    }

    @Test func findsRecordsByIdLocalIdOrIdentifier() throws {
        let fixture = try StoreFixture()
        try fixture.harvest([StoreFixture.record("abc", title: "Trees")])
        #expect(try fixture.store.record("city/abc")?.record.title.value == "Trees")
        #expect(try fixture.store.record("abc")?.record.title.value == "Trees")
        #expect(try fixture.store.record("city/name-abc")?.record.title.value == "Trees")
        #expect(try fixture.store.record("name-abc")?.record.title.value == "Trees")
        #expect(try fixture.store.record("nope") == nil)
    }

    /// Commits stay in the write-ahead log until it holds 1 GB (checkpointing after each harvest batch copied every
    /// index page the batch touched once more), and the log is cut back to 64 MB after a checkpoint.
    @Test func theWriteAheadLogIsCopiedBackInLargeSteps() throws {
        let fixture = try StoreFixture()
        let (limit, journal) = try fixture.store.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0, try Int.fetchOne(db, sql: "PRAGMA journal_size_limit") ?? 0)
        }
        #expect(limit == 65_536)
        #expect(journal == 64 << 20)
    }

    @Test func refusesADatabaseInAMissingFolder() {
        #expect(throws: StoreError.self) { try CatalogStore(path: "/nonexistent-folder-fedcat/x.db") }
        do {
            _ = try CatalogStore(path: "/nonexistent-folder-fedcat/x.db")
        } catch {
            #expect(error.description.contains("/nonexistent-folder-fedcat/x.db"))
        }
    }
}

@Suite("Bulk merges")
struct BulkMergeTests {
    @Test func aLargeMergeRebuildsTheIndexAndRestoresTheTriggers() throws {
        let fixture = try StoreFixture()
        let many = (1...1200).map { StoreFixture.record(String(format: "%04d", $0), title: "Dataset \($0)", keywords: $0 == 7 ? ["lighthouse"] : []) }
        try fixture.harvest(many)
        let (triggers, matches) = try fixture.store.pool.write { db -> ([String], Int) in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            let hits = try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'lighthouse'") ?? 0
            return (names, hits)
        }
        // Since v8 a merge inserts terms itself; only a deletion goes through a terms trigger.
        #expect(triggers == ["record_months_delete", "record_months_insert", "record_months_update", "records_fts_delete", "records_fts_insert", "records_fts_update", "records_terms_delete"])
        #expect(matches == 1)
        // The by-value indexes the bulk merge dropped are back.
        let indexes = try fixture.store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%by_value' ORDER BY name")
        }
        #expect(indexes == ["record_terms_by_value"])
        // Match keys are looked up through their postings (v19), which the merge wrote into level 1.
        let postings = try fixture.store.read("test") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM key_postings WHERE level = 1")
        }
        #expect(postings == (try fixture.store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys") }))
        // The terms index as v18 has it: the filtered fields only.
        let terms = try fixture.store.read("test") { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'record_terms_by_value'")
        }
        #expect(terms?.hasSuffix("WHERE \(RecordTerms.filteredFields)") == true)
        // A small change afterwards goes through the triggers again.
        var changed = many
        changed[6] = StoreFixture.record("0007", title: "Dataset 7", keywords: ["beacon"])
        try fixture.harvest(changed)
        let after = try fixture.store.pool.write { db -> (Int, Int) in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            return (try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'lighthouse'") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'beacon'") ?? -1)
        }
        #expect(after == (0, 1))
    }
}

/// Harvests add full-text index segments; past a few they are merged, and searching finds the same.
@Suite("Full-text index compaction")
struct FullTextCompactionTests {
    @Test func manySegmentsAreMergedIntoOneAndTheIndexStaysWhole() throws {
        let fixture = try StoreFixture()
        // Each run's batch becomes at least one segment.
        var records: [CatalogRecord] = []
        for run in 0..<6 {
            records += (0..<20).map { StoreFixture.record("r\(run)-\($0)", title: "Water level \(run) \($0)", description: "Gauge readings.") }
            try fixture.harvest(records)
        }
        let segments = try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) }
        #expect(segments > 2)
        let matches = { try fixture.store.read("test") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'water AND gauge'") ?? 0
        } }
        #expect(try matches() == 120)
        #expect(try fixture.store.compactFullTextIndex(above: segments) == nil, "at the limit, nothing is done")
        var steps: [Int] = []
        #expect(try fixture.store.compactFullTextIndex(above: 2) { steps.append($0) } == segments)
        #expect(steps.last.map { $0 <= 2 } == true)
        let left = try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) }
        #expect(left <= 2)
        #expect(try matches() == 120)
        try fixture.store.pool.write { db in try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)") }
        // Past the limit with segments of different sizes, everything is merged.
        #expect(try fixture.store.compactFullTextIndex(above: 0) == (left > 0 ? left : nil))
        #expect(try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) } == 1)
        #expect(try fixture.store.compactFullTextIndex(above: 0) == 1, "one segment is merged no further")
        #expect(try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) } == 1)
        #expect(try matches() == 120)
    }

    /// A harvest's small segments merge with each other; the large segment of what was indexed before is not rewritten.
    @Test func smallSegmentsMergeWithoutRewritingTheLargeOne() throws {
        let fixture = try StoreFixture()
        // The large segment is built as a catalogue grows, harvest after harvest (FTS5 merges those segments up its
        // levels as it goes), then merged into one.
        var records: [CatalogRecord] = []
        for run in 0..<24 {
            records += (0..<100).map {
                StoreFixture.record("big-\(run)-\($0)", title: "River flow \(run) \($0)",
                                    description: "Daily gauge readings at station \($0), level \($0 * 7) and flow \(run * 13) in the basin \($0 % 97).")
            }
            try fixture.harvest(records)
        }
        try fixture.store.compactFullTextIndex(above: 0)
        let large = try fixture.store.read("test") { db in try Int.fetchAll(db, sql: "SELECT DISTINCT segid FROM records_fts_idx") }
        #expect(large.count == 1)
        for run in 0..<6 {
            records += (0..<5).map { StoreFixture.record("small-\(run)-\($0)", title: "Rain \(run) \($0)", description: "Gauge.") }
            try fixture.harvest(records)
        }
        let before = try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) }
        #expect(before > 4)
        #expect(try fixture.store.compactFullTextIndex(above: 3) == before)
        let after = try fixture.store.read("test") { db in try Int.fetchAll(db, sql: "SELECT DISTINCT segid FROM records_fts_idx") }
        #expect(after.count <= 3)
        #expect(after.contains(large[0]), "the large segment is still the one written before")
        let rain = try fixture.store.read("test") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'rain AND gauge'") ?? 0
        }
        #expect(rain == 30)
        #expect(try fixture.store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'river AND gauge'") } == 2400)
        try fixture.store.pool.write { db in try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)") }
    }

    /// A batch whose text is larger than FTS5's default 1 MB of pending terms is still written as one segment.
    @Test func aLargeBatchBecomesOneSegment() throws {
        let fixture = try StoreFixture()
        let settings = try fixture.store.read("test") { db in
            try Row.fetchAll(db, sql: "SELECT k, v FROM records_fts_config WHERE k IN ('hashsize', 'automerge') ORDER BY k")
                .map { "\($0["k"] as String)=\($0["v"] as Int)" }
        }
        #expect(settings == ["automerge=8", "hashsize=16777216"])
        // 1,500 records of 300 words from a vocabulary of 3,000: FTS5's defaults write them as three segments.
        let records = (0..<1500).map { i in
            StoreFixture.record("big-\(i)", title: "Reading \(i)",
                                description: (0..<300).map { "w\((i * 7 + $0 * 13) % 3000)" }.joined(separator: " "))
        }
        try fixture.harvest(records)
        #expect(try fixture.store.read("test") { try FullTextCompaction.segments(in: $0) } == 1)
        #expect(try fixture.store.read("test") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH 'reading AND 1499'") ?? 0
        } == 1)
    }
}

/// `SampledBM25.sampleEnd` is kept per connection, and found again after any change to the catalogue.
@Suite("Sample end kept per connection")
struct SampleEndTests {
    @Test func aChangeByAnyConnectionIsSeen() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("s.db"))
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE records(rank_key INTEGER); CREATE UNIQUE INDEX records_by_rank ON records(rank_key)")
            for key in 1...Int64(SampledBM25.sampleRows) { try db.execute(sql: "INSERT INTO records VALUES (?)", arguments: [key * 10]) }
        }
        let last = Int64(SampledBM25.sampleRows) * 10
        #expect(try pool.read { try SampledBM25.sampleEnd(in: $0) } == last)
        // Another connection's commit: the readers find the new end.
        try pool.write { db in try db.execute(sql: "INSERT INTO records VALUES (5)") }
        #expect(try pool.read { try SampledBM25.sampleEnd(in: $0) } == last - 10)
        // The writer's own change, on the connection that cached the value.
        try pool.write { db in
            #expect(try SampledBM25.sampleEnd(in: db) == last - 10)
            try db.execute(sql: "INSERT INTO records VALUES (4)")
            #expect(try SampledBM25.sampleEnd(in: db) == last - 20)
        }
        // Another catalogue on a new connection is never answered from this one's.
        let other = try DatabaseQueue()
        try other.write { db in try db.execute(sql: "CREATE TABLE records(rank_key INTEGER); CREATE UNIQUE INDEX records_by_rank ON records(rank_key)") }
        #expect(try other.read { try SampledBM25.sampleEnd(in: $0) } == nil)
    }
}

/// A phrase's rows, counted or estimated from the index's first rows for `fedcat_rank` to be given instead of walking them.
@Suite("Phrase rows")
struct PhraseRowsTests {
    /// `n` records whose rank key is their number, with one title each from `title`.
    private func catalogue(_ n: Int, title: (Int) -> String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: StoreFixture.temporaryPath("r.db"))
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE records(rank_key INTEGER); CREATE UNIQUE INDEX records_by_rank ON records(rank_key);
                CREATE VIRTUAL TABLE records_fts USING fts5(title)
                """)
            let record = try db.cachedStatement(sql: "INSERT INTO records VALUES (?)")
            let text = try db.cachedStatement(sql: "INSERT INTO records_fts(rowid, title) VALUES (?, ?)")
            for i in 1...n {
                try record.execute(arguments: [i])
                try text.execute(arguments: [i, title(i)])
            }
        }
        return queue
    }

    @Test func aPhraseIsScaledFromTheFirstSampleThatHoldsEnoughOfItElseCounted() throws {
        // 70,000 records: "water" in every other one, "rare" in every thousandth, "late" in the last ten only.
        let queue = try catalogue(70_000) { i in
            [i % 2 == 0 ? "water level" : "soil", i % 1000 == 1 ? "rare gauge" : "", i > 69_990 ? "late" : ""].joined(separator: " ")
        }
        let rows = { (phrase: String, countable: Bool) in try queue.read { try SampledBM25.phraseRows(phrase, countable: countable, in: $0) } }
        // 4,096 of the first 8,192 rows hold "water": half of the 70,000 records.
        #expect(try rows("\"water\"", true) == 35_000)
        #expect(try rows("\"wat\"*", false) == 35_000)
        // Nine rows of the first 8,192 hold "rare", 66 of the first 65,536: 66 × 70,000 / 65,536.
        #expect(try rows("\"rare\"", true) == 70)
        // No row of either sample holds "late": one word is counted; a phrase FTS5 checks row by row is not (its count
        // would walk every row of its words), and is taken as half a row of the wide sample.
        #expect(try rows("\"late\"", true) == 10)
        #expect(try rows("{title} : \"late\"", false) == 1)
        #expect(try rows("\"nowhere\"", true) == 0)
        // The index's size (FTS5's own count) is read again after a change.
        try queue.write { db in
            for i in 70_001...80_000 { try db.execute(sql: "INSERT INTO records_fts(rowid, title) VALUES (?, 'soil')", arguments: [i]) }
        }
        #expect(try rows("\"water\"", true) == 40_000)
        #expect(try queue.read { try SampledBM25.estimate(sampled: 4_096, in: $0) } == 40_000)
        #expect(try queue.read { try SampledBM25.estimate(sampled: 63, in: $0) } == nil)
    }

    @Test func aCatalogueNoLargerThanTheSampleHasEveryPhraseCounted() throws {
        let queue = try catalogue(100) { i in i % 3 == 0 ? "water" : "soil" }
        #expect(try queue.read { try SampledBM25.phraseRows("{title} : \"water\"", countable: false, in: $0) } == 33)
        #expect(try queue.read { try SampledBM25.phraseRows("\"soil\"", countable: true, in: $0) } == 67)
    }
}
