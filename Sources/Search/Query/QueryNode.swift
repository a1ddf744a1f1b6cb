/// A parsed query: words and phrases for the full-text index, field filters for the records table,
/// combined with AND (implied), OR and NOT (`-`).
indirect enum QueryNode: Sendable, Hashable {
    case text(TextTerm)
    case filter(FieldFilter)
    case not(QueryNode)
    case and([QueryNode])
    case or([QueryNode])
}

/// A word, prefix or phrase, optionally limited to one column of the full-text index.
struct TextTerm: Sendable, Hashable {
    var text: String
    var prefix = false
    /// The FTS5 column (`title`, `keywords`, `publisher`), or nil for every column.
    var column: String?
}

/// A condition on a field that the full-text index does not hold.
enum FieldFilter: Sendable, Hashable {
    case source(String)
    case language(String)
    case theme(String)
    case format(String)
    case license(String)
    case date(DateField, DateCondition)
    /// Intersects the box (west, south, east, north).
    case bbox(west: Double, south: Double, east: Double, north: Double)
}

enum DateField: String, Sendable, Hashable {
    case modified, issued
}

/// A date condition at the precision typed (`2023`, `2023-04`, `2023-04-01`).
enum DateCondition: Sendable, Hashable {
    case equal(String)
    case atLeast(String)
    case after(String)
    case atMost(String)
    case before(String)
    /// Both ends included; either may be open.
    case range(String?, String?)
}

/// The fields a query may name before a colon.
enum QueryField: String, CaseIterable, Sendable {
    case title, publisher, keyword, theme, format, license, source, language, modified, issued, bbox

    /// The FTS5 column the field searches, for the text fields.
    var ftsColumn: String? {
        switch self {
        case .title: "title"
        case .publisher: "publisher"
        case .keyword: "keywords"
        default: nil
        }
    }
}
