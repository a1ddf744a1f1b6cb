extension Migrations {
    /// v12: raw payloads and per-record quality rows are stored in insertion order (rowid tables), with their keys in a
    /// unique index. As `WITHOUT ROWID` tables keyed by (source, record id) their large rows were inserted at random
    /// places, so every transaction of a harvest rewrote thousands of 16 KB pages of them: at 100,000 datasets a
    /// streamed first harvest wrote 17.6 GB for a 1.8 GB catalogue. Now only the small key index is touched at random.
    static let v12AppendedRows = """
    CREATE TABLE raw_records_v12 (
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        payload BLOB NOT NULL,
        payload_hash TEXT NOT NULL,
        media_type TEXT NOT NULL,
        page_url TEXT,
        fetched_at TEXT NOT NULL,
        payload_codec TEXT,
        UNIQUE (source_id, local_id)
    );
    INSERT INTO raw_records_v12 (source_id, local_id, payload, payload_hash, media_type, page_url, fetched_at, payload_codec)
        SELECT source_id, local_id, payload, payload_hash, media_type, page_url, fetched_at, payload_codec FROM raw_records;
    DROP TABLE raw_records;
    ALTER TABLE raw_records_v12 RENAME TO raw_records;

    CREATE TABLE quality_records_v12 (
        run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        score REAL NOT NULL,
        percent REAL NOT NULL,
        findings INTEGER NOT NULL,
        findings_text TEXT NOT NULL,
        shares TEXT,
        distributions INTEGER NOT NULL DEFAULT 0,
        open_licence INTEGER NOT NULL DEFAULT 0,
        UNIQUE (run_id, local_id)
    );
    INSERT INTO quality_records_v12 (run_id, source_id, local_id, title, url, score, percent, findings, findings_text, shares,
            distributions, open_licence)
        SELECT run_id, source_id, local_id, title, url, score, percent, findings, findings_text, shares, distributions,
            open_licence FROM quality_records;
    DROP TABLE quality_records;
    ALTER TABLE quality_records_v12 RENAME TO quality_records;
    CREATE INDEX quality_records_by_score ON quality_records(run_id, percent);
    """
}
