import Foundation
public import GRDB

/// A record's JSON as the `record_json` columns (`records`, `run_staging`) hold it: compressed with Zstandard at level
/// 1 (`PayloadCodec`) into a BLOB, or as TEXT when it is under 256 bytes, when compressing would not make it smaller,
/// and in rows written before 2026-11-23. A CKAN package's 6.1 KB of JSON is stored in 2.2 KB, so a first harvest
/// writes a third less and its catalogue is a third smaller (see the README's benchmarks).
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

    /// The JSON `utf8`, compressed when that is worth it.
    public init(utf8: [UInt8]) {
        let (bytes, codec) = PayloadCodec.encode(utf8)
        column = codec == nil ? .text(String(decoding: utf8, as: UTF8.self)) : .zstd(bytes)
    }

    init(column: Column) {
        self.column = column
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
    /// decompresses it once.
    public static func register(_ db: Database) {
        let last = LastRead()
        db.add(function: DatabaseFunction("fedcat_json", argumentCount: 1, pure: true) { values in
            switch values[0].storage {
            case .string(let text): return text
            case .blob(let data): return last.text(of: data)
            case .null, .int64, .double: return nil
            }
        })
    }

    /// The last BLOB `fedcat_json` decompressed on one connection, and its text.
    private final class LastRead: @unchecked Sendable {
        private var blob = Data()
        private var text: String?

        func text(of data: Data) -> String? {
            if data == blob, let text { return text }
            let read = PayloadCodec.decode([UInt8](data), codec: PayloadCodec.Method.zstd.rawValue)
            blob = data
            text = read.map { String(decoding: $0, as: UTF8.self) }
            return text
        }
    }
}
