import GRDB

/// The schema, as a list of migrations; each one runs once per database, in order.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources, runs, issues, raw and normalised records, FTS5") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: resumable runs, fetch counters, HTTP page cache") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3: clusters of the same dataset across sources") { db in
            try db.execute(sql: v3)
        }
        TermsMigration.register(in: &migrator)
        migrator.registerMigration("v4: withdrawn records for change feeds") { db in try db.execute(sql: v4Withdrawn) }
        migrator.registerMigration("v5: quality scores per run") { db in try db.execute(sql: v5Quality) }
        migrator.registerMigration("v6: schedule state") { db in try db.execute(sql: v6ScheduleState) }
        migrator.registerMigration("v8: search terms staged with their records") { db in try db.execute(sql: v8StagedTerms) }
        migrator.registerMigration("v9: per-metric shares of record scores") { db in try db.execute(sql: v9QualityShares) }
        migrator.registerMigration("v10: compressed raw payloads") { db in try db.execute(sql: v10PayloadCodec) }
        migrator.registerMigration("v11: first harvests streamed into the catalogue") { db in try db.execute(sql: v11StreamedRuns) }
        migrator.registerMigration("v12: raw payloads and quality rows stored in insertion order") { db in
            try db.execute(sql: v12AppendedRows)
        }
        migrator.registerMigration("v13: full-text index in static rank order") { db in try db.execute(sql: v13RankedIndex) }
        migrator.registerMigration("v14: full-text index written in larger segments") { db in try db.execute(sql: v14FullTextWriting) }
        migrator.registerMigration("v15: match keys kept by record seq") { db in try db.execute(sql: v15KeysBySeq) }
        migrator.registerMigration("v16: the month each record was modified, by full-text rowid") { db in try db.execute(sql: v16RecordMonths) }
        migrator.registerMigration("v17: licence and issue date in columns for filters") { db in
            StoredRecordJSON.register(db)
            try db.execute(sql: v17FilterColumns)
        }
        migrator.registerMigration("v18: only filtered terms in the by-value index") { db in try db.execute(sql: v18FilteredTerms) }
        migrator.registerMigration("v19: match keys looked up by hash in two levels") { db in
            KeyPostings.register(db)
            try db.execute(sql: v19KeyPostings)
        }
        migrator.registerMigration("v20: licence and issue date staged with their records") { db in
            StoredRecordJSON.register(db)
            try db.execute(sql: v20StagedFilterColumns)
        }
        migrator.registerMigration("v21: clusters formed again from the match keys") { db in
            try db.execute(sql: KeyPostings.saturatedTable)
            try Clusters.reformAll(db: db)
        }
        migrator.registerMigration("v22: compression dictionaries trained per source") { db in
            try db.execute(sql: v22CompressionDictionaries)
        }
        return migrator
    }

    /// The triggers that keep the FTS5 index in step with `records` row by row, its rowid the record's static-rank key
    /// (v13). Harvests write their records with the connection's triggers off and index them in one statement per batch
    /// (`FullTextBatch`); the triggers serve every other change. The update trigger also fires on the columns
    /// `rank_key` is computed from, so a record whose rank changes moves in the index.
    static let ftsTriggers = """
    CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
        INSERT INTO records_fts(rowid, title, description, keywords, publisher)
        VALUES (new.rank_key, new.title, new.description, new.keywords, new.publisher);
    END;
    CREATE TRIGGER records_fts_update AFTER UPDATE OF title, description, keywords, publisher, modified, completeness, is_copy, cluster_seq ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, keywords, publisher)
        VALUES ('delete', old.rank_key, old.title, old.description, old.keywords, old.publisher);
        INSERT INTO records_fts(rowid, title, description, keywords, publisher)
        VALUES (new.rank_key, new.title, new.description, new.keywords, new.publisher);
    END;
    CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, keywords, publisher)
        VALUES ('delete', old.rank_key, old.title, old.description, old.keywords, old.publisher);
    END;
    """

    /// The triggers of v1 to v12, when the FTS5 rowid was the record's `seq` (v13 replaces them).
    private static let v1FTSTriggers = """
    CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
        INSERT INTO records_fts(rowid, title, description, keywords, publisher)
        VALUES (new.seq, new.title, new.description, new.keywords, new.publisher);
    END;
    CREATE TRIGGER records_fts_update AFTER UPDATE OF title, description, keywords, publisher ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, keywords, publisher)
        VALUES ('delete', old.seq, old.title, old.description, old.keywords, old.publisher);
        INSERT INTO records_fts(rowid, title, description, keywords, publisher)
        VALUES (new.seq, new.title, new.description, new.keywords, new.publisher);
    END;
    CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, keywords, publisher)
        VALUES ('delete', old.seq, old.title, old.description, old.keywords, old.publisher);
    END;
    """

    /// Column order of the FTS5 table; `bm25` weights in `Search` follow it.
    static let ftsColumns = ["title", "description", "keywords", "publisher"]

    private static let v1 = """
    CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT,
        config_json TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE harvest_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
        listing_complete INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        expected INTEGER,
        seen INTEGER NOT NULL DEFAULT 0,
        added INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        issues INTEGER NOT NULL DEFAULT 0,
        error TEXT
    );
    CREATE INDEX harvest_runs_by_source ON harvest_runs(source_id, id);

    CREATE TABLE record_issues (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        local_id TEXT,
        code TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        location TEXT,
        url TEXT
    );
    CREATE INDEX record_issues_by_run ON record_issues(run_id);
    CREATE INDEX record_issues_by_record ON record_issues(source_id, local_id);

    CREATE TABLE raw_records (
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        payload BLOB NOT NULL,
        payload_hash TEXT NOT NULL,
        media_type TEXT NOT NULL,
        page_url TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (source_id, local_id)
    ) WITHOUT ROWID;

    CREATE TABLE records (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        keywords TEXT,
        publisher TEXT,
        modified TEXT,
        content_hash TEXT NOT NULL,
        record_json TEXT NOT NULL,
        harvested_at TEXT NOT NULL,
        first_run INTEGER,
        last_changed_run INTEGER,
        UNIQUE (source_id, local_id)
    );

    CREATE VIRTUAL TABLE records_fts USING fts5(
        title, description, keywords, publisher,
        content = 'records', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    \(v1FTSTriggers)

    """

    /// Staging becomes durable (so a killed or failed run can resume from its checkpoint), runs count their
    /// requests, and each source remembers its pages' validators and contents to skip unchanged pages.
    private static let v2 = """
    ALTER TABLE harvest_runs ADD COLUMN checkpoint TEXT;
    ALTER TABLE harvest_runs ADD COLUMN resumes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE harvest_runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE harvest_runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE harvest_runs ADD COLUMN not_modified INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE harvest_runs ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE harvest_runs ADD COLUMN unchanged_pages INTEGER NOT NULL DEFAULT 0;

    -- What a run has read so far, merged into records only when the run ends; appended in rowid order.
    CREATE TABLE run_staging (
        seq INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        change TEXT NOT NULL CHECK (change IN ('added', 'updated', 'unchanged', 'skipped')),
        title TEXT,
        description TEXT,
        keywords TEXT,
        publisher TEXT,
        modified TEXT,
        content_hash TEXT,
        record_json TEXT,
        payload BLOB,
        payload_hash TEXT,
        media_type TEXT,
        page_url TEXT
    );
    CREATE UNIQUE INDEX run_staging_key ON run_staging(run_id, local_id);

    -- Per source and page URL: the validators and body hash of the last committed fetch, and what the
    -- harvester needs to go on without the body (its record ids, the listing count, the next page).
    CREATE TABLE http_cache (
        source_id TEXT NOT NULL,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        page_json TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (source_id, url)
    ) WITHOUT ROWID;
    CREATE TABLE run_http_cache (
        run_id INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        page_json TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (run_id, url)
    ) WITHOUT ROWID;
    """

    /// Each record's match keys and canonical rank; clusters of records that describe the same dataset.
    /// Every record belongs to one cluster (`records.cluster_id`, its own id when alone); `clusters` lists
    /// the clusters of more than one record with their canonical record.
    private static let v3 = """
    ALTER TABLE records ADD COLUMN cluster_id TEXT;
    ALTER TABLE records ADD COLUMN is_copy INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE records ADD COLUMN completeness INTEGER NOT NULL DEFAULT 0;
    UPDATE records SET cluster_id = id;
    CREATE INDEX records_by_cluster ON records(cluster_id);
    ALTER TABLE run_staging ADD COLUMN match_keys TEXT;
    ALTER TABLE run_staging ADD COLUMN is_copy INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE run_staging ADD COLUMN completeness INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE record_keys (
        record_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        strong INTEGER NOT NULL,
        PRIMARY KEY (record_id, kind, value)
    ) WITHOUT ROWID;
    CREATE INDEX record_keys_by_value ON record_keys(value, kind);

    CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        canonical_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        confidence TEXT NOT NULL CHECK (confidence IN ('high', 'low'))
    ) WITHOUT ROWID;
    """
}
