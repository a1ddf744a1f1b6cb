import Foundation
import GRDB
import Testing
@testable import CatalogStore

@Suite("v12: payloads and quality rows in insertion order")
struct AppendedRowsMigrationTests {
    @Test func keepsEveryRowAndItsKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-v12-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = try DatabasePool(path: folder.appendingPathComponent("old.db").path)
        try Migrations.migrator.migrate(pool, upTo: "v11: first harvests streamed into the catalogue")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO sources (id, kind, url, config_json, registered_at, updated_at) VALUES ('city', 'ckan', 'https://c.example', '{}', 'now', 'now')")
            try db.execute(sql: "INSERT INTO harvest_runs (id, source_id, started_at, status) VALUES (7, 'city', 'now', 'succeeded')")
            for id in ["b", "a", "c"] {
                try db.execute(sql: """
                    INSERT INTO raw_records (source_id, local_id, payload, payload_hash, media_type, page_url, fetched_at, payload_codec)
                    VALUES ('city', ?, ?, 'h-' || ?, 'application/json', 'https://c.example/p1', 'now', NULL)
                    """, arguments: [id, Data("{\"id\":\"\(id)\"}".utf8), id])
                try db.execute(sql: """
                    INSERT INTO quality_records (run_id, source_id, local_id, title, url, score, percent, findings, findings_text, shares,
                        distributions, open_licence)
                    VALUES (7, 'city', ?, 'T ' || ?, NULL, 100, 50, 2, 'x; y', '{"a":1}', 3, 1)
                    """, arguments: [id, id])
            }
        }
        try Migrations.migrator.migrate(pool)
        try pool.read { db in
            // Rowid tables now (a WITHOUT ROWID table has no rowid to select), copied in the old key's order.
            #expect(try String.fetchAll(db, sql: "SELECT local_id FROM raw_records ORDER BY rowid") == ["a", "b", "c"])
            #expect(try String.fetchAll(db, sql: "SELECT local_id FROM quality_records ORDER BY rowid") == ["a", "b", "c"])
            let raw = try #require(try Row.fetchOne(db, sql: "SELECT * FROM raw_records WHERE source_id = 'city' AND local_id = 'a'"))
            #expect(raw["payload"] as Data == Data("{\"id\":\"a\"}".utf8))
            #expect(raw["payload_hash"] as String == "h-a")
            let quality = try #require(try Row.fetchOne(db, sql: "SELECT * FROM quality_records WHERE run_id = 7 AND local_id = 'c'"))
            #expect(quality["title"] as String == "T c" && quality["shares"] as String == #"{"a":1}"#)
            #expect(quality["distributions"] as Int == 3 && quality["open_licence"] as Int == 1 && quality["percent"] as Double == 50)
        }
        // The old keys stay unique, and the foreign key still cascades.
        try pool.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO raw_records (source_id, local_id, payload, payload_hash, media_type, fetched_at)
                    VALUES ('city', 'a', x'00', 'h', 'application/json', 'now')
                    """)
            }
            // A new row goes after the others, wherever its key sorts.
            try db.execute(sql: """
                INSERT INTO raw_records (source_id, local_id, payload, payload_hash, media_type, fetched_at)
                VALUES ('city', '0', x'00', 'h', 'application/json', 'now')
                """)
            #expect(try String.fetchAll(db, sql: "SELECT local_id FROM raw_records ORDER BY rowid") == ["a", "b", "c", "0"])
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "DELETE FROM harvest_runs WHERE id = 7")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM quality_records") == 0)
        }
    }
}
