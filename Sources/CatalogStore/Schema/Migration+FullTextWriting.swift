extension Migrations {
    /// v14: FTS5 settings for harvests that index thousands of records per transaction (kept in `records_fts_config`).
    ///
    /// - `hashsize` 16 MB: FTS5 writes its pending terms out as a new segment whenever they pass this size, 1 MB by
    ///   default, so a batch of 4,000 CKAN packages (about 5 MB of text) became five segments, each to be merged again.
    /// - `automerge` 8: segments are merged once eight of a level exist instead of four, so a record's entries are
    ///   rewritten fewer times while a first harvest is under way; `FullTextCompaction` merges what is left at its end.
    ///
    /// Indexing the text of 100,000 CKAN packages in batches of 4,000 (the harvest's statements, in a Python
    /// `sqlite3` script) took 7.5–9.3 s of CPU with the defaults and 5.5 s with these, and the merge into one
    /// segment afterwards 0.8–1.1 s.
    static let v14FullTextWriting = """
    INSERT INTO records_fts(records_fts, rank) VALUES('hashsize', 16777216);
    INSERT INTO records_fts(records_fts, rank) VALUES('automerge', 8);
    """
}
