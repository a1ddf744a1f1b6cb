import Foundation
import GRDB
import Testing
@testable import CatalogStore

/// v18: the by-value index of `record_terms` keeps only the fields filters look up by value.
@Suite("v18: only filtered terms in the by-value index")
struct FilteredTermsMigrationTests {
    /// The plan of a by-value lookup of `field` written as `SQLCondition` writes it.
    static func plan(_ db: Database, field: String) throws -> String {
        try Row.fetchAll(db, sql: """
            EXPLAIN QUERY PLAN SELECT seq FROM record_terms INDEXED BY record_terms_by_value
            WHERE field IN ('\(field)') AND value = 'x' AND \(RecordTerms.filteredFields)
            """).map { $0["detail"] as String }.joined(separator: "; ")
    }

    @Test func theIndexKeepsTheFilteredFieldsOnly() throws {
        let pool = try DatabasePool(path: StoreFixture.temporaryPath("old.db"))
        try Migrations.migrator.migrate(pool, upTo: "v17: licence and issue date in columns for filters")
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO records (id, source_id, local_id, title, content_hash, record_json, harvested_at, cluster_id)
                VALUES ('city/a', 'city', 'a', 'T', 'h', '{}', 'now', 'city/a')
                """)
            let seq = db.lastInsertedRowID
            for (field, value) in [("format", "CSV"), ("format.raw", "CSV"), ("media", "text/csv"), ("theme", "envi"),
                                   ("theme.facet", "ENVI"), ("language", "de"), ("language.facet", "DE"), ("keyword", "trees")] {
                try db.execute(sql: "INSERT INTO record_terms (seq, field, value) VALUES (?, ?, ?)", arguments: [seq, field, value])
            }
        }
        let entries = { (db: Database) throws -> Int in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM record_terms INDEXED BY record_terms_by_value WHERE \(RecordTerms.filteredFields)") ?? 0
        }
        #expect(try pool.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'record_terms_by_value'") }?
                    .contains("WHERE") == false)
        try Migrations.migrator.migrate(pool)
        try pool.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'record_terms_by_value'") ?? ""
            #expect(sql.hasSuffix("WHERE \(RecordTerms.filteredFields)"))
            // Five of the eight rows are in the index: the keyword and the two facet values are not.
            #expect(try entries(db) == 5)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM record_terms") == 8)
            for field in ["format", "format.raw", "media", "theme", "language"] {
                #expect(try Self.plan(db, field: field).contains("COVERING INDEX record_terms_by_value"), "\(field)")
            }
        }
    }
}
