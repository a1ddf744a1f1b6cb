import CSQLiteConfig
import Foundation
public import GRDB

/// A record's JSON as the `record_json` columns (`records`, `run_staging`) hold it: compressed with Zstandard at level
/// 1 (`PayloadCodec`) into a BLOB, or as TEXT when it is under 256 bytes, when compressing would not make it smaller,
/// and in rows written before 2026-11-23. A CKAN package's 6.1 KB of JSON is stored in 2.2 KB: a first harvest of
/// 100,000 writes 5.35 GB instead of 6.5 GB, into a catalogue of 1.13 GB instead of 1.70 GB (see the README's benchmarks).
///
/// The content hash is always that of the JSON itself, so a record stored either way compares the same. SQL reads the
/// JSON through `fedcat_json(record_json)`, which every connection of the store registers (see `register(_:)`).
public struct StoredRecordJSON: Sendable, Equatable {
    /// Exactly what the column holds.
    enum Column: Sendable, Equatable {
        case text(String)
        case zstd([UInt8])
    }

    let column: Column

    /// The JSON `utf8`, compressed when that is worth it, with the source's `dictionary` when it has one.
    public init(utf8: [UInt8], dictionary: CompressionDictionary? = nil) {
        let (bytes, codec) = PayloadCodec.encode(utf8, dictionary: dictionary)
        column = codec == nil ? .text(String(decoding: utf8, as: UTF8.self)) : .zstd(bytes)
    }

    /// The value read from a `record_json` column: TEXT or a Zstandard BLOB. Nil for anything else (NULL, a number).
    public init?(_ value: DatabaseValue) {
        switch value.storage {
        case .string(let text): column = .text(text)
        case .blob(let data): column = .zstd([UInt8](data))
        case .null, .int64, .double: return nil
        }
    }

    /// Bytes the column holds.
    public var storedCount: Int {
        switch column {
        case .text(let text): text.utf8.count
        case .zstd(let bytes): bytes.count
        }
    }

    /// The JSON, or nil when a compressed value cannot be read back (a damaged row).
    public func utf8() -> [UInt8]? {
        switch column {
        case .text(let text): Array(text.utf8)
        case .zstd(let bytes): PayloadCodec.decode(bytes, codec: PayloadCodec.Method.zstd.rawValue)
        }
    }

    /// The value to bind to the column.
    public var databaseValue: DatabaseValue {
        switch column {
        case .text(let text): text.databaseValue
        case .zstd(let bytes): Data(bytes).databaseValue
        }
    }

    var rowValue: RowInsert.Value {
        switch column {
        case .text(let text): .text(text)
        case .zstd(let bytes): .blob(bytes)
        }
    }

    // MARK: SQL

    /// Adds `fedcat_json(x)` to `db`: the JSON text of a `record_json` value (TEXT as it is, a BLOB decompressed),
    /// NULL for NULL and for a BLOB that does not decompress. Each connection gets its own function, which remembers
    /// the last value it read: a statement reading several members of one record (`coalesce(json_extract(fedcat_json(
    /// r.record_json), '$.license.spdx'), json_extract(fedcat_json(r.record_json), '$.license.label'), …)`)
    /// decompresses it once. Written against SQLite's own calls: through GRDB's `DatabaseFunction`, which copies each
    /// BLOB into `Data` and the text out again, a `license:` filter over 100,000 records took 5.3–6.1 s against
    /// 3.5–4.7 s over TEXT rows.
    public static func register(_ db: Database) {
        let reader = Unmanaged.passRetained(LastRead())
        let status = sqlite3_create_function_v2(
            db.sqliteConnection, "fedcat_json", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, reader.toOpaque(),
            { context, _, arguments in
                guard let context, let argument = arguments?[0] else { return }
                let reader = Unmanaged<LastRead>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                switch sqlite3_value_type(argument) {
                case SQLITE_TEXT:
                    sqlite3_result_value(context, argument)
                case SQLITE_BLOB:
                    let count = Int(sqlite3_value_bytes(argument))
                    guard let bytes = sqlite3_value_blob(argument), reader.read(UnsafeRawBufferPointer(start: bytes, count: count)) else {
                        sqlite3_result_null(context)
                        return
                    }
                    reader.text.withUnsafeBufferPointer { text in
                        text.withMemoryRebound(to: CChar.self) { fc_sqlite_result_text(context, $0.baseAddress, Int32($0.count)) }
                    }
                default:
                    sqlite3_result_null(context)
                }
            },
            nil, nil,
            { user in user.map { Unmanaged<LastRead>.fromOpaque($0).release() } })
        if status != SQLITE_OK { reader.release() }
    }

    /// The last BLOB `fedcat_json` decompressed on one connection, and its text.
    private final class LastRead {
        private var blob: [UInt8] = []
        private(set) var text: [UInt8] = []

        /// Decompresses `bytes` into `text` unless they are the last ones read; false when they do not decompress.
        func read(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return false }
            if !text.isEmpty, bytes.count == blob.count, blob.withUnsafeBytes({ memcmp($0.baseAddress!, source, bytes.count) == 0 }) {
                return true
            }
            blob = Array(bytes)
            text = PayloadCodec.decompress(blob) ?? []
            return !text.isEmpty
        }
    }
}
