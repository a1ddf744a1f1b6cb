import Foundation
import GRDB
import Testing
@testable import CatalogStore

@Suite("Rows inserted through SQLite's own calls")
struct RowInsertTests {
    @Test func aRepeatedKeyIsRefusedWithoutWritingAndOtherFailuresThrow() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, r REAL, b BLOB NOT NULL, note TEXT)")
            let insert = try RowInsert("INSERT INTO t (id, n, r, b, note) VALUES (?, ?, ?, ?, ?)", db: db)
            #expect(try insert.runUnlessDuplicate(.text("a"), .int(1), .real(0.5), .blob([1, 2]), .text(nil)))
            // The same key again: refused, nothing written, and the statement is ready for the next row.
            #expect(try !insert.runUnlessDuplicate(.text("a"), .int(2), .real(1.5), .blob([3]), .text("again")))
            #expect(try insert.runUnlessDuplicate(.text("b"), .int(3), .null, .blob([]), .text("é")))
            // Any other failure throws, with SQLite's message, even when duplicates are refused.
            #expect(throws: DatabaseError.self) { try insert.runUnlessDuplicate(.text("c"), .null, .null, .blob([4]), .null) }
            #expect(throws: DatabaseError.self) { try insert.run(.text("a"), .int(9), .null, .blob([5]), .null) }
            let rows = try Row.fetchAll(db, sql: "SELECT id, n, r, b, note FROM t ORDER BY id")
            #expect(rows.map { $0["id"] as String } == ["a", "b"])
            #expect(rows[0]["n"] as Int == 1 && rows[0]["r"] as Double == 0.5 && rows[0]["b"] as Data == Data([1, 2]))
            #expect(rows[0]["note"] as String? == nil)
            // An empty blob is stored as an empty blob, not NULL (the column refuses NULL).
            #expect(rows[1]["b"] as Data == Data() && rows[1]["note"] as String == "é")
        }
    }
}
