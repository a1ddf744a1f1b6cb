import CatalogModel
import GRDB
import Merge

/// Where match keys are looked up by value: `key_postings` (schema v19), 64-bit hashes of each key (its kind and
/// value, `hash(kind:value:)`) with the `seq` of the record holding it, in two levels. A streamed harvest adds its
/// records' keys to level 0, which stays small; every `mergeEvery` records level 0 is merged into level 1 in hash order
/// (a merge at the end of a run puts its keys into level 1 directly, in hash order). So each page of the large level is
/// rewritten once per merge, not once per transaction as an index of key values in no order was
/// (`record_keys_by_value` until v18: replaying the generated million's keys in batches of 4,000 records took 42.4 s
/// of CPU and wrote 35.5 GB with it, 13.9 s and 4.2 GB this way).
///
/// A posting is a candidate only: every lookup joins `record_keys` on the record's `seq` and the key's kind and value,
/// so a hash two keys share links nothing, and a posting whose key is gone (a record updated or withdrawn) finds
/// nothing. Removing keys removes their postings (`remove(keysWhere:)`); a posting left behind by a path that did not
/// would only cost a lookup.
enum KeyPostings {
    /// Keys two records of one source hold (schema v21), which link nothing for as long as both do: a walk passes them
    /// by without reading their holders. A portal whose every record gives its home page as landing page made each
    /// batch read every earlier record holding it: 100,000 such CKAN packages took 21.1 s of the writer's CPU instead
    /// of 13 s, and the walk before `ClusterWalk` 138 s at 30,000. A key goes from the table when any record drops it
    /// (`remove(keysWhere:)`), and the next walk that meets it looks again.
    static let saturatedTable = """
        CREATE TABLE IF NOT EXISTS key_saturated (
            hash INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (hash, kind, value)
        ) WITHOUT ROWID
        """

    /// Records whose keys level 0 holds before it is merged into level 1.
    static let mergeEvery = 200_000

    /// The condition on a posting `alias` for a key whose hash is `hash` (an SQL expression), both levels.
    static func lookup(_ alias: String, hash: String) -> String {
        "\(alias).level IN (0, 1) AND \(alias).hash = \(hash)"
    }

    /// XXH64 of the key's kind, a 0x1F byte and its value, as a signed 64-bit number (SQLite's integers).
    static func hash(kind: String, value: String) -> Int64 {
        var bytes = Array(kind.utf8)
        bytes.append(0x1F)
        bytes.append(contentsOf: value.utf8)
        return Int64(bitPattern: ContentHash.xxh64(bytes))
    }

    /// Adds `fedcat_key_hash(kind, value)` to `db` (the merge reads staged keys from JSON and hashes them in SQL).
    static func register(_ db: Database) {
        db.add(function: DatabaseFunction("fedcat_key_hash", argumentCount: 2, pure: true) { values in
            guard let kind = String.fromDatabaseValue(values[0]), let value = String.fromDatabaseValue(values[1]) else { return nil }
            return hash(kind: kind, value: value)
        })
    }

    /// Adds the postings of `keys` (hash and `seq`) to level 0 in hash order, counts `records` more records there, and
    /// merges level 0 into level 1 when it holds `mergeEvery` records.
    static func add(_ keys: [(hash: Int64, seq: Int64)], records: Int, mergeEvery: Int = mergeEvery, db: Database) throws {
        let insert = try RowInsert("INSERT OR IGNORE INTO key_postings (level, hash, seq) VALUES (0, ?, ?)", db: db)
        for key in keys.sorted(by: { ($0.hash, $0.seq) < ($1.hash, $1.seq) }) { try insert.run(.int(key.hash), .int(key.seq)) }
        try db.execute(sql: "UPDATE key_postings_state SET level0_records = level0_records + ?", arguments: [records])
        let held = try Int.fetchOne(db, sql: "SELECT level0_records FROM key_postings_state") ?? 0
        if held >= mergeEvery { try merge(db: db) }
    }

    /// The `seq`s of `keys` (postings a batch just added, of records above `above`) whose hash a record at or below
    /// `above` holds too: of a batch's new records, the only ones a key may link to an earlier one, or that may take a key
    /// up from one (hashes only: the walk that follows checks the keys themselves). One lookup per hash, in hash order.
    static func sharedWithEarlier(_ keys: [(hash: Int64, seq: Int64)], above: Int64, db: Database) throws -> [Int64] {
        var byHash: [Int64: [Int64]] = [:]
        for key in keys { byHash[key.hash, default: []].append(key.seq) }
        var shared = Set<Int64>()
        for chunk in byHash.keys.sorted().chunked(20_000) {
            let list = NumberList.json(chunk)
            for hash in try Int64.fetchAll(db, sql: """
                SELECT h.value FROM json_each(?) h WHERE EXISTS (SELECT 1 FROM key_postings p WHERE \(lookup("p", hash: "h.value")) AND p.seq <= ?)
                """, arguments: [list, above]) {
                shared.formUnion(byHash[hash] ?? [])
            }
        }
        return shared.sorted()
    }

    /// Moves level 0 into level 1 in hash order: one pass over level 0, which is already in that order. (Checking each
    /// posting against `record_keys` on the way, to leave stale ones behind, cost a random read per posting: at the
    /// tenth source of the generated million, the postings took 4.4 s of the writer's CPU with the check, 2.0 s without,
    /// 0.45 s of which the batches' own inserts; CPU timers in a scratch build.)
    static func merge(db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO key_postings (level, hash, seq) SELECT 1, hash, seq FROM key_postings WHERE level = 0 ORDER BY 2, 3;
            DELETE FROM key_postings WHERE level = 0;
            UPDATE key_postings_state SET level0_records = 0;
            """)
    }

    /// Removes the postings of the keys `condition` selects from `record_keys k` (before the keys themselves go);
    /// returns the keys' hashes, for `Clusters.update` to look at the records still holding them.
    @discardableResult
    static func remove(keysWhere condition: String, arguments: StatementArguments = [], db: Database) throws -> [Int64] {
        let hashes = try Int64.fetchAll(db, sql: "SELECT DISTINCT k.hash FROM record_keys k WHERE \(condition)", arguments: arguments)
        if !hashes.isEmpty {
            try db.execute(sql: "DELETE FROM key_saturated WHERE hash IN (SELECT value FROM json_each(?))",
                           arguments: [NumberList.json(hashes)])
        }
        try db.execute(sql: """
            DELETE FROM key_postings WHERE (level, hash, seq) IN (
                SELECT l.level, k.hash, k.seq FROM record_keys k, (SELECT 0 AS level UNION ALL SELECT 1) l WHERE \(condition))
            """, arguments: arguments)
        return hashes
    }
}
