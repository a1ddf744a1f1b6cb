extension Migrations {
    /// v18: the by-value index of `record_terms` holds only the fields a filter looks up by value (`format:` reads
    /// `format`, `format.raw` and `media`; `theme:` reads `theme`; `language:` reads `language`). The keywords and the
    /// facets' display values (`keyword`, `theme.facet`, `language.facet`), half the rows, are only ever read by record,
    /// through the primary key. Keywords take thousands of values, so each harvest batch inserted its rows all over
    /// the index and rewrote most of its pages: replaying the terms of the generated million (batches of 4,000
    /// records, a Python `sqlite3` script) took 36.8 s of CPU and wrote 18.4 GB with the full index, 25.1 s and 3.7 GB
    /// with this one.
    static let v18FilteredTerms = """
    DROP INDEX record_terms_by_value;
    \(filteredTermsByValue)
    """

    /// The index since v18. A query uses it only when its WHERE clause holds `RecordTerms.filteredFields` word for
    /// word (SQLite's rule for partial indexes), which `SQLCondition` adds.
    static let filteredTermsByValue = "CREATE INDEX record_terms_by_value ON record_terms(field, value, seq) WHERE \(RecordTerms.filteredFields);"
}
