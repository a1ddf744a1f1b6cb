import Foundation
import GRDB
import Testing
@testable import CatalogStore

@Suite("v13: full-text index in static-rank order")
struct RankedIndexMigrationTests {
    /// A v12 catalogue indexed the old way (rowid = seq): four records (one an aggregator's copy, one sparse and undated)
    /// and a dataset published on two portals (a cluster of two records).
    private static func oldCatalogue() throws -> (DatabasePool, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-v13-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: folder.appendingPathComponent("old.db").path)
        try Migrations.migrator.migrate(pool, upTo: "v12: raw payloads and quality rows stored in insertion order")
        try pool.write { db in
            let rows: [(String, String, String?, Int, Int)] = [
                ("copy", "Water quality (copy)", "2024-05-01", 1, 18),
                ("sparse", "Water levels", nil, 0, 2),
                ("full", "Water quality of lakes", "2024-05-01", 0, 18),
                ("old", "Water quality 1995", "1995-01-01", 0, 18),
                ("twinA", "Water meters", nil, 0, 1),
                ("twinB", "Water meters (copy)", nil, 1, 1),
            ]
            for (id, title, modified, copy, completeness) in rows {
                try db.execute(sql: """
                    INSERT INTO records (id, source_id, local_id, title, description, modified, content_hash, record_json, harvested_at,
                        cluster_id, is_copy, completeness)
                    VALUES ('city/' || ?, 'city', ?, ?, 'Readings of the water.', ?, 'h', '{}', 'now', 'city/' || ?, ?, ?)
                    """, arguments: [id, id, title, modified, id, copy, completeness])
            }
            try db.execute(sql: "UPDATE records SET cluster_id = 'city/twinA' WHERE local_id LIKE 'twin%'")
            try db.execute(sql: "INSERT INTO clusters (id, canonical_id, size, confidence) VALUES ('city/twinA', 'city/twinA', 2, 'high')")
        }
        return (pool, folder)
    }

    /// Migrates up to v20: v21 forms the clusters again from match keys, and this catalogue's cluster has none.
    private static func migrate(_ pool: DatabasePool) throws {
        try Migrations.migrator.migrate(pool, upTo: "v20: licence and issue date staged with their records")
    }

    private static func idsInRowidOrder(_ query: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.local_id FROM records_fts f JOIN records r ON r.seq = (f.rowid & 4294967295)
            WHERE records_fts MATCH ? ORDER BY f.rowid
            """, arguments: [query])
    }

    @Test func keepsEveryRecordAndOrdersTheIndexByStaticRank() throws {
        let (pool, folder) = try Self.oldCatalogue()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY seq") }
        try Self.migrate(pool)
        try pool.write { db in
            // Nothing lost or changed in the records themselves.
            let after = try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY seq")
            #expect(after.count == before.count)
            for (old, new) in zip(before, after) {
                for column in old.columnNames { #expect(old[column] as DatabaseValue == new[column] as DatabaseValue, "\(column)") }
                // The low 32 bits of the rank key are the seq.
                let key: Int64 = new["rank_key"], seq: Int64 = new["seq"]
                #expect(key & 0xFFFF_FFFF == seq)
            }
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            // The dataset on two portals first, its records together; then the complete, recent original, the complete
            // older one, the sparse undated one, and the copy last.
            #expect(try Self.idsInRowidOrder("water", db) == ["twinA", "twinB", "full", "old", "sparse", "copy"])
            let twins = try Row.fetchAll(db, sql: "SELECT seq, cluster_seq, rank_key >> 32 AS cluster FROM records WHERE local_id LIKE 'twin%'")
            #expect(twins.map { $0["cluster_seq"] as Int64 } == [5, 5])
            #expect(twins.map { $0["cluster"] as Int64 } == [5, 5])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE cluster_seq IS NULL") == 4)
            #expect(try Self.idsInRowidOrder("quality", db) == ["full", "old", "copy"])
            #expect(try String.fetchOne(db, sql: "SELECT snippet(records_fts, 0, '[', ']', '…', 8) FROM records_fts WHERE records_fts MATCH 'lakes'")
                    == "Water quality of [lakes]")
        }
    }

    @Test func harvestWritesKeepTheOrderAndTheIndexInStep() throws {
        let (pool, folder) = try Self.oldCatalogue()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.migrate(pool)
        try pool.write { db in
            // A record filled in and modified moves up; a new, less complete record goes after the complete ones.
            try db.execute(sql: "UPDATE records SET completeness = 19, modified = '2025-01-01' WHERE local_id = 'sparse'")
            try db.execute(sql: """
                INSERT INTO records (id, source_id, local_id, title, modified, content_hash, record_json, harvested_at, cluster_id, completeness)
                VALUES ('city/new', 'city', 'new', 'Water meters', '2023-01-01', 'h', '{}', 'now', 'city/new', 10)
                """)
            try db.execute(sql: "DELETE FROM records WHERE local_id = 'old'")
            try db.execute(sql: "UPDATE records SET title = 'Lake levels' WHERE local_id = 'full'")
            // The cluster splits: its records leave the cluster part of the index.
            try db.execute(sql: "UPDATE records SET cluster_seq = NULL WHERE local_id = 'twinB'")
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            #expect(try Self.idsInRowidOrder("water", db) == ["twinA", "sparse", "full", "new", "copy", "twinB"])
            #expect(try Self.idsInRowidOrder("quality", db) == ["copy"])
            #expect(try Self.idsInRowidOrder("lake", db) == ["full"])
        }
    }
}
