public import Foundation

extension Migrations {
    /// v16: the month each record was last modified, by its full-text rowid (`rank_key`), for ranking's small boost to
    /// recent datasets (`fedcat_rank` reads it through a join on the rowid, as it reads each row's length from FTS5's
    /// `docsize`: reading `modified` from the record itself costs a row of several kilobytes per candidate, and an
    /// index on `records(rank_key, modified)` does not spare it, `rank_key` being a virtual generated column). Undated
    /// records have no row. The triggers keep it in step with `records` row by row; harvests, which write with the
    /// connection's triggers off, keep it with the full-text index (`FullTextBatch`).
    static let v16RecordMonths = """
    CREATE TABLE record_months (rank_key INTEGER PRIMARY KEY, month INTEGER NOT NULL);
    INSERT INTO record_months (rank_key, month)
    SELECT rank_key, month FROM (SELECT rank_key, \(RecordMonths.of("modified")) AS month FROM records) WHERE month IS NOT NULL
    ORDER BY rank_key;
    CREATE TRIGGER record_months_insert AFTER INSERT ON records BEGIN
        \(RecordMonths.insert("new"))
    END;
    CREATE TRIGGER record_months_update AFTER UPDATE OF modified, completeness, is_copy, cluster_seq ON records BEGIN
        DELETE FROM record_months WHERE rank_key = old.rank_key;
        \(RecordMonths.insert("new"))
    END;
    CREATE TRIGGER record_months_delete AFTER DELETE ON records BEGIN
        DELETE FROM record_months WHERE rank_key = old.rank_key;
    END;
    """
}

/// The month a record was last modified, as `year × 12 + month - 1` (a year alone counts as its January), from the
/// `modified` column (ISO 8601 when it could be read, else the text as published: no month then).
public enum RecordMonths {
    /// SQL: the month of the `modified` column of `row` (a table alias or `new`), or NULL.
    public static func of(_ modified: String) -> String {
        """
        CASE WHEN \(modified) GLOB '[12][0-9][0-9][0-9]-[01][0-9]*' \
        THEN CAST(substr(\(modified), 1, 4) AS INTEGER) * 12 + CAST(substr(\(modified), 6, 2) AS INTEGER) - 1 \
        WHEN \(modified) GLOB '[12][0-9][0-9][0-9]*' THEN CAST(substr(\(modified), 1, 4) AS INTEGER) * 12 END
        """
    }

    /// SQL: a trigger's statement adding the month of the record `row` (`new`), when it has one.
    static func insert(_ row: String) -> String {
        "INSERT OR REPLACE INTO record_months (rank_key, month) SELECT \(row).rank_key, m FROM (SELECT \(of("\(row).modified")) AS m) WHERE m IS NOT NULL;"
    }

    /// The month of a date, as `of` counts it.
    public static func of(_ date: Date) -> Int {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return (parts.year ?? 1970) * 12 + (parts.month ?? 1) - 1
    }
}
