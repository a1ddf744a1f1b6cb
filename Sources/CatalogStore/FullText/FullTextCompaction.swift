public import GRDB

/// Merges the full-text index's segments into one after harvests have added many.
///
/// FTS5 keeps an index as segments: each batch a harvest indexes becomes one (`FullTextBatch`), and FTS5's own
/// automerge folds them together only eight at a time (`Migrations.v14FullTextWriting`), so a first harvest of a
/// million records leaves a few dozen. Every
/// lookup of a word visits every segment (a search's snippets, candidates and ranking each look its words up again):
/// at 100,000 records, one segment instead of 20 took a search's median from 4.9 to 4.0 ms of CPU and three-word
/// queries from 7.7 to 4.0 ms. Merging is done in steps of bounded work (FTS5's `merge` command with a negative
/// page count, which merges segments of any level), each its own short transaction, so a harvest writing beside it
/// waits a fraction of a second at most, and a kill loses at most the step under way.
public enum FullTextCompaction {
    /// Above this many segments the index is merged.
    public static let defaultMaximum = 8
    /// The pages of work one step may do (16 KB each).
    static let stepPages = 1_000

    /// How many segments the index has now.
    public static func segments(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM records_fts_idx") ?? 0
    }
}

extension CatalogStore {
    /// Merges the full-text index into one segment when it has more than `maximum`; returns how many it had then, or
    /// nil when it was left as it was. `progress` hears the segments left after each step.
    @discardableResult
    public func compactFullTextIndex(above maximum: Int = FullTextCompaction.defaultMaximum,
                                     progress: ((Int) -> Void)? = nil) throws(StoreError) -> Int? {
        let before = try read("counting the full-text index's segments") { try FullTextCompaction.segments(in: $0) }
        guard before > maximum else { return nil }
        // Each step reports whether it merged anything (FTS5 changes rows when it does); a bound on the steps keeps a
        // misbehaving index from looping.
        for _ in 0..<100_000 {
            let (changed, left) = try write("merging the full-text index's segments") { db -> (Int, Int) in
                let start = db.totalChangesCount
                try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('merge', ?)", arguments: [-FullTextCompaction.stepPages])
                return (db.totalChangesCount - start, try FullTextCompaction.segments(in: db))
            }
            progress?(left)
            if changed < 2 || left <= 1 { break }
        }
        return before
    }
}
