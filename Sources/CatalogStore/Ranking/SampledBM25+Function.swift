import Foundation
import GRDB
import GRDBSQLite

/// `fedcat_rank` itself, the FTS5 extension function registered by `SampledBM25.register(_:)`.
let sampledBM25: fts5_extension_function = { api, fts, context, count, values in
    guard let api, let values else { return }
    guard let state = RankState.of(api, fts, count: count, values: values) else {
        sqlite3_result_error_code(context, SQLITE_NOMEM)
        return
    }
    for phrase in state.frequency.indices { state.frequency[phrase] = 0 }
    var instances: Int32 = 0
    var code = api.pointee.xInstCount(fts, &instances)
    var index: Int32 = 0
    while code == SQLITE_OK && index < instances {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        code = api.pointee.xInst(fts, index, &phrase, &column, &offset)
        if code == SQLITE_OK {
            // The weights are the first four arguments, one per column; a column without one weighs 1.
            let weight = column < min(count, 4) ? sqlite3_value_double(values[Int(column)]) : 1.0
            state.frequency[Int(phrase)] += weight
        }
        index += 1
    }
    // The row's length: from its `docsize` entry when the statement joined it (fifth argument), else looked up by FTS5.
    var length = count > 4 ? RowLength.decode(values[4]) : nil
    if length == nil, code == SQLITE_OK {
        var size: Int32 = 0
        code = api.pointee.xColumnSize(fts, -1, &size)
        length = Int(size)
    }
    guard code == SQLITE_OK, let length else {
        sqlite3_result_error_code(context, code == SQLITE_OK ? SQLITE_ERROR : code)
        return
    }
    var score = state.score(length: Double(length))
    if count > 6, sqlite3_value_type(values[6]) != SQLITE_NULL {
        let month = sqlite3_value_type(values[5]) == SQLITE_NULL ? nil : Int(sqlite3_value_int64(values[5]))
        score *= RankBoost.factor(rowid: api.pointee.xRowid(fts), month: month, now: Int(sqlite3_value_int64(values[6])))
    }
    sqlite3_result_double(context, -score)
}

/// The small boost the issue asks ranking to give recent datasets and those published on several portals: the score
/// is multiplied by up to 1.05 for each, so that it reorders results whose text matches about as well (within a few
/// per cent), not the others.
enum RankBoost {
    /// For a dataset published on several portals (a record of a cluster of several, see `StaticRank`).
    static let severalPortals = 0.05
    /// For a record modified this month, falling linearly to nothing at `years` old.
    static let recent = 0.05
    static let years = 10

    /// The factor for the record at the full-text `rowid`, modified in `month` (nil when undated), in the month `now`.
    static func factor(rowid: Int64, month: Int?, now: Int) -> Double {
        var factor = rowid < StaticRank.standAlone ? 1 + severalPortals : 1
        if let month {
            let freshness = 1 - Double(max(now - month, 0)) / Double(12 * years)
            factor *= 1 + recent * max(freshness, 0)
        }
        return factor
    }
}

/// A row's length in tokens from its entry in the FTS5 index's `docsize` table (`sz`: one varint per column), read by
/// the ranking statement's own join on the rowid: FTS5's `xColumnSize` looks the entry up with a statement of its own
/// for each row (about 1 µs a row at a million records, most of the function's cost; the join about 0.4 µs).
enum RowLength {
    /// The sum of the columns' lengths, or nil when the value is not such an entry (NULL: no join).
    static func decode(_ value: OpaquePointer?) -> Int? {
        guard sqlite3_value_type(value) == SQLITE_BLOB, let bytes = sqlite3_value_blob(value) else { return nil }
        let data = UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value)))
        var total = 0, offset = 0
        while offset < data.count {
            guard let (value, next) = SQLiteVarint.read(data, at: offset) else { return nil }
            total += value
            offset = next
        }
        return total
    }
}

/// SQLite's variable-length integers, as FTS5 writes them in its records: seven bits a byte, most significant first,
/// the high bit set when another byte follows; a ninth byte gives all its eight.
enum SQLiteVarint {
    /// The integer at `offset` and the offset after it, or nil when the bytes end first.
    static func read(_ data: UnsafeRawBufferPointer, at offset: Int) -> (value: Int, next: Int)? {
        var value: UInt64 = 0
        var offset = offset
        for position in 0..<9 {
            guard offset < data.count else { return nil }
            let byte = data[offset]
            offset += 1
            if position == 8 { return (Int(truncatingIfNeeded: (value << 8) | UInt64(byte)), offset) }
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte < 0x80 { break }
        }
        return (Int(truncatingIfNeeded: value), offset)
    }

    /// The first integer of `data`.
    static func first(of data: Data) -> Int? {
        data.withUnsafeBytes { read($0, at: 0)?.value }
    }
}

/// What `fedcat_rank` keeps between the rows of one query (FTS5 auxiliary data): the average row length, each phrase's
/// inverse document frequency, and a scratch array of each phrase's weighted frequency in the current row.
final class RankState {
    let averageLength: Double
    let idf: [Double]
    var frequency: [Double]

    init(averageLength: Double, idf: [Double]) {
        self.averageLength = averageLength
        self.idf = idf
        frequency = Array(repeating: 0, count: idf.count)
    }

    /// bm25 of the current row's frequencies for a row of `length` tokens (k1 = 1.2, b = 0.75, as FTS5's bm25).
    func score(length: Double) -> Double {
        let k1 = 1.2, b = 0.75
        var score = 0.0
        for phrase in 0..<idf.count {
            let f = frequency[phrase]
            // Grouped as bm25 groups it, so that the same counts give the same bits.
            score += idf[phrase] * ((f * (k1 + 1)) / (f + k1 * (1 - b + b * length / averageLength)))
        }
        return score
    }

    /// The state of the current query, made on its first row from the function's arguments: the weights, the row's
    /// length, its month and the current one, then the rows of the first phrases (a phrase without one is counted).
    static func of(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer?, count: Int32,
                   values: UnsafeMutablePointer<OpaquePointer?>) -> RankState? {
        if let kept = api.pointee.xGetAuxdata(fts, 0) { return Unmanaged<RankState>.fromOpaque(kept).takeUnretainedValue() }
        let known: [Int64?] = count <= 7 ? [] : (7..<Int(count)).map { index in
            sqlite3_value_type(values[index]) == SQLITE_NULL ? nil : sqlite3_value_int64(values[index])
        }
        let phrases = Int(api.pointee.xPhraseCount(fts))
        var rows: Int64 = 0, tokens: Int64 = 0
        var code = api.pointee.xRowCount(fts, &rows)
        if code == SQLITE_OK { code = api.pointee.xColumnTotalSize(fts, -1, &tokens) }
        var idf: [Double] = []
        for phrase in 0..<phrases where code == SQLITE_OK {
            var hits: Int64 = 0
            if phrase < known.count, let known = known[phrase] {
                hits = known
            } else {
                code = api.pointee.xQueryPhrase(fts, Int32(phrase), &hits) { _, _, user in
                    user!.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
            }
            idf.append(inverseFrequency(Double(hits), rows: Double(rows)))
        }
        guard code == SQLITE_OK else { return nil }
        let state = RankState(averageLength: Double(tokens) / Double(max(rows, 1)), idf: idf)
        let retained = Unmanaged.passRetained(state).toOpaque()
        guard api.pointee.xSetAuxdata(fts, retained, { Unmanaged<RankState>.fromOpaque($0!).release() }) == SQLITE_OK else { return nil }
        return state
    }
}

/// bm25's inverse document frequency of a phrase in `hits` of `rows` rows, at least 10^-6.
private func inverseFrequency(_ hits: Double, rows: Double) -> Double {
    let idf = log((rows - hits + 0.5) / (hits + 0.5))
    return idf <= 0 ? 1e-6 : idf
}
