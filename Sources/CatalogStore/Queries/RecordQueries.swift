public import CatalogModel
import Merge
import GRDB
import Foundation

/// A record as stored, with its raw payload when kept and the other records of its cluster.
public struct StoredRecord: Sendable {
    public var record: CatalogRecord
    public var rawPayload: [UInt8]?
    public var rawMediaType: String?
    public var cluster: ClusterInfo?
}

/// The records that describe the same dataset as a record.
public struct ClusterInfo: Sendable, Hashable, Encodable {
    /// One published copy of the dataset.
    public struct Member: Sendable, Hashable, Encodable {
        public var id: String
        public var source: String
        public var url: String?
    }

    public var id: String
    public var canonicalID: String
    /// `high` when strong keys joined the records (identifiers, pages, downloads), `low` for title, publisher and date.
    public var confidence: String
    public var members: [Member]
    public static let rule = CanonicalRank.rule

    enum CodingKeys: String, CodingKey { case id, canonicalID = "canonical", confidence, members }
}

extension CatalogStore {
    /// The record with fedcat id `id` (`source/local-id`); else the one whose local id or any published
    /// identifier (a CKAN name, a DOI) equals `id`, when exactly one does.
    public func record(_ id: String) throws(StoreError) -> StoredRecord? {
        try read("reading record '\(id)'") { db in
            let select = """
                SELECT r.id, r.record_json, r.harvested_at, r.content_hash, w.payload, w.payload_hash, w.media_type, w.payload_codec
                FROM records r LEFT JOIN raw_records w ON w.source_id = r.source_id AND w.local_id = r.local_id
                """
            var row = try Row.fetchOne(db, sql: "\(select) WHERE r.id = ?", arguments: [id])
            if row == nil {
                let rows = try Row.fetchAll(db, sql: "\(select) WHERE r.local_id = ? LIMIT 2", arguments: [id])
                if rows.count == 1 { row = rows[0] }
            }
            if row == nil {
                let (source, name) = Self.splitID(id)
                let rows = try Row.fetchAll(db, sql: """
                    \(select) WHERE (? IS NULL OR r.source_id = ?) AND EXISTS (
                        SELECT 1 FROM json_each(fedcat_json(r.record_json), '$.identifiers') AS i WHERE json_extract(i.value, '$.value') = ?)
                    LIMIT 2
                    """, arguments: [source, source, name])
                if rows.count == 1 { row = rows[0] }
            }
            guard let row else { return nil }
            let record = try RecordCodec.decode(json: row[1], id: row[0], harvestedAt: row[2], contentHash: row[3], rawHash: row[5])
            let stored: Data? = row[4]
            var payload: [UInt8]?
            if let stored {
                guard let bytes = PayloadCodec.decode([UInt8](stored), codec: row[7]) else {
                    throw StoreError.corruptRecord(id: row[0], reason: "its raw payload could not be decompressed (codec '\(row[7] as String? ?? "none")')")
                }
                payload = bytes
            }
            var cluster: ClusterInfo?
            if let info = try Row.fetchOne(db, sql: """
                SELECT c.id, c.canonical_id, c.confidence FROM records r JOIN clusters c ON c.id = r.cluster_id WHERE r.id = ?
                """, arguments: [record.id]) {
                let members = try Row.fetchAll(db, sql: """
                    SELECT id, source_id, json_extract(fedcat_json(record_json), '$.provenance.originalURL') AS url FROM records
                    WHERE cluster_id = ? ORDER BY id
                    """, arguments: [info[0] as String]).map { ClusterInfo.Member(id: $0["id"], source: $0["source_id"], url: $0["url"]) }
                cluster = ClusterInfo(id: info[0], canonicalID: info[1], confidence: info[2], members: members)
            }
            return StoredRecord(record: record, rawPayload: payload, rawMediaType: row[6], cluster: cluster)
        }
    }

    private static func splitID(_ id: String) -> (String?, String) {
        guard let slash = id.firstIndex(of: "/") else { return (nil, id) }
        return (String(id[..<slash]), String(id[id.index(after: slash)...]))
    }
}
