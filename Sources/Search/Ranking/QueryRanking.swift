import CatalogStore
import Foundation
import GRDB

/// The ranking function calls of one query: `fedcat_rank` with fedcat's column weights and how many rows each phrase
/// of the expression occurs in, counted or estimated once per query and phrase (`SampledBM25.phraseRows`) and handed
/// to the function, so that no ranking statement walks a phrase itself. Left to the function, each statement walked
/// each phrase again (a query ranks in up to four statements), and a title phrase of a word common in descriptions
/// but too rare in the first titles to be estimated was walked over every record holding the word (about 1 ms each
/// for `{title}: "quarterly"` at a million records, four times for `quarterly OR coverage`).
final class QueryRanking {
    private let db: Database
    private var rows: [String: Int]

    /// `known`: phrases whose rows the query already counted (a one-phrase query's matches), by expression.
    init(known: [String: Int] = [:], now: Date = Date(), in db: Database) {
        self.db = db
        rows = known
        self.now = RecordMonths.of(now)
    }

    /// The statement's joins that hand `fedcat_rank` each row's length and month (`joined` in `function(for:joined:)`):
    /// FTS5 would look the length up with a statement of its own per row, at more than twice the cost.
    static let joins = "CROSS JOIN records_fts_docsize d ON d.id = records_fts.rowid LEFT JOIN record_months m ON m.rank_key = records_fts.rowid"

    /// The current month (`RecordMonths`), for the boost of recent records.
    private let now: Int

    /// The ranking function of the matches of `expression`, as a function of the FTS5 table `records_fts`; `joined`
    /// when the statement joins `joins`, else `record`, the alias of the matching record when the statement joins it
    /// (its month is then read from its own `modified`; without either, no boost for recency).
    func function(for expression: String, joined: Bool = false, record: String? = nil) throws -> String {
        var counts: [Int] = []
        for phrase in FTSPhrases.of(expression) {
            if let known = rows[phrase.expression] {
                counts.append(known)
                continue
            }
            let counted = try SampledBM25.phraseRows(phrase.expression, countable: phrase.countable, in: db)
            rows[phrase.expression] = counted
            counts.append(counted)
        }
        let w = SearchEngine.weights
        return SampledBM25.call(weights: [w.title, w.description, w.keywords, w.publisher], knownRows: counts, table: "records_fts",
                                length: joined ? "d.sz" : nil,
                                boost: (joined ? "m.month" : record.map { RecordMonths.of("\($0).modified") } ?? "NULL", now))
    }
}
