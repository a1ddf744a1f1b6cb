extension Migrations {
    /// The Zstandard dictionaries harvests trained on their sources' first records (`CompressionDictionary`), by the
    /// id their frames carry. A row is written in the transaction of the first rows compressed with it and stays as
    /// long as its source: any payload or record JSON of the source may need it. Older rows name no dictionary.
    static let v22CompressionDictionaries = """
    CREATE TABLE compression_dictionaries (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        trained_at TEXT NOT NULL,
        samples INTEGER NOT NULL,
        bytes BLOB NOT NULL
    );
    CREATE INDEX compression_dictionaries_by_source ON compression_dictionaries(source_id, trained_at);
    """
}
