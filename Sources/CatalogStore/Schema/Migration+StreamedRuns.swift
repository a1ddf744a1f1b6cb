extension Migrations {
    /// v11: a run that streams its records into the catalogue as it stages them (`direct`): a source's first
    /// harvest, which has no earlier records to keep, so there is nothing for a single end-of-run merge to protect.
    static let v11StreamedRuns = """
    ALTER TABLE harvest_runs ADD COLUMN direct INTEGER NOT NULL DEFAULT 0;
    """
}
