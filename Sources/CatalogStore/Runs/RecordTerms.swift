import CatalogModel
import Foundation
import FeedParsing

/// A record's `record_terms` rows (the values `format:`, `theme:` and `language:` filter on and the facets count),
/// computed while the record is still in memory, so the merge inserts them instead of re-reading every record's
/// JSON ten times in SQL.
///
/// The values are the ones the v7 migration's SQL backfill gives (`TermsMigration`), byte for byte, less the
/// `format.raw` rows that repeat a `format` row of the record: SQLite's `lower` and `upper` change ASCII letters only,
/// and the search side compares with them, so these do the same.
public enum RecordTerms {
    /// The fields filters look up by value: the condition of the partial index `record_terms_by_value` (schema v18),
    /// which a query must repeat as it is for SQLite to use the index. Written with `OR`, not `IN`: SQLite builds an
    /// `IN` list's lookup table each time a statement runs, so every row a harvest inserts paid for it (1,900,000 rows
    /// in memory: 5.7 s of CPU with `IN`, 3.2 s with `OR`, 3.7 s for a full index).
    public static let filteredFields = "(field = 'format' OR field = 'format.raw' OR field = 'media' OR field = 'theme' OR field = 'language')"

    struct Term: Sendable {
        let field: String
        let value: String

        /// SQLite's order of the `(field, value)` key: their UTF-8 bytes, field first.
        static func inKeyOrder(_ a: Term, _ b: Term) -> Bool {
            let fields = compareBytes(a.field, b.field)
            return fields == 0 ? compareBytes(a.value, b.value) < 0 : fields < 0
        }

        /// The same field and value byte for byte, as SQLite's BINARY collation compares them (Swift's `==` also
        /// equates different byte sequences of canonically equivalent text).
        func sameBytes(as other: Term) -> Bool {
            compareBytes(field, other.field) == 0 && compareBytes(value, other.value) == 0
        }
    }

    /// The order of `a` and `b`'s UTF-8 bytes (negative, zero, positive), as SQLite's BINARY collation gives it: with
    /// `memcmp` over the strings' own storage when it is contiguous, as for every native string; stepping through two
    /// UTF-8 views took a third of computing a record's terms.
    static func compareBytes(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Int in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, common))
                return order != 0 ? order : x.count - y.count
            }
        }
        if let fast = fast ?? nil { return fast }
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// The record's terms in the order of `record_terms`' key (`inKeyOrder`), each once. Repeats are dropped by
    /// comparing bytes, as the table's key does, after sorting: hashing every term into a set took a third of this.
    static func terms(of record: CatalogRecord) -> [Term] {
        var terms: [Term] = []
        func add(_ field: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            terms.append(Term(field: field, value: value))
        }
        for distribution in record.distributions {
            let published = distribution.format.map { asciiUpper(dropLeadingDots($0)) }
            add("format", distribution.fileType.map(withoutFileTypePrefix) ?? published)
            add("format.raw", published)
            add("media", distribution.mediaType.map(asciiLower))
        }
        for theme in record.themes {
            add("theme", theme.label.map(asciiLower))
            add("theme", theme.uri.map(asciiLower))
            add("theme", theme.uri.map { asciiLower(lastSegment($0)) })
            add("theme.facet", theme.label ?? theme.uri)
        }
        for language in record.languages {
            add("language", asciiLower(language))
            add("language.facet", language)
        }
        for keyword in record.keywords { add("keyword", keyword) }
        terms.sort(by: Term.inKeyOrder)
        // `format:` matches `format` and `format.raw` alike, and no facet counts `format.raw`: a published format equal to
        // one of the record's format codes adds nothing. Most are (a CSV file published as "CSV"), and terms are most
        // of what a harvest writes row by row (19 of about 30 rows a CKAN package, 3.9 s of the writer's 19 s at
        // 100,000), so those rows are left out. `format` sorts before `format.raw`, so its values are known by then.
        var unique: [Term] = []
        unique.reserveCapacity(terms.count)
        var formats: [String] = []
        for term in terms {
            if let last = unique.last, last.sameBytes(as: term) { continue }
            if term.field == "format" { formats.append(term.value) }
            if term.field == "format.raw" && formats.contains(where: { compareBytes($0, term.value) == 0 }) { continue }
            unique.append(term)
        }
        return unique
    }

    /// The terms as a JSON array of `[field, value]` pairs, the form `run_staging.terms` keeps until the merge.
    static func json(_ terms: [Term]) -> String {
        let array = JSONValue.array(terms.map { .array([.string($0.field), .string($0.value)]) })
        return String(decoding: JSONWriter.write(array), as: UTF8.self)
    }

    /// The file type without the EU authority table's prefix (`CSV` for `…/file-type/CSV`), as the backfill's
    /// SQL `replace` gives it: every occurrence is removed, not only a leading one.
    private static let fileTypePrefixBytes = Array(TermsMigration.fileTypePrefix.utf8)

    static func withoutFileTypePrefix(_ fileType: String) -> String {
        let prefix = fileTypePrefixBytes
        let bytes = Array(fileType.utf8)
        guard let first = firstOccurrence(of: prefix, in: bytes[...]) else { return fileType }
        // The common case, one leading prefix, without Foundation's slow `contains` and `replacingOccurrences`.
        let rest = bytes[prefix.count...]
        if first == 0 && firstOccurrence(of: prefix, in: rest) == nil { return String(decoding: rest, as: UTF8.self) }
        return fileType.replacingOccurrences(of: TermsMigration.fileTypePrefix, with: "")
    }

    /// Where `needle` first occurs in `haystack` (an offset in the haystack's indices), byte for byte.
    private static func firstOccurrence(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var start = haystack.startIndex
        while start <= haystack.endIndex - needle.count {
            if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start += 1
        }
        return nil
    }

    /// What follows a URI's last `/` (nothing when it ends with one); the whole text when it has none.
    static func lastSegment(_ uri: String) -> String {
        guard let slash = uri.utf8.lastIndex(of: UInt8(ascii: "/")) else { return uri }
        return String(uri[uri.utf8.index(after: slash)...])
    }

    static func dropLeadingDots(_ text: String) -> String {
        // The usual format ("CSV") has none: returned as it is, without walking its characters.
        guard text.utf8.first == UInt8(ascii: ".") else { return text }
        return String(text.drop { $0 == "." })
    }

    static func asciiLower(_ text: String) -> String {
        let upper = text.utf8.withContiguousStorageIfAvailable { $0.contains { $0 >= 0x41 && $0 <= 0x5A } }
        guard upper ?? text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    static func asciiUpper(_ text: String) -> String {
        let lower = text.utf8.withContiguousStorageIfAvailable { $0.contains { $0 >= 0x61 && $0 <= 0x7A } }
        guard lower ?? text.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 32 : $0 }, as: UTF8.self)
    }
}
