import Foundation
public import GRDB
import GRDBSQLite

/// `fedcat_rank`, an FTS5 ranking function: FTS5's own bm25 (the same k1 = 1.2, b = 0.75, column weights and clamped
/// inverse document frequency), except for how it learns in how many rows each phrase of the query occurs. bm25 walks
/// every row of every phrase, over the whole index, before it scores the first row: 15–35 ms for a word in half of a
/// million records, for each statement that ranks. `fedcat_rank` is told (`phraseRows(_:countable:in:)`: a phrase is
/// estimated from the share of the index's first rows, in static-rank order, that hold it, when enough do; else
/// counted), once per query instead of once per statement:
///
///     fedcat_rank(fts_table, w_title, w_description, w_keywords, w_publisher, docsize[, month, now[, rows…]])
///
/// The `rows` are how many rows the first phrases occur in; a phrase without one (or NULL) is counted by walking its
/// rows, as bm25 does, so that without any the scores are bm25's. `docsize`: see `call`. With `now` (a month, as
/// `RecordMonths` counts them), the score gets a small boost (`RankBoost`): for a dataset published on several portals
/// (its rowid below `StaticRank.standAlone`) and for a record modified recently (`month`, from `record_months`).
///
/// Like bm25 the score is negative, best first in ascending order.
public enum SampledBM25 {
    /// The name of the function in SQL.
    public static let name = "fedcat_rank"
    /// How many of a phrase's rows must lie in a sample for its count to be estimated from them (fewer: counted).
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
        try rankKey(at: sampleRows, memo: sampleEnds, in: db)
    }

    /// How many of the index's first rows a phrase too rare in the sample is estimated from, before it is counted.
    public static let wideSampleRows = 65_536

    /// How many rows the FTS5 expression `phrase` (one phrase, with the column filters that apply to it) occurs in,
    /// for `fedcat_rank` to be given (`call(…knownRows:)`) instead of walking the phrase in every ranking statement.
    /// Estimated as `fedcat_rank` would, from the index's first `sampleRows` rows when it has at least
    /// `minimumSampled` of them, else from the first `wideSampleRows` rows when it has as many of those; else counted.
    /// A phrase that is not `countable` (a column filter, several words, a prefix: FTS5 checks each row of its words'
    /// lists, so counting `{title}: "quality"` walks every record holding "quality", 14 ms at a million records) is
    /// estimated from the wide sample whatever its count there (at least half a row's worth). A catalogue no larger
    /// than a sample has every phrase counted: the scores are then bm25's.
    public static func phraseRows(_ phrase: String, countable: Bool, in db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ? AND rowid <= ?")
        var last: (sampled: Int, rows: Int)?
        for (end, rows) in [(try sampleEnd(in: db), sampleRows), (try wideSampleEnd(in: db), wideSampleRows)] {
            guard let end else { break }
            let sampled = try Int.fetchOne(statement, arguments: [phrase, end]) ?? 0
            if sampled >= minimumSampled { return try scaled(Double(sampled), sampleRows: rows, in: db) }
            last = (sampled, rows)
        }
        if let last, !countable, last.rows == wideSampleRows {
            return try scaled(max(Double(last.sampled), 0.5), sampleRows: last.rows, in: db)
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?"), arguments: [phrase]) ?? 0
    }

    /// How many rows a phrase occurs in, estimated from the `sampled` rows of the index's first `sampleRows` (up to
    /// `sampleEnd(in:)`) that hold it, as `phraseRows` would; nil when they are too few (the caller counts them), or
    /// when the index is no larger than the sample (every phrase is counted).
    public static func estimate(sampled: Int, in db: Database) throws -> Int? {
        guard sampled >= minimumSampled, try sampleEnd(in: db) != nil else { return nil }
        return try scaled(Double(sampled), sampleRows: sampleRows, in: db)
    }

    /// `sampled` rows of the index's first `sampleRows`, scaled to the index's rows, as FTS5 counts them for bm25 (its
    /// averages record, `records_fts_data` row 1, starts with the row count; `count(*)` over `records` took 13 ms at
    /// a million records, once per connection and so once per `fedcat search`).
    private static func scaled(_ sampled: Double, sampleRows: Int, in db: Database) throws -> Int {
        let rows = try rowCounts.value(in: db) { db in
            guard let averages = try Data.fetchOne(db, sql: "SELECT block FROM records_fts_data WHERE id = 1"),
                  let rows = SQLiteVarint.first(of: averages) else {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0
            }
            return rows
        }
        return Int((sampled * Double(rows) / Double(sampleRows)).rounded())
    }

    /// The FTS5 rowid of the `wideSampleRows`-th record in rowid order, or nil when the catalogue holds no more; kept
    /// per connection like `sampleEnd(in:)` (finding it steps over 65,536 index entries, about 2 ms).
    static func wideSampleEnd(in db: Database) throws -> Int64? {
        try rankKey(at: wideSampleRows, memo: wideSampleEnds, in: db)
    }

    /// The `position`-th smallest `rank_key` (from 1), or nil when there are fewer records, kept in `memo`.
    private static func rankKey(at position: Int, memo: ConnectionMemo<Int64?>, in db: Database) throws -> Int64? {
        try memo.value(in: db) { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT rank_key FROM records INDEXED BY records_by_rank ORDER BY rank_key LIMIT 1 OFFSET ?"),
                               arguments: [position - 1])
        }
    }

    private static let sampleEnds = ConnectionMemo<Int64?>()
    private static let wideSampleEnds = ConnectionMemo<Int64?>()
    private static let rowCounts = ConnectionMemo<Int>()

    /// The call of the function as a function of the FTS5 table `table`: the column weights, the row's `docsize`
    /// entry (`length`, an SQL expression such as `d.sz` when the statement joins `records_fts_docsize d` on the rowid;
    /// else FTS5 looks it up), the boost (`boost`: the row's month, such as `m.month` from a join of `record_months m`,
    /// and the current month; none without), then how many rows the first phrases occur in (`knownRows`).
    public static func call(weights: [Double], knownRows: [Int] = [], table: String, length: String? = nil,
                            boost: (month: String, now: Int)? = nil) -> String {
        let arguments = [table] + weights.map { String($0) } + [length ?? "NULL", boost?.month ?? "NULL", boost.map { String($0.now) } ?? "NULL"]
            + knownRows.map { String($0) }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }
}
