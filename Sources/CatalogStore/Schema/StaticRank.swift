/// How a record ranks before any query (v13): the order of the full-text index's rows, so that the first matches of a
/// query in rowid order are its best candidates. A record's FTS5 rowid is `records.rank_key`, its `seq` in the low 32
/// bits. The records of datasets published on several portals (clusters of several records) come first, a cluster's
/// records sharing the bits above the `seq` (`cluster_seq`, the smallest `seq` of the cluster), so that counting the
/// datasets among matches needs no lookup. The records that stand alone follow from 2^62, by tier: a smaller tier is a
/// better record (an aggregator's copy after the publisher's own record, then more filled fields and a more recent
/// modification date). Records of one tier keep insertion order.
public enum StaticRank {
    /// The first rowid of the records that stand alone; every rowid below belongs to a cluster of several records.
    public static let standAlone: Int64 = 1 << 62

    /// The tier, from 40 (a complete original record modified in 2050 or later) to 712 (an empty copy, undated).
    /// Each filled field (`completeness`, at most 25) counts 4, each year after 1990 (at most 60) counts 1.
    static let tierExpression = """
        (is_copy <> 0) * 512 + 200 - 4 * min(max(completeness, 0), 25) \
        - CASE WHEN modified GLOB '[12][0-9][0-9][0-9]*' THEN min(max(CAST(substr(modified, 1, 4) AS INTEGER) - 1990, 0), 60) ELSE 0 END
        """

    /// `records.rank_key`, a deterministic expression over the record's own columns (a generated column).
    static let keyExpression = """
        CASE WHEN cluster_seq IS NULL THEN \(standAlone) + (\(tierExpression)) * 4294967296 + seq \
        ELSE cluster_seq * 4294967296 + seq END
        """

    /// SQL: the record `seq` of an FTS5 rowid expression (`records_fts.rowid`), its low 32 bits.
    public static func seq(ofRowid rowid: String) -> String {
        "(\(rowid) & 4294967295)"
    }

    /// Which dataset an FTS5 rowid belongs to: the bits its cluster's records share, or the rowid itself for a record
    /// standing alone. In rowid order the records of a cluster are next to each other, so the datasets among matches
    /// walked in that order are the rows whose key differs from the row before.
    public static func dataset(ofRowid rowid: Int64) -> Int64 {
        rowid < standAlone ? rowid >> 32 : rowid
    }

    /// SQL: what the records of one cluster share in their FTS5 rowids (below `standAlone`).
    public static func cluster(ofRowid rowid: String) -> String {
        "(\(rowid) >> 32)"
    }
}
