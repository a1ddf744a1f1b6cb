import FeedParsing
import GRDB
import Merge

/// Groups records from different sources that describe the same dataset, incrementally: a run re-clusters
/// only the records it changed or removed and the clusters they belonged to. Deterministic: a cluster's id
/// is its smallest record id and its canonical record follows `CanonicalRank`.
enum Clusters {
    /// Re-clusters around `affected` (records added or updated), `fresh` (records just inserted, which stand alone in
    /// no cluster yet: only those sharing a match key with another record are looked at) and `removedClusters`
    /// (clusters that lost records). Runs with the connection's triggers off and moves the full-text entries of the
    /// records whose rank changed in two statements at the end (see `FullTextBatch`), instead of one segment written per
    /// cluster.
    static func update(affected: [String], fresh: [String] = [], removedClusters: Set<String>, db: Database) throws {
        var moves = FullTextBatch.Moves()
        try FullTextBatch.withoutTriggers(db) {
            try regroup(affected: affected, fresh: fresh, removedClusters: removedClusters, moves: &moves, db: db)
        }
        try moves.apply(db: db)
    }

    private static func regroup(affected: [String], fresh: [String], removedClusters: Set<String>, moves: inout FullTextBatch.Moves,
                                db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS cluster_seeds (id TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.cluster_seeds")
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.cluster_seeds (id) VALUES (?)")
        for id in affected { try insert.execute(arguments: [id]) }
        // A key links records only when another source's record holds it too (see the walk below: a key two records of
        // one source share is passed over), so a new record whose keys only its own portal repeats (a home page, an
        // identifier given twice) stands alone without being walked.
        if !fresh.isEmpty {
            let list = JSONWriter.string(.array(fresh.map { .string($0) }))
            for id in try String.fetchAll(db, sql: """
                SELECT DISTINCT r.id FROM json_each(?) j CROSS JOIN records r ON r.id = j.value CROSS JOIN record_keys k ON k.seq = r.seq
                WHERE EXISTS (SELECT 1 FROM key_postings p CROSS JOIN record_keys o ON o.seq = p.seq AND o.kind = k.kind AND o.value = k.value
                    WHERE \(KeyPostings.lookup("p", hash: "k.hash")) AND o.source_id != k.source_id)
                """, arguments: [list]) {
                try insert.execute(arguments: [id])
            }
        }
        // Clusters of several records that lost or changed a member are re-formed from all their members. The seeds are
        // read first (CROSS JOIN): without statistics SQLite chose to scan every record by `records_by_cluster`, which
        // at 100,000 records took 5 s of a first harvest's 25 transactions.
        var oldClusters = removedClusters
        oldClusters.formUnion(try String.fetchAll(db, sql: """
            SELECT DISTINCT r.cluster_id FROM temp.cluster_seeds s CROSS JOIN records r ON r.id = s.id JOIN clusters c ON c.id = r.cluster_id
            """))
        for cluster in oldClusters {
            for id in try String.fetchAll(db, sql: "SELECT id FROM records WHERE cluster_id = ?", arguments: [cluster]) {
                try insert.execute(arguments: [id])
            }
        }
        // Only records sharing a key with another source's record can join a cluster; the rest stand alone, in one
        // statement.
        let seeds = Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT s.id FROM temp.cluster_seeds s CROSS JOIN records r ON r.id = s.id CROSS JOIN record_keys k ON k.seq = r.seq
            WHERE EXISTS (SELECT 1 FROM key_postings p CROSS JOIN record_keys o ON o.seq = p.seq AND o.kind = k.kind AND o.value = k.value
                    WHERE \(KeyPostings.lookup("p", hash: "k.hash")) AND o.source_id != k.source_id)
            """))
        try db.execute(sql: "DELETE FROM clusters WHERE id IN (SELECT id FROM temp.cluster_seeds)")
        try moves.note("id IN (SELECT id FROM temp.cluster_seeds) AND cluster_seq IS NOT NULL", db: db)
        try db.execute(sql: """
            UPDATE records SET cluster_id = id, cluster_seq = NULL WHERE id IN (SELECT id FROM temp.cluster_seeds)
            AND (cluster_id IS NOT id OR cluster_seq IS NOT NULL)
            """)
        var done = Set<String>()
        let keysOf = try db.makeStatement(sql: "SELECT k.kind, k.value, k.strong, k.hash FROM records r CROSS JOIN record_keys k ON k.seq = r.seq WHERE r.id = ?")
        // The records holding a key: its postings in both levels, each checked against the key itself (DISTINCT: a
        // record's posting may be in both levels).
        let holders = try db.makeStatement(sql: """
            SELECT DISTINCT r.id AS record_id, k.source_id FROM key_postings p
            CROSS JOIN record_keys k ON k.seq = p.seq AND k.kind = ? AND k.value = ? CROSS JOIN records r ON r.seq = k.seq
            WHERE \(KeyPostings.lookup("p", hash: "?"))
            """)
        for seed in seeds.sorted() where !done.contains(seed) {
            var component: Set<String> = [seed]
            var queue = [seed]
            var weak = false
            while let id = queue.popLast() {
                for key in try Row.fetchAll(keysOf, arguments: [id]) {
                    let found = try Row.fetchAll(holders, arguments: [key["kind"] as String, key["value"] as String, key["hash"] as Int64])
                    let perSource = Dictionary(grouping: found, by: { $0["source_id"] as String })
                    // A key shared by two records of one source does not tell datasets apart (a portal's home page).
                    guard perSource.values.allSatisfy({ $0.count == 1 }) else { continue }
                    for row in found {
                        let other: String = row["record_id"]
                        if component.insert(other).inserted {
                            queue.append(other)
                            if !(key["strong"] as Bool) { weak = true }
                        }
                    }
                }
            }
            done.formUnion(component)
            try assign(component, weak: weak, previous: oldClusters, moves: &moves, db: db)
        }
    }

    /// Writes one cluster: every member points at it, and `clusters` lists it when it has several members.
    private static func assign(_ members: Set<String>, weak: Bool, previous: Set<String>, moves: inout FullTextBatch.Moves,
                               db: Database) throws {
        let ids = members.sorted()
        let clusterID = ids[0]
        var ranks: [CanonicalRank] = []
        for chunk in ids.chunked(500) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            ranks += try Row.fetchAll(db, sql: "SELECT id, is_copy, completeness, modified FROM records WHERE id IN (\(marks))",
                                      arguments: StatementArguments(chunk)).map {
                CanonicalRank(isCopy: $0["is_copy"], completeness: $0["completeness"], modified: $0["modified"] ?? "", id: $0["id"])
            }
        }
        guard let canonical = ranks.min() else { return }
        // The records of a cluster of several share `cluster_seq` (its smallest seq), which places them together in the
        // full-text index (`StaticRank`); a record standing alone has none. Set only where it changes: the index moves
        // the record.
        var clusterSeq: Int64?
        if ids.count > 1 {
            for chunk in ids.chunked(500) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                let least = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM records WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
                if let least { clusterSeq = min(clusterSeq ?? least, least) }
            }
        }
        for chunk in ids.chunked(500) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            try db.execute(sql: "UPDATE records SET cluster_id = ? WHERE id IN (\(marks))", arguments: StatementArguments([clusterID] + chunk))
            let values: [(any DatabaseValueConvertible)?] = [clusterSeq] + chunk.map { $0 } + [clusterSeq]
            try moves.note("id IN (\(marks)) AND cluster_seq IS NOT ?", arguments: StatementArguments(Array(values.dropFirst())), db: db)
            try db.execute(sql: "UPDATE records SET cluster_seq = ? WHERE id IN (\(marks)) AND cluster_seq IS NOT ?",
                           arguments: StatementArguments(values))
            try db.execute(sql: "DELETE FROM clusters WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
        }
        if ids.count > 1 {
            try db.execute(sql: "INSERT OR REPLACE INTO clusters (id, canonical_id, size, confidence) VALUES (?, ?, ?, ?)",
                           arguments: [clusterID, canonical.id, ids.count, weak ? "low" : "high"])
        }
    }
}

extension CatalogStore {
    /// Replaces the match keys and search terms of the records a run added or updated with the ones staged with
    /// them, each inserted by one statement in index order (SQLite sorts, spilling to temporary files when large,
    /// so a big merge writes each index page once instead of missing the cache on every row); returns their ids.
    /// A `bulk` merge (most of the catalogue) also drops the two by-value indexes first and builds them again after.
    static func replaceKeysAndTerms(runID: Int64, sourceID: String, bulk: Bool, db: Database) throws -> [String] {
        let arguments: StatementArguments = ["source": sourceID, "run": runID]
        let merged = "run_staging s NOT INDEXED JOIN records r ON r.id = :source || '/' || s.local_id"
        let changed = "s.run_id = :run AND s.change IN ('added', 'updated') AND s.record_json IS NOT NULL"
        if bulk { try db.execute(sql: "DROP INDEX record_terms_by_value") }
        let changedSeqs = "k.seq IN (SELECT r.seq FROM \(merged) WHERE \(changed))"
        try KeyPostings.remove(keysWhere: changedSeqs, arguments: arguments, db: db)
        try db.execute(sql: "DELETE FROM record_keys AS k WHERE \(changedSeqs)", arguments: arguments)
        try db.execute(sql: """
            INSERT OR IGNORE INTO record_keys (seq, source_id, kind, value, strong, hash)
            SELECT r.seq, :source, k.value ->> 0, k.value ->> 2, k.value ->> 1, fedcat_key_hash(k.value ->> 0, k.value ->> 2)
            FROM \(merged), json_each(s.match_keys) k WHERE \(changed) AND json_valid(s.match_keys)
            ORDER BY 1, 3, 4
            """, arguments: arguments)
        // The merged keys' postings, in hash order, straight into level 1 (a merge is already one pass).
        try db.execute(sql: """
            INSERT OR IGNORE INTO key_postings (level, hash, seq) SELECT 1, k.hash, k.seq FROM record_keys k WHERE \(changedSeqs) ORDER BY 2, 3
            """, arguments: arguments)
        try db.execute(sql: "DELETE FROM record_terms WHERE seq IN (SELECT r.seq FROM \(merged) WHERE \(changed) AND s.change = 'updated')",
                       arguments: arguments)
        try db.execute(sql: """
            INSERT OR IGNORE INTO record_terms (seq, field, value)
            SELECT r.seq, t.value ->> 0, t.value ->> 1 FROM \(merged), json_each(s.terms) t WHERE \(changed) AND json_valid(s.terms)
            ORDER BY 1, 2, 3
            """, arguments: arguments)
        if bulk { try db.execute(sql: Migrations.filteredTermsByValue) }
        return try String.fetchAll(db, sql: """
            SELECT :source || '/' || local_id FROM run_staging INDEXED BY run_staging_by_change WHERE run_id = :run AND change IN ('added', 'updated')
            """, arguments: arguments)
    }
}

extension Array {
    /// The array in slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
