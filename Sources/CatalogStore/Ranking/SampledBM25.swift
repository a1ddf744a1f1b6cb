import Foundation
public import GRDB
import GRDBSQLite

/// `fedcat_rank`, an FTS5 ranking function: FTS5's own bm25 (the same k1 = 1.2, b = 0.75, column weights and clamped
/// inverse document frequency), except for how it learns in how many rows each phrase of the query occurs. bm25 walks
/// every row of every phrase, over the whole index, before it scores the first row: 15–35 ms for a word in half of a
/// million records, for each statement that ranks. `fedcat_rank` walks a phrase's rows in rowid order (static-rank
/// order, see `StaticRank`) only until it has seen enough of them in the first rows of the index to estimate it: when
/// a phrase occurs at least `minimum` times among the rows up to `sampleEnd`, which are the first `sampleRows` rows of
/// the index, it occurs in about `rows × sampled / sampleRows` rows of all. A rarer phrase is counted exactly, which
/// costs little as it is rare; so is every phrase when the sample is absent (an index smaller than the sample): the
/// scores are then bm25's.
///
///     rank MATCH 'fedcat_rank(w_title, w_description, w_keywords, w_publisher[, sampleEnd, sampleRows, minimum[, rows…]])'
///
/// The `rows` after the sample, when given, are how many rows the first phrases occur in, as the caller already knows
/// (a query of one phrase has counted its matches): those phrases are not walked at all (NULL: not known).
///
/// Like bm25 the score is negative, best first in ascending order.
public enum SampledBM25 {
    /// The name of the function in SQL.
    public static let name = "fedcat_rank"
    /// How many of a phrase's rows must lie in the sample for its count to be estimated from them (fewer: counted).
    public static let minimumSampled = 64
    /// How many of the index's first rows the estimate looks at (see `sampleEnd(in:)`).
    public static let sampleRows = 8_192

    /// Makes `fedcat_rank` known to FTS5 on the connection `db` (each connection has its own FTS5 functions).
    static func register(_ db: Database) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        guard let create = api.pointee.xCreateFunction else {
            throw StoreError.cannotOpen(path: db.description, reason: "its SQLite has no FTS5 function registration")
        }
        let code = create(api, name, nil, sampledBM25, nil)
        guard code == SQLITE_OK else {
            throw StoreError.cannotOpen(path: db.description, reason: "FTS5 refused the ranking function \(name) (SQLite \(code))")
        }
    }

    /// The FTS5 rowid of the `sampleRows`-th record in rowid order (the index's rowid is `records.rank_key`), or nil
    /// when the catalogue holds no more records than that (every phrase is then counted exactly). Finding it steps
    /// over 8,192 index entries (a fifth of a millisecond), so each connection keeps it until the catalogue changes.
    public static func sampleEnd(in db: Database) throws -> Int64? {
        try sampleEnds.value(in: db) { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT rank_key FROM records INDEXED BY records_by_rank ORDER BY rank_key LIMIT 1 OFFSET ?"),
                               arguments: [sampleRows - 1])
        }
    }

    /// How many rows the FTS5 expression `match` (one phrase) occurs in, estimated as `fedcat_rank` would from the
    /// rows up to `sampleEnd`, or nil when fewer than `minimumSampled` of them match (the function then counts them).
    /// Passed as a known count, it spares each ranking statement its own walk, which for a prefix (`wat*`) expands
    /// the prefix again.
    public static func estimatedRows(match: String, sampleEnd: Int64, in db: Database) throws -> Int? {
        let sampled = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ? AND rowid <= ?"),
                                       arguments: [match, sampleEnd]) ?? 0
        guard sampled >= minimumSampled else { return nil }
        let rows = try rowCounts.value(in: db) { try Int.fetchOne($0, sql: "SELECT count(*) FROM records") ?? 0 }
        return Int((Double(sampled) * Double(rows) / Double(sampleRows)).rounded())
    }

    private static let sampleEnds = ConnectionMemo<Int64?>()
    private static let rowCounts = ConnectionMemo<Int>()

    /// The call of the function: the column weights, then the sample when there is one, then how many rows the first
    /// phrases occur in when known (`knownRows`); for `rank MATCH` without a `table`, else as a function of the FTS5
    /// table named.
    public static func call(weights: [Double], sampleEnd: Int64?, knownRows: [Int] = [], table: String? = nil) -> String {
        var arguments = [table].compactMap { $0 } + weights.map { String($0) }
        if sampleEnd != nil || !knownRows.isEmpty {
            arguments += [sampleEnd.map { String($0) } ?? "NULL", String(sampleRows), String(minimumSampled)] + knownRows.map { String($0) }
        }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }
}

/// The first rows of the index that stand for all of them: up to the rowid `end`, `rows` rows; a phrase with at least
/// `minimum` rows among them is estimated from them.
private struct Sample {
    var end: Int64
    var rows: Int64
    var minimum: Int64
}

/// The walk over one phrase's rows: how many there were, and how many of them up to the sample's end.
private struct PhraseWalk {
    var sampleEnd: Int64
    var minimum: Int64
    var rows: Int64 = 0
    var sampled: Int64 = 0
    /// True when the walk stopped at the end of the sample with enough rows in it to estimate.
    var estimated = false
}

/// The per-query data kept between rows (FTS5 auxiliary data): the average row length in tokens, then each phrase's
/// inverse document frequency, then a scratch array of each phrase's weighted frequency in the current row.
private func queryData(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer?, sample: Sample?, known: [Int64?]) -> (UnsafeMutablePointer<Double>?, Int32) {
    if let data = api.pointee.xGetAuxdata(fts, 0) { return (data.assumingMemoryBound(to: Double.self), SQLITE_OK) }
    let phrases = Int(api.pointee.xPhraseCount(fts))
    guard let raw = sqlite3_malloc64(UInt64(MemoryLayout<Double>.stride * (1 + 2 * phrases))) else { return (nil, SQLITE_NOMEM) }
    let data = raw.assumingMemoryBound(to: Double.self)
    var rows: Int64 = 0, tokens: Int64 = 0
    var code = api.pointee.xRowCount(fts, &rows)
    if code == SQLITE_OK { code = api.pointee.xColumnTotalSize(fts, -1, &tokens) }
    data[0] = Double(tokens) / Double(max(rows, 1))
    for phrase in 0..<phrases where code == SQLITE_OK {
        if phrase < known.count, let hits = known[phrase] {
            data[1 + phrase] = idf(Double(hits), rows: Double(rows))
            continue
        }
        var walk = PhraseWalk(sampleEnd: sample?.end ?? Int64.max, minimum: sample?.minimum ?? Int64.max)
        code = api.pointee.xQueryPhrase(fts, Int32(phrase), &walk) { api, fts, user in
            let walk = user!.assumingMemoryBound(to: PhraseWalk.self)
            let rowid = api!.pointee.xRowid(fts)
            if rowid <= walk.pointee.sampleEnd {
                walk.pointee.sampled += 1
            } else if walk.pointee.sampled >= walk.pointee.minimum {
                walk.pointee.estimated = true
                return SQLITE_DONE
            }
            walk.pointee.rows += 1
            return SQLITE_OK
        }
        var hits = Double(walk.rows)
        if walk.estimated, let sample {
            hits = min(Double(rows), Double(walk.sampled) * Double(rows) / Double(sample.rows))
        }
        data[1 + phrase] = idf(hits, rows: Double(rows))
    }
    guard code == SQLITE_OK else {
        sqlite3_free(raw)
        return (nil, code)
    }
    code = api.pointee.xSetAuxdata(fts, raw, sqlite3_free)
    return code == SQLITE_OK ? (data, code) : (nil, code)
}

/// bm25's inverse document frequency of a phrase in `hits` of `rows` rows, at least 10^-6.
private func idf(_ hits: Double, rows: Double) -> Double {
    let idf = log((rows - hits + 0.5) / (hits + 0.5))
    return idf <= 0 ? 1e-6 : idf
}

/// The FTS5 extension function (see `SampledBM25`).
private let sampledBM25: fts5_extension_function = { api, fts, context, count, values in
    guard let api else { return }
    let k1 = 1.2, b = 0.75
    var sample: Sample?
    if count >= 6, let values, sqlite3_value_type(values[4]) != SQLITE_NULL {
        let rows = sqlite3_value_int64(values[5])
        let minimum = count >= 7 ? sqlite3_value_int64(values[6]) : Int64(SampledBM25.minimumSampled)
        if rows > 0 { sample = Sample(end: sqlite3_value_int64(values[4]), rows: rows, minimum: max(minimum, 1)) }
    }
    // Only read for the first row of a query: the data is kept for the others.
    let known: [Int64?] = count <= 7 || api.pointee.xGetAuxdata(fts, 0) != nil ? [] : (7..<Int(count)).map { index in
        sqlite3_value_type(values![index]) == SQLITE_NULL ? nil : sqlite3_value_int64(values![index])
    }
    var (data, code) = queryData(api, fts, sample: sample, known: known)
    guard let data else {
        sqlite3_result_error_code(context, code)
        return
    }
    let phrases = Int(api.pointee.xPhraseCount(fts))
    let frequency = data + 1 + phrases
    frequency.initialize(repeating: 0, count: phrases)
    var instances: Int32 = 0
    code = api.pointee.xInstCount(fts, &instances)
    var index: Int32 = 0
    while code == SQLITE_OK && index < instances {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        code = api.pointee.xInst(fts, index, &phrase, &column, &offset)
        if code == SQLITE_OK {
            // The weights are the first four arguments, one per column; a column without one weighs 1.
            let weight = column < min(count, 4) ? sqlite3_value_double(values![Int(column)]) : 1.0
            frequency[Int(phrase)] += weight
        }
        index += 1
    }
    var length: Int32 = 0
    if code == SQLITE_OK { code = api.pointee.xColumnSize(fts, -1, &length) }
    guard code == SQLITE_OK else {
        sqlite3_result_error_code(context, code)
        return
    }
    var score = 0.0
    for phrase in 0..<phrases {
        let f = frequency[phrase]
        // Grouped as bm25 groups it, so that the same counts give the same bits.
        score += data[1 + phrase] * ((f * (k1 + 1)) / (f + k1 * (1 - b + b * Double(length) / data[0])))
    }
    sqlite3_result_double(context, -score)
}
