extension Migrations {
    /// v9: each record's score keeps its per-metric shares, distribution count and open-licence flag, so a source's
    /// tally can be summed from the rows: records are scored as a harvest stages them (still in memory), and the
    /// rows of records on pages that did not change are carried from the previous run instead of re-read.
    static let v9QualityShares = """
    ALTER TABLE quality_records ADD COLUMN shares TEXT;
    ALTER TABLE quality_records ADD COLUMN distributions INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quality_records ADD COLUMN open_licence INTEGER NOT NULL DEFAULT 0;
    """
}
