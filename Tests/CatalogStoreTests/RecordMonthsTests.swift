import Foundation
import GRDB
import Testing
@testable import CatalogStore

/// v16: the month each record was modified, by full-text rowid, kept in step with `records` by the triggers (and by
/// `FullTextBatch` for harvests: `ClusterRankTests.violations` checks it after harvests that form and split clusters).
@Suite("v16: record months")
struct RecordMonthsTests {
    @Test func theMigrationFillsTheMonthsOfDatedRecordsAndTheTriggersKeepThem() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("old.db"))
        try Migrations.migrator.migrate(pool, upTo: "v15: match keys kept by record seq")
        let insert = """
            INSERT INTO records (id, source_id, local_id, title, modified, content_hash, record_json, harvested_at, cluster_id)
            VALUES (?, 'city', ?, 'T', ?, 'h', '{}', 'now', ?)
            """
        try pool.write { db in
            for (id, modified) in [("a", "2024-03-15"), ("b", "1999"), ("c", "unknown"), ("d", nil)] as [(String, String?)] {
                try db.execute(sql: insert, arguments: ["city/\(id)", id, modified, "city/\(id)"])
            }
        }
        try Migrations.migrator.migrate(pool)
        let months = { try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT r.local_id, m.month FROM record_months m JOIN records r ON r.rank_key = m.rank_key ORDER BY 1")
                .map { "\($0[0] as String) \($0[1] as Int)" }
        } }
        #expect(try months() == ["a \(2024 * 12 + 2)", "b \(1999 * 12)"])
        try pool.write { db in
            try db.execute(sql: insert, arguments: ["city/e", "e", "2025-12-01", "city/e"])
            // A new date moves the record in static rank: its month follows it.
            try db.execute(sql: "UPDATE records SET modified = '2026-01-31' WHERE local_id = 'a'")
            try db.execute(sql: "DELETE FROM records WHERE local_id = 'b'")
        }
        #expect(try months() == ["a \(2026 * 12)", "e \(2025 * 12 + 11)"])
        #expect(try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM record_months") } == 2)
        #expect(RecordMonths.of(Date(timeIntervalSince1970: 1_700_000_000)) == 2023 * 12 + 10, "2023-11-14")
    }

    @Test func theBoostGoesToSeveralPortalsAndRecentRecords() {
        let now = 2026 * 12 + 10
        let alone = StaticRank.standAlone + 5, clustered: Int64 = 7 << 32 + 9
        #expect(RankBoost.factor(rowid: alone, month: nil, now: now) == 1)
        #expect(RankBoost.factor(rowid: clustered, month: nil, now: now) == 1.05)
        #expect(RankBoost.factor(rowid: alone, month: now, now: now) == 1.05)
        #expect(RankBoost.factor(rowid: alone, month: now + 3, now: now) == 1.05, "a date in the future counts as now")
        #expect(abs(RankBoost.factor(rowid: alone, month: now - 60, now: now) - 1.025) < 1e-12)
        #expect(RankBoost.factor(rowid: alone, month: now - 120, now: now) == 1)
        #expect(RankBoost.factor(rowid: alone, month: now - 400, now: now) == 1)
        #expect(abs(RankBoost.factor(rowid: clustered, month: now, now: now) - 1.1025) < 1e-12)
    }
}
