import Foundation
import GRDB
import Testing
@testable import CatalogStore

/// v17: the licence and issue date move into columns of their own, filled from each record's JSON, TEXT or compressed.
@Suite("v17: licence and issue date in columns")
struct FilterColumnsMigrationTests {
    @Test func theMigrationFillsTheColumnsFromTheStoredJSON() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("old.db"))
        try Migrations.migrator.migrate(pool, upTo: "v16: the month each record was modified, by full-text rowid")
        let licensed = #"{"license":{"spdx":"CC-BY-4.0","raw":"cc-by","label":"Creative Commons Attribution"},"issued":{"iso":"2019-05-01","raw":"1 May 2019"}}"#
        let compressed = StoredRecordJSON(utf8: Array((licensed.dropLast() + #","description":{"value":""# + String(repeating: "Trees and parks. ", count: 40) + #""}}"#).utf8))
        #expect(compressed.databaseValue.storage.isBlob)
        let rows: [(String, DatabaseValue)] = [("a", licensed.databaseValue), ("b", compressed.databaseValue), ("c", #"{"title":{"value":"T"}}"#.databaseValue)]
        try pool.write { db in
            for (id, json) in rows {
                try db.execute(sql: """
                    INSERT INTO records (id, source_id, local_id, title, content_hash, record_json, harvested_at, cluster_id)
                    VALUES (?, 'city', ?, 'T', 'h', ?, 'now', ?)
                    """, arguments: ["city/\(id)", id, json, "city/\(id)"])
            }
        }
        try Migrations.migrator.migrate(pool)
        let columns = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT local_id, license_spdx, license_raw, license_label, issued_iso FROM records ORDER BY 1").map {
                [$0[0], $0[1], $0[2], $0[3], $0[4]].map { ($0 as String?) ?? "-" }.joined(separator: "|")
            }
        }
        #expect(columns == ["a|CC-BY-4.0|cc-by|Creative Commons Attribution|2019-05-01",
                            "b|CC-BY-4.0|cc-by|Creative Commons Attribution|2019-05-01",
                            "c|-|-|-|-"])
    }
}

extension DatabaseValue.Storage {
    var isBlob: Bool {
        if case .blob = self { return true }
        return false
    }
}

/// v20: the staged rows of an unfinished run get the columns from their JSON; rows staged after come with them.
@Suite("v20: licence and issue date staged with their records")
struct StagedFilterColumnsMigrationTests {
    @Test func stagedRowsGetTheColumnsFromTheirJSON() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("old.db"))
        try Migrations.migrator.migrate(pool, upTo: "v19: match keys looked up by hash in two levels")
        let licensed = #"{"license":{"spdx":"CC0-1.0","raw":"cc-zero","label":"Public domain"},"issued":{"iso":"2020-02-02"}}"#
        try pool.write { db in
            try db.execute(sql: "INSERT INTO sources (id, kind, url, config_json, registered_at, updated_at) VALUES ('city', 'ckan', 'https://city.example', '{}', 'now', 'now')")
            try db.execute(sql: "INSERT INTO harvest_runs (source_id, started_at, status) VALUES ('city', 'now', 'running')")
            let run = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO run_staging (run_id, local_id, change, record_json) VALUES (?, 'a', 'added', ?)", arguments: [run, licensed])
            try db.execute(sql: "INSERT INTO run_staging (run_id, local_id, change) VALUES (?, 'b', 'skipped')", arguments: [run])
        }
        try Migrations.migrator.migrate(pool)
        let columns = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT local_id, license_spdx, license_raw, license_label, issued_iso FROM run_staging ORDER BY 1").map {
                [$0[0], $0[1], $0[2], $0[3], $0[4]].map { ($0 as String?) ?? "-" }.joined(separator: "|")
            }
        }
        #expect(columns == ["a|CC0-1.0|cc-zero|Public domain|2020-02-02", "b|-|-|-|-"])
    }
}
