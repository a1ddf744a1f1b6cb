import CatalogStore
import Foundation
import GRDB
import Testing

@Suite("Connection settings")
struct ConnectionSettingsTests {
    /// This system's SQLite zeroes freed content by default (built with SQLITE_SECURE_DELETE); every connection of the
    /// store, the writer's and the readers', turns that off.
    @Test func freedContentIsNotOverwrittenOnAnyConnection() throws {
        let store = try StoreFixture().store
        let writer = try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA secure_delete") }
        let reader = try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA secure_delete") }
        #expect(writer == 0)
        #expect(reader == 0)
    }

    /// The other settings the store relies on, as a reopened database sees them.
    @Test func aReopenedStoreKeepsItsLogAndPageSettings() throws {
        let path = try StoreFixture.temporaryPath("settings.db")
        _ = try CatalogStore(path: path)
        let store = try CatalogStore(path: path)
        let settings = try store.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA page_size"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA secure_delete"))
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 16384)
        #expect(settings.2 == 1)
        #expect(settings.3 == 0)
    }
}
