import CatalogStore
public import GRDB

/// The records a query selects, as one SQL condition over the `records` row `r` with its bound values: what
/// `fedcat export --query` and other bulk readers filter with, in the same query language as `fedcat search`.
public struct RecordFilter: Sendable {
    /// A condition over `records r` (words searched become an FTS5 sub-select), or nil when the query selects everything.
    public let condition: String?
    public let arguments: StatementArguments

    /// Compiles `query`; an empty query selects every record.
    public static func compile(_ query: String) throws(QueryError) -> RecordFilter {
        let plan = try QueryPlan.compile(query)
        var parts: [String] = []
        var values: [DatabaseValue] = []
        if let match = plan.match {
            parts.append("r.seq IN (SELECT \(StaticRank.seq(ofRowid: "rowid")) FROM records_fts WHERE records_fts MATCH ?)")
            values.append(match.databaseValue)
        }
        if let filter = plan.filter {
            parts.append("(\(filter))")
            values += plan.arguments
        }
        return RecordFilter(condition: parts.isEmpty ? nil : parts.joined(separator: " AND "), arguments: StatementArguments(values))
    }
}
