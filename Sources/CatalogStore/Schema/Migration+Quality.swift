import GRDB

extension Migrations {
    /// Quality scores per source per harvest run (`quality_runs`, kept for trends), and per record for the
    /// latest scored run of each source only (`quality_records`: the worst records and the issues to send).
    static let v5Quality = """
    CREATE TABLE quality_runs (
        run_id INTEGER PRIMARY KEY REFERENCES harvest_runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        score REAL NOT NULL,
        maximum INTEGER NOT NULL,
        percent REAL NOT NULL,
        records INTEGER NOT NULL,
        links_checked INTEGER NOT NULL,
        tally_json TEXT NOT NULL,
        computed_at TEXT NOT NULL
    );
    CREATE INDEX quality_runs_by_source ON quality_runs(source_id, run_id);

    CREATE TABLE quality_records (
        run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        score REAL NOT NULL,
        percent REAL NOT NULL,
        findings INTEGER NOT NULL,
        findings_text TEXT NOT NULL,
        PRIMARY KEY (run_id, local_id)
    ) WITHOUT ROWID;
    CREATE INDEX quality_records_by_score ON quality_records(run_id, percent);
    """
}
