import CatalogModel
import Foundation
import GRDB
import Merge

extension CatalogStore {
    /// What a record already in the catalogue takes from a newer version (the merge and streamed runs alike).
    static let recordUpsert = """
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description,
            keywords = excluded.keywords, publisher = excluded.publisher, modified = excluded.modified,
            content_hash = excluded.content_hash, record_json = excluded.record_json,
            harvested_at = excluded.harvested_at, last_changed_run = excluded.last_changed_run,
            is_copy = excluded.is_copy, completeness = excluded.completeness
        """

    /// What a kept raw payload takes from a newer fetch.
    static let rawUpsert = """
        ON CONFLICT(source_id, local_id) DO UPDATE SET payload = excluded.payload, payload_codec = excluded.payload_codec,
            payload_hash = excluded.payload_hash, media_type = excluded.media_type, page_url = excluded.page_url,
            fetched_at = excluded.fetched_at
        """

    /// Writes one batch of a streamed run (a source's first harvest, `RunStart.direct`) into the catalogue: each
    /// added record with its full-text entry (by trigger), terms, match keys and raw payload, then the clusters the
    /// batch touches, all in the batch's transaction; the staged row keeps only what the end of the run counts. A
    /// record the run already staged (listed twice, or staged before a resume) keeps its first version.
    static func streamIn(_ records: [StagedRecord], payloads: [(bytes: [UInt8], codec: String?)?], runID: Int64, sourceID: String,
                         at date: Date, db: Database) throws {
        let now = Timestamp.text(date)
        let stage = try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_staging (run_id, local_id, change, content_hash) VALUES (?, ?, ?, ?)")
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO records (id, source_id, local_id, title, description, keywords, publisher, modified, content_hash, record_json,
                harvested_at, first_run, last_changed_run, cluster_id, is_copy, completeness)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            \(Self.recordUpsert)
            RETURNING seq
            """)
        let deleteTerms = try db.cachedStatement(sql: "DELETE FROM record_terms WHERE seq = ?")
        let insertTerm = try db.cachedStatement(sql: "INSERT OR IGNORE INTO record_terms (seq, field, value) VALUES (?, ?, ?)")
        let deleteKeys = try db.cachedStatement(sql: "DELETE FROM record_keys WHERE record_id = ?")
        let insertKey = try db.cachedStatement(sql: "INSERT OR IGNORE INTO record_keys (record_id, source_id, kind, value, strong) VALUES (?, ?, ?, ?, ?)")
        let keepRaw = try db.cachedStatement(sql: """
            INSERT INTO raw_records (source_id, local_id, payload, payload_codec, payload_hash, media_type, page_url, fetched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            \(Self.rawUpsert)
            """)
        var affected: [String] = []
        for (item, payload) in zip(records, payloads) {
            let encoded = item.change == .added || item.change == .updated ? item.encoded : nil
            try stage.execute(arguments: [runID, item.localID, item.change.rawValue, encoded?.contentHash])
            guard db.changesCount > 0, let encoded else { continue }
            let id = sourceID + "/" + item.localID
            guard let seq = try Int64.fetchOne(upsert, arguments: [
                id, sourceID, item.localID, encoded.ftsTitle, encoded.ftsDescription, encoded.ftsKeywords, encoded.ftsPublisher,
                encoded.record.modified?.display, encoded.contentHash, encoded.json, now, runID, runID, id,
                encoded.rank.isCopy, encoded.rank.completeness,
            ]) else { continue }
            try deleteTerms.execute(arguments: [seq])
            for term in encoded.termRows { try insertTerm.execute(arguments: [seq, term.field, term.value]) }
            try deleteKeys.execute(arguments: [id])
            for key in encoded.keyRows { try insertKey.execute(arguments: [id, sourceID, key.kind, key.value, key.strong]) }
            if let payload, let raw = item.raw {
                try keepRaw.execute(arguments: [sourceID, item.localID, Data(payload.bytes), payload.codec, raw.payloadHash, raw.mediaType,
                                                raw.pageURL, now])
            }
            affected.append(id)
        }
        try Clusters.update(affected: affected, removedClusters: [], db: db)
    }
}
