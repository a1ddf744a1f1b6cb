extension Migrations {
    /// v13: the full-text index keeps its rows in static-rank order. Its rowid is no longer the record's `seq` but
    /// `records.rank_key` (see `StaticRank`), a generated column that puts the datasets published on several portals
    /// first, then the better records (the publisher's own portal before an aggregator's copy, the more complete, the
    /// more recently modified), and keeps `seq` in its low 32 bits. A search of a common word then takes its candidates
    /// from the start of each doclist and ranks only those by bm25, instead of scoring half the catalogue; the records of
    /// one cluster share their rowid's high bits (`cluster_seq`), so the datasets among a query's matches are counted
    /// from the index alone. The index is rebuilt from `records`, which keep every row: nothing is lost, and the rowid
    /// of the old index is `rank_key & 0xFFFFFFFF`.
    static let v13RankedIndex = """
    ALTER TABLE records ADD COLUMN cluster_seq INTEGER;
    UPDATE records SET cluster_seq = (SELECT min(m.seq) FROM records m WHERE m.cluster_id = records.cluster_id)
    WHERE seq IN (SELECT r.seq FROM clusters c JOIN records r INDEXED BY records_by_cluster ON r.cluster_id = c.id);
    ALTER TABLE records ADD COLUMN rank_key INTEGER GENERATED ALWAYS AS (\(StaticRank.keyExpression)) VIRTUAL;
    CREATE UNIQUE INDEX records_by_rank ON records(rank_key);
    DROP TRIGGER IF EXISTS records_fts_insert;
    DROP TRIGGER IF EXISTS records_fts_update;
    DROP TRIGGER IF EXISTS records_fts_delete;
    DROP TABLE records_fts;
    \(ftsTable)
    INSERT INTO records_fts(records_fts) VALUES('rebuild');
    \(ftsTriggers)
    """

    /// The FTS5 table over `records`, its rowid the static-rank key.
    static let ftsTable = """
    CREATE VIRTUAL TABLE records_fts USING fts5(
        title, description, keywords, publisher,
        content = 'records', content_rowid = 'rank_key',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    """
}
