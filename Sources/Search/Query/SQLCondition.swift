import CatalogStore
import GRDB

/// Builds the SQL condition over `records r` for a query node, collecting the values it binds.
/// Column and JSON paths come from fedcat; every typed value is a `?` parameter.
struct SQLCondition {
    private(set) var arguments: [DatabaseValue] = []
    /// How a `record_terms` filter reads: as a list of the records having the term, which SQLite builds once (the
    /// cheaper way over many records, and the one that lets SQLite start from the term's records), or as a lookup
    /// per record (`perRecord`, the cheaper way over a few records, such as a window of top-ranked matches).
    let perRecord: Bool

    init(perRecord: Bool = false) {
        self.perRecord = perRecord
    }

    mutating func condition(_ node: QueryNode) -> String {
        if let expression = FTSExpression.of(node) {
            return "r.seq IN (SELECT \(StaticRank.seq(ofRowid: "rowid")) FROM records_fts WHERE records_fts MATCH \(bind(expression)))"
        }
        switch node {
        case .text(let term):
            return "r.seq IN (SELECT \(StaticRank.seq(ofRowid: "rowid")) FROM records_fts WHERE records_fts MATCH \(bind(FTSExpression.quote(term))))"
        case .filter(let filter):
            return self.filter(filter)
        case .not(let inner):
            return "NOT coalesce(\(condition(inner)), 0)"
        case .and(let parts):
            return "(" + parts.map { condition($0) }.joined(separator: " AND ") + ")"
        case .or(let parts):
            return "(" + parts.map { condition($0) }.joined(separator: " OR ") + ")"
        }
    }

    private mutating func bind(_ value: some DatabaseValueConvertible) -> String {
        arguments.append(value.databaseValue)
        return "?"
    }

    /// `text` for a LIKE pattern with `\` as the escape character.
    private static func escapedForLike(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    private mutating func filter(_ filter: FieldFilter) -> String {
        switch filter {
        case .source(let id):
            return "lower(r.source_id) = lower(\(bind(id)))"
        case .language(let code):
            return term(["language"], equals: "lower(\(bind(code)))")
        case .theme(let theme):
            // A theme's label, its URI, or the URI's last segment (`ENVI` for `…/data-theme/ENVI`), in any case.
            return term(["theme"], equals: "lower(\(bind(theme)))")
        case .format(let format):
            // `csv`, `CSV` and `.csv` are one format, and so is a DCAT distribution whose format is the EU
            // file-type URI `…/file-type/CSV`, or whose media type is the one typed.
            return "(\(term(["format", "format.raw"], equals: "upper(ltrim(\(bind(format)), '.'))")) OR "
                + "\(term(["media"], equals: "lower(\(bind(format)))")))"
        case .license(let license):
            let spdx = "lower(r.license_spdx)"
            return """
                (\(spdx) = lower(\(bind(license))) OR \(spdx) LIKE \(bind(Self.escapedForLike(license) + "-%")) ESCAPE '\\' \
                OR lower(r.license_raw) = lower(\(bind(license))) OR lower(r.license_label) = lower(\(bind(license))))
                """
        case .date(let field, let condition):
            let column = field == .modified ? SearchEngine.modifiedISO : "r.issued_iso"
            return date(column, condition)
        case .bbox(let west, let south, let east, let north):
            return """
                EXISTS (SELECT 1 FROM json_each(fedcat_json(r.record_json), '$.spatial') s WHERE json_extract(s.value, '$.bbox.west') <= \(bind(east)) \
                AND json_extract(s.value, '$.bbox.east') >= \(bind(west)) AND json_extract(s.value, '$.bbox.south') <= \(bind(north)) \
                AND json_extract(s.value, '$.bbox.north') >= \(bind(south)))
                """
        }
    }

    /// The records with a `record_terms` row of one of `fields` whose value is `value` (an SQL expression), through the
    /// partial by-value index, whose condition the query repeats (`RecordTerms.filteredFields`; `fields` must be among
    /// its fields: a query on another one fails, with SQLite's "no query solution", instead of scanning every term).
    private func term(_ fields: [String], equals value: String) -> String {
        let names = fields.map { "'\($0)'" }.joined(separator: ", ")
        if perRecord {
            // Through the (field, value, seq) index: the entries of one value lie together, so the lookups of many
            // records read a few of its pages again and again, where the primary key (seq first) puts each record's
            // terms on a page of its own (10,000 matches of a word read 10,000 pages from a catalogue of a million).
            return "EXISTS (SELECT 1 FROM record_terms INDEXED BY record_terms_by_value WHERE field IN (\(names)) AND value = \(value) AND seq = r.seq AND \(RecordTerms.filteredFields))"
        }
        return "r.seq IN (SELECT seq FROM record_terms INDEXED BY record_terms_by_value WHERE field IN (\(names)) AND value = \(value) AND \(RecordTerms.filteredFields))"
    }

    /// Compares the stored ISO date cut to the precision typed, so `2023` covers every day of 2023.
    private mutating func date(_ column: String, _ condition: DateCondition) -> String {
        func cut(_ value: String) -> String { "substr(\(column), 1, \(value.count))" }
        switch condition {
        case .equal(let v): return "\(cut(v)) = \(bind(v))"
        case .atLeast(let v): return "\(cut(v)) >= \(bind(v))"
        case .after(let v): return "\(cut(v)) > \(bind(v))"
        case .atMost(let v): return "\(cut(v)) <= \(bind(v))"
        case .before(let v): return "\(cut(v)) < \(bind(v))"
        case .range(let from, let to):
            let parts = [from.map { "\(cut($0)) >= \(bind($0))" }, to.map { "\(cut($0)) <= \(bind($0))" }].compactMap { $0 }
            return "(" + parts.joined(separator: " AND ") + ")"
        }
    }
}
