import CSQLiteConfig
import GRDB

/// A prepared statement run once per row through SQLite's own calls: the values are bound in place, with none of the
/// per-call bookkeeping of `Statement.execute(arguments:)`. For the statements a batch runs thousands of times
/// (its records' terms and match keys, its records and payloads), inside the batch's transaction.
struct RowInsert {
    enum Value {
        case text(String)
        case int(Int64)
        case real(Double)
        case blob([UInt8])
        case null

        /// The text, or NULL.
        static func text(_ text: String?) -> Value { text.map { .text($0) } ?? .null }
    }

    private let statement: Statement
    private let db: Database

    init(_ sql: String, db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        self.db = db
    }

    /// Runs the statement once with `values` bound to its parameters in order; returns whether it changed a row
    /// (false when `OR IGNORE` ignored it).
    @discardableResult
    func run(_ values: Value...) throws -> Bool {
        try run(values, duplicates: .fail)
    }

    /// Runs the statement once; returns false, having written nothing, when the row would repeat the key of a row
    /// already there (a UNIQUE or PRIMARY KEY constraint): SQLite checks those before it writes.
    func runUnlessDuplicate(_ values: Value...) throws -> Bool {
        try run(values, duplicates: .refuse)
    }

    private enum Duplicates { case fail, refuse }

    private func run(_ values: [Value], duplicates: Duplicates) throws -> Bool {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .text(let text):
                var text = text
                status = text.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) { fc_sqlite_bind_text(handle, index, $0.baseAddress, Int32(utf8.count)) }
                }
            case .int(let number):
                status = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                status = sqlite3_bind_double(handle, index, number)
            case .blob(let bytes) where bytes.isEmpty:
                // An empty array may have no address, and a blob bound from none is NULL.
                status = sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { fc_sqlite_bind_blob(handle, index, $0.baseAddress, Int32($0.count)) }
            case .null:
                status = sqlite3_bind_null(handle, index)
            }
            guard status == SQLITE_OK else { throw failure(status) }
        }
        let status = sqlite3_step(handle)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            // The extended code tells a repeated key from the other constraint failures; read before the reset.
            let extended = sqlite3_extended_errcode(db.sqliteConnection)
            sqlite3_reset(handle)
            let repeated = extended == ResultCode.SQLITE_CONSTRAINT_UNIQUE.rawValue || extended == ResultCode.SQLITE_CONSTRAINT_PRIMARYKEY.rawValue
            if duplicates == .refuse && repeated { return false }
            throw failure(extended)
        }
        sqlite3_reset(handle)
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private func failure(_ status: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "error \(status)"
        return DatabaseError(resultCode: ResultCode(rawValue: status), message: message, sql: statement.sql)
    }
}
