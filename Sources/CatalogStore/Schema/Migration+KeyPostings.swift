extension Migrations {
    /// v19: match keys are looked up through `key_postings` (see `KeyPostings`) instead of an index of their values.
    /// Each key gets its hash; the postings of every key go into level 1, in hash order.
    static let v19KeyPostings = """
    ALTER TABLE record_keys ADD COLUMN hash INTEGER NOT NULL DEFAULT 0;
    UPDATE record_keys SET hash = fedcat_key_hash(kind, value);
    CREATE TABLE key_postings (
        level INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (level, hash, seq)
    ) WITHOUT ROWID;
    INSERT INTO key_postings (level, hash, seq) SELECT 1, hash, seq FROM record_keys ORDER BY hash, seq;
    CREATE TABLE key_postings_state (level0_records INTEGER NOT NULL);
    INSERT INTO key_postings_state (level0_records) VALUES (0);
    DROP INDEX record_keys_by_value;
    """
}
