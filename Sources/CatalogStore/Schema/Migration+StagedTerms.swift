extension Migrations {
    /// v8: a record's search terms and match keys are computed with the record in memory and staged with it as
    /// JSON (`run_staging.terms`, `run_staging.match_keys`), and the merge inserts them sorted by key in one
    /// statement each; the row-by-row triggers that re-read each merged record's JSON in SQL go (they took most of
    /// a large merge). Deleting a record still deletes its terms by trigger.
    ///
    /// `record_terms` is keyed by record first (new records get new, higher `seq`s, so their terms append), with an
    /// index by value for the filters; a large merge drops that index and builds it again in one sorted pass.
    /// An index answers the merge's narrow questions (how many records changed, which ones) without reading the
    /// staged records. Runs left unfinished by an older fedcat staged in the old form: their staged work is
    /// dropped, and their next harvest starts over instead of resuming (the catalogue keeps their records).
    static let v8StagedTerms = """
    ALTER TABLE run_staging ADD COLUMN terms TEXT;
    DROP TRIGGER records_terms_insert;
    DROP TRIGGER records_terms_update;
    DROP TRIGGER records_terms_delete;
    CREATE TABLE record_terms_by_record (
        seq INTEGER NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (seq, field, value)
    ) WITHOUT ROWID;
    INSERT INTO record_terms_by_record (seq, field, value) SELECT seq, field, value FROM record_terms ORDER BY seq, field, value;
    DROP TABLE record_terms;
    ALTER TABLE record_terms_by_record RENAME TO record_terms;
    \(termsByValue)
    CREATE TRIGGER records_terms_delete AFTER DELETE ON records BEGIN
        DELETE FROM record_terms WHERE seq = old.seq;
    END;
    CREATE INDEX run_staging_by_change ON run_staging(run_id, change, local_id);
    DELETE FROM run_staging;
    DELETE FROM run_http_cache;
    UPDATE harvest_runs SET checkpoint = NULL WHERE checkpoint IS NOT NULL;
    UPDATE harvest_runs SET status = 'interrupted', error = 'fedcat was upgraded before the run ended; the next harvest starts over.'
    WHERE status = 'running';
    """

    /// The secondary indexes a large merge drops before inserting and builds again after, sorted once.
    static let termsByValue = "CREATE INDEX record_terms_by_value ON record_terms(field, value, seq);"
    static let keysByValue = "CREATE INDEX record_keys_by_value ON record_keys(value, kind);"
}
