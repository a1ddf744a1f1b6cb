extension Migrations {
    /// v15: a record's match keys are kept under its `seq`, not its id. Ids (`source/local id`) come in no order, so
    /// every harvest batch inserted its keys all over the table and rewrote most of its pages; a batch's `seq`s are
    /// new and consecutive, so its keys are appended. Replaying the 503,432 keys of 100,000 CKAN packages in batches
    /// of 20,000 (a Python `sqlite3` script, 16 MB cache) took 10.4 s of CPU and 1,515 MB of write-ahead log keyed by
    /// id, 3.5 s and 541 MB keyed by `seq`. Keys of records that no longer exist are dropped with them.
    static let v15KeysBySeq = """
    CREATE TABLE record_keys_by_seq (
        seq INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        strong INTEGER NOT NULL,
        PRIMARY KEY (seq, kind, value)
    ) WITHOUT ROWID;
    INSERT INTO record_keys_by_seq (seq, source_id, kind, value, strong)
    SELECT r.seq, k.source_id, k.kind, k.value, k.strong FROM record_keys k JOIN records r ON r.id = k.record_id
    ORDER BY 1, 3, 4;
    DROP TABLE record_keys;
    ALTER TABLE record_keys_by_seq RENAME TO record_keys;
    \(keysByValue)
    """
}
