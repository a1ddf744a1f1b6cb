import CatalogStore
import Foundation
import GRDB
import Testing

@Suite("Checkpoints beside the writer")
struct WALCheckpointerTests {
    private static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    /// Appends `count` transactions of 100 pages of random bytes each.
    private static func write(_ store: CatalogStore, transactions count: Int) throws {
        for _ in 0..<count {
            try store.pool.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                    INSERT INTO filler SELECT randomblob(4096) FROM n
                    """)
            }
        }
    }

    @Test func theLogIsCopiedIntoTheDatabaseWhileTheWriterWrites() throws {
        let store = try StoreFixture().store
        // The writer leaves every checkpoint to others, so the database file grows only by what they copy.
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "CREATE TABLE filler (x BLOB)")
        }
        let start = try Self.fileSize(store.path)
        try Self.write(store, transactions: 10)
        #expect(try Self.fileSize(store.path) == start, "nothing copies the log without the checkpointer")

        let checkpoints = WALCheckpointer(store: store, interval: 0.01)
        try Self.write(store, transactions: 10)
        // About 8 MB were committed: the checkpoints copy them into the database file.
        let deadline = Date().addingTimeInterval(20)
        while try Self.fileSize(store.path) < start + 8_000_000 && Date() < deadline { usleep(10_000) }
        #expect(try Self.fileSize(store.path) >= start + 8_000_000)
        checkpoints.stop()
        #expect(checkpoints.passes > 0)
        let passes = checkpoints.passes
        checkpoints.stop()
        usleep(50_000)
        #expect(checkpoints.passes == passes, "after stop no checkpoint runs")
        // The catalogue reads whole.
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == 2000)
        #expect(try store.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}
