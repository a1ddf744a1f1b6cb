import CatalogModel
import GRDB

extension CatalogStore {
    /// The records with these fedcat ids, in the order asked (ids not found are left out), each with its cluster's
    /// members; one read for the whole page (the server's package_search and HTML pages).
    public func records(_ ids: [String]) throws(StoreError) -> [StoredRecord] {
        guard !ids.isEmpty else { return [] }
        return try read("reading \(ids.count) records") { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.record_json, r.harvested_at, r.content_hash, r.cluster_id, c.canonical_id, c.confidence
                FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.id IN (\(marks))
                """, arguments: StatementArguments(ids))
            let clusterIDs = Array(Set(rows.compactMap { $0["canonical_id"] != nil ? $0["cluster_id"] as String? : nil }))
            var members: [String: [ClusterInfo.Member]] = [:]
            if !clusterIDs.isEmpty {
                let clusterMarks = Array(repeating: "?", count: clusterIDs.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: """
                    SELECT cluster_id, id, source_id, json_extract(fedcat_json(record_json), '$.provenance.originalURL') AS url FROM records
                    WHERE cluster_id IN (\(clusterMarks)) ORDER BY id
                    """, arguments: StatementArguments(clusterIDs)) {
                    members[row["cluster_id"], default: []].append(ClusterInfo.Member(id: row["id"], source: row["source_id"], url: row["url"]))
                }
            }
            var byID: [String: StoredRecord] = [:]
            for row in rows {
                let id: String = row["id"]
                let record = try RecordCodec.decode(json: row["record_json"], id: id, harvestedAt: row["harvested_at"],
                                                    contentHash: row["content_hash"], rawHash: nil)
                var cluster: ClusterInfo?
                if let canonical: String = row["canonical_id"], let clusterID: String = row["cluster_id"] {
                    cluster = ClusterInfo(id: clusterID, canonicalID: canonical, confidence: row["confidence"], members: members[clusterID] ?? [])
                }
                byID[id] = StoredRecord(record: record, rawPayload: nil, rawMediaType: nil, cluster: cluster)
            }
            return ids.compactMap { byID[$0] }
        }
    }
}
