/// How a record ranks before any query (v13): the order of the full-text index's rows, so that the first matches of a
/// query in rowid order are its best candidates. A record's FTS5 rowid is `records.rank_key`: its tier times 2^32
/// plus its `seq`, where a smaller tier is a better record (an aggregator's copy after the publisher's own record,
/// then more filled fields and a more recent modification date). Records of one tier keep insertion order.
public enum StaticRank {
    /// The tier, from 40 (a complete original record modified in 2050 or later) to 712 (an empty copy, undated).
    /// Each filled field (`completeness`, at most 25) counts 4, each year after 1990 (at most 60) counts 1.
    static let tierExpression = """
        (is_copy <> 0) * 512 + 200 - 4 * min(max(completeness, 0), 25) \
        - CASE WHEN modified GLOB '[12][0-9][0-9][0-9]*' THEN min(max(CAST(substr(modified, 1, 4) AS INTEGER) - 1990, 0), 60) ELSE 0 END
        """

    /// `records.rank_key`, a deterministic expression over the record's own columns (a generated column).
    static let keyExpression = "(\(tierExpression)) * 4294967296 + seq"

    /// SQL: the record `seq` of an FTS5 rowid expression (`records_fts.rowid`), its low 32 bits.
    public static func seq(ofRowid rowid: String) -> String {
        "(\(rowid) & 4294967295)"
    }

    /// The record `seq` of an FTS5 rowid.
    public static func seq(ofRowid rowid: Int64) -> Int64 {
        rowid & 0xFFFF_FFFF
    }
}
