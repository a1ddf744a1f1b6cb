import FeedParsing
import GRDB
import Merge

/// What a re-clustering reads, into a `ClusterGraph`: the records it starts from, every record a key links one of them
/// to, and every member of a cluster of several that any of them belonged to, until nothing new comes; with each of
/// their keys and all of that key's holders across the catalogue.
///
/// It reads by steps, one statement per kind of row for all the records of a step, and looks the keys up in hash order
/// (the order of `key_postings`). A walk of one record at a time (a statement for the record's keys, one per key for its
/// holders, a handful per cluster written) spent 5.5 s of the writer's CPU at the tenth source of the generated million,
/// most of it in the statements themselves rather than in the pages they read.
struct ClusterWalk {
    /// A record the re-clustering places, as it stands.
    struct Member {
        let seq: Int64
        let rank: CanonicalRank
        let clusterID: String?
        let clusterSeq: Int64?
        let rankKey: Int64
        var id: String { rank.id }
    }

    private struct Key: Hashable {
        let kind: String
        let value: String
    }

    private struct Held {
        let key: Key
        let strong: Bool
        let hash: Int64
        let source: String
    }

    private(set) var members: [Int64: Member] = [:]
    private(set) var graph = ClusterGraph()
    private var keysOf: [Int64: [Held]] = [:]
    private var resolved = Set<Key>()
    private var loadedClusters = Set<String>()
    private var pending: [Int64] = []
    /// The records the walk started from, whose keys may have changed.
    private var changed = Set<Int64>()

    /// Walks from the records `ids` and `seqs`, the members of `clusters` (clusters that lost records) and the records holding a
    /// key whose hash is in `formerKeys` (keys other records no longer hold).
    init(ids: [String], seqs: [Int64] = [], clusters: Set<String>, formerKeys: [Int64] = [], db: Database) throws {
        for chunk in ids.sorted().chunked(20_000) {
            try load(JSONWriter.string(.array(chunk.map { .string($0) })), by: "r.id", db: db)
        }
        for chunk in seqs.sorted().chunked(20_000) { try load(NumberList.json(chunk), by: "r.seq", db: db) }
        changed = Set(pending)
        try loadClusters(clusters, db: db)
        var holders = Set<Int64>()
        for chunk in Set(formerKeys).sorted().chunked(20_000) {
            holders.formUnion(try Int64.fetchAll(db, sql: """
                SELECT p.seq FROM json_each(?) h CROSS JOIN key_postings p ON \(KeyPostings.lookup("p", hash: "h.value"))
                """, arguments: [NumberList.json(chunk)]))
        }
        for chunk in holders.sorted().chunked(20_000) { try load(NumberList.json(chunk), by: "r.seq", db: db) }
        while !pending.isEmpty { try step(db) }
    }

    private mutating func step(_ db: Database) throws {
        let walking = pending
        pending = []
        // A member of a cluster of several brings the whole cluster: the rest of it must be placed again too, even
        // where no key links it any more.
        try loadClusters(Set(walking.compactMap { seq in members[seq].flatMap { $0.clusterSeq == nil ? nil : $0.clusterID } }), db: db)
        try loadKeys(walking, db: db)
        var open: [Int64: [Key]] = [:]
        for seq in walking {
            for held in keysOf[seq] ?? [] where !resolved.contains(held.key) { open[held.hash, default: []].append(held.key) }
        }
        // Keys two records of one source hold stay links to nothing until one of them drops the key (`key_saturated`).
        for chunk in open.keys.sorted().chunked(20_000) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.hash, s.kind, s.value FROM json_each(?) h CROSS JOIN key_saturated s ON s.hash = h.value
                """, arguments: [NumberList.json(chunk)])
            while let row = try rows.next() {
                let hash: Int64 = row[0]
                let key = Key(kind: row[1], value: row[2])
                resolved.insert(key)
                open[hash] = open[hash]?.filter { $0 != key }
                if open[hash]?.isEmpty == true { open[hash] = nil }
            }
        }
        guard !open.isEmpty else { return }
        var postings: [Int64: [Int64]] = [:]
        let hashes = open.keys.sorted()
        for chunk in hashes.chunked(20_000) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT h.value, p.seq FROM json_each(?) h CROSS JOIN key_postings p ON \(KeyPostings.lookup("p", hash: "h.value"))
                """, arguments: [NumberList.json(chunk)])
            while let row = try rows.next() { postings[row[0], default: []].append(row[1]) }
        }
        try loadKeys(Set(postings.values.joined()).sorted(), db: db)
        let saturate = try db.cachedStatement(sql: "INSERT OR IGNORE INTO key_saturated (hash, kind, value) VALUES (?, ?, ?)")
        var reached = Set<Int64>()
        for (hash, keys) in open {
            let seqs = Set(postings[hash] ?? [])
            for key in Set(keys) where resolved.insert(key).inserted {
                var holders: [ClusterGraph.Holder] = []
                var strong = true
                for seq in seqs.sorted() {
                    guard let held = keysOf[seq]?.first(where: { $0.key == key }) else { continue }
                    holders.append(ClusterGraph.Holder(seq: seq, source: held.source))
                    strong = strong && held.strong
                }
                // A key that links its holders brings them all. One that no longer does, because a record starting the
                // walk took it from another of its own source's records, may have held a cluster together: its other
                // holders are placed again.
                let linked: [ClusterGraph.Holder]
                if ClusterGraph.links(holders) {
                    graph.add(keyHeldBy: holders, strong: strong)
                    linked = holders
                } else {
                    if Set(holders.map(\.source)).count < holders.count { try saturate.execute(arguments: [hash, key.kind, key.value]) }
                    let before = holders.filter { !changed.contains($0.seq) }
                    linked = ClusterGraph.links(before) ? before : []
                }
                for holder in linked where members[holder.seq] == nil { reached.insert(holder.seq) }
            }
        }
        for chunk in reached.sorted().chunked(20_000) { try load(NumberList.json(chunk), by: "r.seq", db: db) }
    }

    /// Reads the records whose `column` is one of the JSON array `list` and queues the new ones to be walked.
    private mutating func load(_ list: String, by column: String, db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.seq, r.id, r.is_copy, r.completeness, r.modified, r.cluster_id, r.cluster_seq, r.rank_key
            FROM json_each(?) j CROSS JOIN records r ON \(column) = j.value
            """, arguments: [list])
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            guard members[seq] == nil else { continue }
            members[seq] = Member(seq: seq, rank: CanonicalRank(isCopy: row[2], completeness: row[3], modified: row[4] ?? "", id: row[1]),
                                  clusterID: row[5], clusterSeq: row[6], rankKey: row[7])
            graph.add(seq)
            pending.append(seq)
        }
    }

    private mutating func loadClusters(_ clusters: Set<String>, db: Database) throws {
        let new = clusters.subtracting(loadedClusters)
        loadedClusters.formUnion(new)
        for chunk in new.sorted().chunked(20_000) {
            try load(JSONWriter.string(.array(chunk.map { .string($0) })), by: "r.cluster_id", db: db)
        }
    }

    /// Reads the keys of the records `seqs` not read yet.
    private mutating func loadKeys(_ seqs: [Int64], db: Database) throws {
        let missing = seqs.filter { keysOf[$0] == nil }
        for seq in missing { keysOf[seq] = [] }
        for chunk in missing.chunked(20_000) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT k.seq, k.kind, k.value, k.strong, k.hash, k.source_id FROM json_each(?) j CROSS JOIN record_keys k ON k.seq = j.value
                """, arguments: [NumberList.json(chunk)])
            while let row = try rows.next() {
                keysOf[row[0], default: []].append(Held(key: Key(kind: row[1], value: row[2]), strong: row[3], hash: row[4], source: row[5]))
            }
        }
    }

}
