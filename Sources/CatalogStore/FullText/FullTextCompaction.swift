public import GRDB

/// Merges the full-text index's segments after harvests have added many.
///
/// FTS5 keeps an index as segments: each batch a harvest indexes becomes one (`FullTextBatch`), and FTS5's own
/// automerge folds them together only eight at a time (`Migrations.v14FullTextWriting`), so a first harvest of a
/// million records leaves a few dozen. Every
/// lookup of a word visits every segment (a search's snippets, candidates and ranking each look its words up again):
/// at 100,000 records, one segment instead of 20 took a search's median from 4.9 to 4.0 ms of CPU and three-word
/// queries from 7.7 to 4.0 ms. Merging is done in steps of bounded work (FTS5's `merge` command: a positive page
/// count merges segments of one level, a negative one segments of any level), each its own short transaction, so a harvest writing beside it
/// waits a fraction of a second at most, and a kill loses at most the step under way.
public enum FullTextCompaction {
    /// Above this many segments the index is merged: segments of like size first, then everything if more remain.
    /// Each segment costs every search a lookup of its words: a million records in seven segments (the ten harvests
    /// of `make bench-million` with segments merged by size alone) took a search's median from 4.05 ms in one segment
    /// to 5.08 ms; in three, 4.81 ms.
    public static let defaultMaximum = 3
    /// The pages of work one step may do (16 KB each).
    static let stepPages = 1_000

    /// How many segments the index has now.
    public static func segments(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM records_fts_idx") ?? 0
    }
}

extension CatalogStore {
    /// Merges the full-text index's segments when it has more than `maximum`; returns how many it had then, or nil when
    /// it was left as it was. `progress` hears the segments left after each step.
    ///
    /// Segments of about the same size are merged first, two or more at a time (FTS5's `merge` with a positive page
    /// count and `usermerge` 2, which merges only segments on the same level): a harvest's new segments merge with each
    /// other and leave the large segment of the catalogue already there alone, unless they grow to its size. Merging
    /// everything into one (a negative page count) rewrote the whole index after every harvest: 11 s of a 60 s
    /// harvest of a tenth source of 100,000 into a catalogue of 900,000. Only when segments of different sizes still
    /// number more than `maximum` is the whole index merged.
    @discardableResult
    public func compactFullTextIndex(above maximum: Int = FullTextCompaction.defaultMaximum,
                                     progress: ((Int) -> Void)? = nil) throws(StoreError) -> Int? {
        let before = try read("counting the full-text index's segments") { try FullTextCompaction.segments(in: $0) }
        guard before > maximum else { return nil }
        try write("setting how the full-text index merges") { db in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('usermerge', 2)")
        }
        let left = try merge(pages: FullTextCompaction.stepPages, progress: progress)
        if left > maximum { _ = try merge(pages: -FullTextCompaction.stepPages, progress: progress) }
        return before
    }

    /// Runs FTS5's `merge` with `pages` until it merges nothing more; returns the segments left.
    private func merge(pages: Int, progress: ((Int) -> Void)?) throws(StoreError) -> Int {
        var left = Int.max
        // Each step reports whether it merged anything (FTS5 changes rows when it does); a bound on the steps keeps a
        // misbehaving index from looping.
        for _ in 0..<100_000 {
            let changed: Int
            (changed, left) = try write("merging the full-text index's segments") { db -> (Int, Int) in
                let start = db.totalChangesCount
                try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('merge', ?)", arguments: [pages])
                return (db.totalChangesCount - start, try FullTextCompaction.segments(in: db))
            }
            progress?(left)
            if changed < 2 || left <= 1 { break }
        }
        return left
    }
}
