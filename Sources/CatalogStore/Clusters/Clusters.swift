import FeedParsing
import GRDB
import Merge

/// Groups records from different sources that describe the same dataset, incrementally: a run re-clusters
/// only the records it changed or removed and the clusters they belonged to. Deterministic: clusters are the connected
/// components of the links match keys make (`ClusterGraph`), a cluster's id is its smallest record id and its
/// canonical record follows `CanonicalRank`.
enum Clusters {
    /// Re-clusters around `affected` (records added or updated; `seqs`, more of them by `seq`), `removedClusters` (clusters that lost records) and the
    /// records still holding `formerKeys` (hashes of keys records no longer hold: a key that two records of one source
    /// shared links the others once one of them drops it): reads them and everything linked to them (`ClusterWalk`),
    /// then writes the records whose cluster changed. Runs
    /// with the connection's triggers off and moves the full-text entries of the records whose rank changed in two
    /// statements at the end (see `FullTextBatch`), instead of one segment written per cluster.
    ///
    /// Walks from `slice` records (and `slice` former keys) at a time, so that a merge or a purge of a whole source
    /// holds the keys of a slice and what they link to in memory, not the source's. Each walk places everything it reaches as a clustering from scratch would,
    /// so a cluster two slices reach is written the same twice.
    static func update(affected: [String], seqs: [Int64] = [], removedClusters: Set<String>, formerKeys: [Int64] = [],
                       slice: Int = 20_000, db: Database) throws {
        var ids = affected[...], more = seqs[...], former = formerKeys[...]
        var first = true
        repeat {
            let someIDs = ids.prefix(slice), someSeqs = more.prefix(slice - someIDs.count), someFormer = former.prefix(slice)
            ids = ids.dropFirst(someIDs.count)
            more = more.dropFirst(someSeqs.count)
            former = former.dropFirst(someFormer.count)
            var moves = FullTextBatch.Moves()
            try FullTextBatch.withoutTriggers(db) {
                let walk = try ClusterWalk(ids: Array(someIDs), seqs: Array(someSeqs), clusters: first ? removedClusters : [],
                                           formerKeys: Array(someFormer), db: db)
                try write(walk, removedClusters: first ? removedClusters : [], moves: &moves, db: db)
            }
            try moves.apply(db: db)
            first = false
        } while !ids.isEmpty || !more.isEmpty || !former.isEmpty
    }

    /// Forms every cluster again from the match keys (schema v21): walks from the records `slice` at a time, in `seq`
    /// order, and drops the `clusters` rows no record points at. A catalogue clustered before v21 could hold clusters a
    /// clustering from scratch would not: a key that a later record of the same source took up went on holding its
    /// cluster together, and a key that became a link when a record dropped it linked nothing.
    static func reformAll(slice: Int = 20_000, db: Database) throws {
        try db.execute(sql: "DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM records WHERE cluster_id IS NOT NULL)")
        var after: Int64 = 0
        while true {
            let some = try Row.fetchAll(db, sql: "SELECT seq, id FROM records WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [after, slice])
            guard let last = some.last else { return }
            after = last["seq"]
            try update(affected: some.map { $0["id"] }, removedClusters: [], slice: slice, db: db)
        }
    }

    /// Points every member of the walk whose cluster changed at its new one, and replaces the `clusters` rows of the
    /// clusters the walk touched. The records of a cluster of several share `cluster_seq` (its smallest seq), which
    /// places them together in the full-text index (`StaticRank`); a record standing alone has none, and one whose
    /// `cluster_seq` changes is noted in `moves`, to move in the index.
    private static func write(_ walk: ClusterWalk, removedClusters: Set<String>, moves: inout FullTextBatch.Moves, db: Database) throws {
        var stale = removedClusters
        for member in walk.members.values {
            stale.insert(member.id)
            if let cluster = member.clusterID { stale.insert(cluster) }
        }
        let dropCluster = try db.cachedStatement(sql: "DELETE FROM clusters WHERE id = ?")
        for id in stale.sorted() { try dropCluster.execute(arguments: [id]) }
        let place = try db.cachedStatement(sql: "UPDATE records SET cluster_id = ?, cluster_seq = ? WHERE seq = ?")
        let addCluster = try db.cachedStatement(sql: "INSERT INTO clusters (id, canonical_id, size, confidence) VALUES (?, ?, ?, ?)")
        for component in walk.graph.components() {
            let members = component.members.compactMap { walk.members[$0] }
            guard let clusterID = members.map(\.id).min(), let canonical = members.map(\.rank).min() else { continue }
            let clusterSeq = members.count > 1 ? component.members[0] : nil
            for member in members where member.clusterID != clusterID || member.clusterSeq != clusterSeq {
                if member.clusterSeq != clusterSeq { moves.note(seq: member.seq, rankKey: member.rankKey) }
                try place.execute(arguments: [clusterID, clusterSeq, member.seq])
            }
            if members.count > 1 {
                try addCluster.execute(arguments: [clusterID, canonical.id, members.count, component.strong ? "high" : "low"])
            }
        }
    }
}

extension CatalogStore {
    /// Replaces the match keys and search terms of the records a run added or updated with the ones staged with
    /// them, each inserted by one statement in index order (SQLite sorts, spilling to temporary files when large,
    /// so a big merge writes each index page once instead of missing the cache on every row); returns their ids and the
    /// hashes of the keys they held before.
    /// A `bulk` merge (most of the catalogue) also drops the two by-value indexes first and builds them again after.
    static func replaceKeysAndTerms(runID: Int64, sourceID: String, bulk: Bool, db: Database) throws -> (ids: [String], formerKeys: [Int64]) {
        let arguments: StatementArguments = ["source": sourceID, "run": runID]
        let merged = "run_staging s NOT INDEXED JOIN records r ON r.id = :source || '/' || s.local_id"
        let changed = "s.run_id = :run AND s.change IN ('added', 'updated') AND s.record_json IS NOT NULL"
        if bulk { try db.execute(sql: "DROP INDEX record_terms_by_value") }
        let changedSeqs = "k.seq IN (SELECT r.seq FROM \(merged) WHERE \(changed))"
        let formerKeys = try KeyPostings.remove(keysWhere: changedSeqs, arguments: arguments, db: db)
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
        let ids = try String.fetchAll(db, sql: """
            SELECT :source || '/' || local_id FROM run_staging INDEXED BY run_staging_by_change WHERE run_id = :run AND change IN ('added', 'updated')
            """, arguments: arguments)
        return (ids, formerKeys)
    }
}

extension Array {
    /// The array in slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
