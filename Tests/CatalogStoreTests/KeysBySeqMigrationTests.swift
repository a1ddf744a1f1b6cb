import Foundation
import GRDB
import Testing
@testable import CatalogStore

@Suite("v15: match keys kept by record seq")
struct KeysBySeqMigrationTests {
    @Test func everyKeyFollowsItsRecordAndOrphansGo() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("old.db"))
        try Migrations.migrator.migrate(pool, upTo: "v14: full-text index written in larger segments")
        try pool.write { db in
            for (id, title) in [("city/b", "Bridges"), ("city/a", "Trees"), ("state/t", "Street trees")] {
                try db.execute(sql: """
                    INSERT INTO records (id, source_id, local_id, title, content_hash, record_json, harvested_at, cluster_id)
                    VALUES (?, ?, ?, ?, 'h', '{}', 'now', ?)
                    """, arguments: [id, String(id.split(separator: "/")[0]), String(id.split(separator: "/")[1]), title, id])
            }
            for (id, kind, value, strong) in [("city/a", "doi", "10.1/trees", 1), ("state/t", "doi", "10.1/trees", 1),
                                               ("city/a", "title", "trees", 0), ("city/b", "landing", "c.example/b", 1),
                                               ("city/gone", "doi", "10.1/gone", 1)] {
                try db.execute(sql: "INSERT INTO record_keys (record_id, source_id, kind, value, strong) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, String(id.split(separator: "/")[0]), kind, value, strong])
            }
        }
        try Migrations.migrator.migrate(pool, upTo: "v15: match keys kept by record seq")
        try pool.read { db in
            let keys = try Row.fetchAll(db, sql: """
                SELECT r.id, k.source_id, k.kind, k.value, k.strong FROM record_keys k JOIN records r ON r.seq = k.seq ORDER BY 1, 3
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String) \($0[4] as Int)" }
            #expect(keys == ["city/a city doi 10.1/trees 1", "city/a city title trees 0", "city/b city landing c.example/b 1",
                             "state/t state doi 10.1/trees 1"])
            // The key of a record that no longer exists is gone; the by-value index is back.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM record_keys") == 4)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record_keys' AND sql IS NOT NULL")
                    == ["record_keys_by_value"])
        }
        // v19: each key gets its hash and a posting in level 1; the by-value index goes.
        try Migrations.migrator.migrate(pool)
        try pool.read { db in
            let keys = try Row.fetchAll(db, sql: "SELECT kind, value, hash, seq FROM record_keys ORDER BY seq, kind")
            #expect(keys.count == 4)
            for key in keys {
                #expect(key["hash"] as Int64 == KeyPostings.hash(kind: key["kind"], value: key["value"]))
            }
            let postings = try Row.fetchAll(db, sql: "SELECT level, hash, seq FROM key_postings ORDER BY seq, hash").map { "\($0[0] as Int) \($0[1] as Int64) \($0[2] as Int64)" }
            let expected: [String] = keys.map { key in "1 \(key["hash"] as Int64) \(key["seq"] as Int64)" }
            #expect(Set(postings) == Set(expected))
            #expect(postings.count == 4)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record_keys' AND sql IS NOT NULL")
                    == [])
            // The two records holding the DOI are found through its hash.
            let holders = try String.fetchAll(db, sql: """
                SELECT r.id FROM key_postings p CROSS JOIN record_keys k ON k.seq = p.seq AND k.kind = 'doi' AND k.value = '10.1/trees'
                CROSS JOIN records r ON r.seq = k.seq WHERE \(KeyPostings.lookup("p", hash: "?")) ORDER BY 1
                """, arguments: [KeyPostings.hash(kind: "doi", value: "10.1/trees")])
            #expect(holders == ["city/a", "state/t"])
        }
    }
}
