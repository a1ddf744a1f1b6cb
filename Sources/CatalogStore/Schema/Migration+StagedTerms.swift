extension Migrations {
    /// v8: a record's search terms are computed with the record in memory and staged with it (`run_staging.terms`),
    /// and the merge inserts them; the row-by-row triggers that re-read each merged record's JSON in SQL go
    /// (they took most of a large merge). Deleting a record still deletes its terms by trigger.
    ///
    /// An index answers the merge's narrow questions (how many records changed, which were updated) without reading
    /// the staged records themselves. Runs left unfinished by an older fedcat staged no terms: their staged work is
    /// dropped, and their next harvest starts over instead of resuming (the catalogue keeps their records).
    static let v8StagedTerms = """
    ALTER TABLE run_staging ADD COLUMN terms TEXT;
    DROP TRIGGER records_terms_insert;
    DROP TRIGGER records_terms_update;
    CREATE INDEX run_staging_by_change ON run_staging(run_id, change, local_id);
    DELETE FROM run_staging;
    DELETE FROM run_http_cache;
    UPDATE harvest_runs SET checkpoint = NULL WHERE checkpoint IS NOT NULL;
    UPDATE harvest_runs SET status = 'interrupted', error = 'fedcat was upgraded before the run ended; the next harvest starts over.'
    WHERE status = 'running';
    """
}
