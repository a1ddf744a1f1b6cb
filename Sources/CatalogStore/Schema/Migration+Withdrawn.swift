extension Migrations {
    /// Records a harvest removed from the catalogue, kept so change feeds can say what was withdrawn and when.
    /// One row per record id (its latest withdrawal); a record that comes back leaves the table and keeps its
    /// first run, so a feed shows it as updated, not withdrawn.
    static let v4Withdrawn = """
    CREATE TABLE withdrawn_records (
        record_id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        title TEXT NOT NULL,
        original_url TEXT,
        run_id INTEGER NOT NULL,
        first_run INTEGER,
        withdrawn_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX withdrawn_records_by_time ON withdrawn_records(withdrawn_at);
    CREATE INDEX withdrawn_records_by_source ON withdrawn_records(source_id);
    """
}
