import GRDB
import GRDBSQLite
import Synchronization

/// A value read from the catalogue, kept per connection until the catalogue changes: another connection's commit
/// (SQLite's `data_version`) or one of the connection's own (its change count). The file is part of the key, as a
/// connection closed and another opened on another catalogue may get the same address.
final class ConnectionMemo<Value: Sendable>: Sendable {
    private struct Key: Hashable {
        var connection: Int
        var file: String
        var version: Int
        var changes: Int
    }

    private let kept = Mutex<[Int: (key: Key, value: Value)]>([:])

    /// The value kept for `db`, or `read`'s, kept from now on.
    func value(in db: Database, read: (Database) throws -> Value) throws -> Value {
        let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        let file = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        let key = Key(connection: Int(bitPattern: db.sqliteConnection), file: file, version: version, changes: db.totalChangesCount)
        if let entry = kept.withLock({ $0[key.connection] }), entry.key == key { return entry.value }
        let value = try read(db)
        kept.withLock { $0[key.connection] = (key, value) }
        return value
    }
}
