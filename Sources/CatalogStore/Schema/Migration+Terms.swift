import GRDB

/// Search side tables (v7): each record's filterable and facetable values as rows (`record_terms`), kept in step with
/// `records` by triggers, so a `format:csv` filter or a format facet reads an index instead of every record's JSON;
/// and a narrow index from `seq` to `cluster_id`, so grouping hits by dataset does not read the wide record rows.
enum TermsMigration {
    static let name = "v7: record terms for filters and facets"

    /// `record_terms.field` values: `format` (EU file-type code, else the published format in capitals without a
    /// dot), `format.raw` (the published format so), `media` (media type, lower case), `theme` (label, URI and the
    /// URI's last segment, lower case: what `theme:` matches), `theme.facet` (label, else URI, as published),
    /// `language` (lower case), `language.facet` (as published) and `keyword` (as published).
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(name) { db in
            // The backfill reads the JSON through `fedcat_json`; a bare connection (a test's) may not have it yet.
            StoredRecordJSON.register(db)
            try db.execute(sql: """
                CREATE TABLE record_terms (
                    seq INTEGER NOT NULL,
                    field TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (field, value, seq)
                ) WITHOUT ROWID;
                CREATE INDEX record_terms_by_seq ON record_terms(seq);
                CREATE INDEX records_seq_cluster ON records(seq, cluster_id);
                \(insertTerms(of: "r", from: "FROM records r"))
                CREATE TRIGGER records_terms_insert AFTER INSERT ON records BEGIN
                    \(insertTerms(of: "new", from: ""))
                END;
                CREATE TRIGGER records_terms_update AFTER UPDATE OF record_json ON records BEGIN
                    DELETE FROM record_terms WHERE seq = old.seq;
                    \(insertTerms(of: "new", from: ""))
                END;
                CREATE TRIGGER records_terms_delete AFTER DELETE ON records BEGIN
                    DELETE FROM record_terms WHERE seq = old.seq;
                END;
                """)
        }
    }

    /// The distribution's format as one code, as the format facet shows it: the EU file-type code, else the published format.
    static func formatCode(_ distribution: String) -> String {
        "coalesce(replace(json_extract(\(distribution), '$.fileType'), '\(fileTypePrefix)', ''), "
            + "upper(ltrim(json_extract(\(distribution), '$.format'), '.')))"
    }

    static let fileTypePrefix = "http://publications.europa.eu/resource/authority/file-type/"

    /// One statement inserting the terms of record `row` (`new` in a trigger; `r` with `from` for a backfill).
    /// Since v8 the merge inserts terms computed in Swift (`RecordTerms`), which must give the same rows.
    static func insertTerms(of row: String, from: String) -> String {
        let json = "fedcat_json(\(row).record_json)"
        let uri = "json_extract(t.value, '$.uri')"
        let lastSegment = "replace(\(uri), rtrim(\(uri), replace(\(uri), '/', '')), '')"
        let parts: [(field: String, value: String, each: String)] = [
            ("format", formatCode("d.value"), "json_each(\(json), '$.distributions') d"),
            ("format.raw", "upper(ltrim(json_extract(d.value, '$.format'), '.'))", "json_each(\(json), '$.distributions') d"),
            ("media", "lower(json_extract(d.value, '$.mediaType'))", "json_each(\(json), '$.distributions') d"),
            ("theme", "lower(json_extract(t.value, '$.label'))", "json_each(\(json), '$.themes') t"),
            ("theme", "lower(\(uri))", "json_each(\(json), '$.themes') t"),
            ("theme", "lower(\(lastSegment))", "json_each(\(json), '$.themes') t"),
            ("theme.facet", "coalesce(json_extract(t.value, '$.label'), \(uri))", "json_each(\(json), '$.themes') t"),
            ("language", "lower(l.value)", "json_each(\(json), '$.languages') l"),
            ("language.facet", "l.value", "json_each(\(json), '$.languages') l"),
            ("keyword", "k.value", "json_each(\(json), '$.keywords') k"),
        ]
        let selects = parts.map { part in
            "SELECT \(row).seq AS seq, '\(part.field)' AS field, \(part.value) AS value \(from.isEmpty ? "FROM" : from + ",") \(part.each)"
        }
        return """
            INSERT OR IGNORE INTO record_terms (seq, field, value)
            SELECT seq, field, value FROM (\(selects.joined(separator: " UNION ALL "))) WHERE value IS NOT NULL AND value <> '';
            """
    }
}
