import CatalogModel
import FeedParsing
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
    /// added record and its raw payload, then the batch's full-text entries, terms and match keys (one statement each,
    /// in index order, see `FullTextBatch`), then the clusters the batch touches, all in the batch's transaction; the staged
    /// row keeps only what the end of the run counts. A record the run already staged (listed twice, or staged before
    /// a resume) keeps its first version.
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
        let keepRaw = try db.cachedStatement(sql: """
            INSERT INTO raw_records (source_id, local_id, payload, payload_codec, payload_hash, media_type, page_url, fetched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            \(Self.rawUpsert)
            """)
        // Rows with a seq above this were inserted by this batch; one at or below it was already there (updated).
        let newAbove = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM records") ?? 0
        // Records of the batch already in the catalogue (a run restarted over its own records) leave the full-text
        // index now, while they still hold what it indexed, and come back with the batch's own records.
        let present = try Int64.fetchAll(db, sql: "SELECT seq FROM records WHERE id IN (SELECT value FROM json_each(?))",
                                         arguments: [JSONWriter.string(.array(records.map { .string(sourceID + "/" + $0.localID) }))])
        try FullTextBatch.remove(seqs: present, db: db)
        var fresh: [String] = []
        var replaced: [(seq: Int64, id: String)] = []
        var terms: [JSONValue] = []
        var keys: [JSONValue] = []
        try FullTextBatch.withoutTriggers(db) {
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
                if seq <= newAbove { replaced.append((seq, id)) } else { fresh.append(id) }
                let number = JSONValue.number(JSONNumber(seq))
                for term in encoded.termRows { terms.append(.array([number, .string(term.field), .string(term.value)])) }
                for key in encoded.keyRows {
                    keys.append(.array([.string(id), .string(key.kind), .string(key.value), .number(JSONNumber(key.strong ? 1 : 0))]))
                }
                if let payload, let raw = item.raw {
                    try keepRaw.execute(arguments: [sourceID, item.localID, Data(payload.bytes), payload.codec, raw.payloadHash, raw.mediaType,
                                                    raw.pageURL, now])
                }
            }
        }
        try FullTextBatch.add(above: newAbove, seqs: present, db: db)
        if !replaced.isEmpty {
            try db.execute(sql: "DELETE FROM record_terms WHERE seq IN (SELECT value FROM json_each(?))",
                           arguments: [JSONWriter.string(.array(replaced.map { .number(JSONNumber($0.seq)) }))])
            try db.execute(sql: "DELETE FROM record_keys WHERE record_id IN (SELECT value FROM json_each(?))",
                           arguments: [JSONWriter.string(.array(replaced.map { .string($0.id) }))])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO record_terms (seq, field, value)
            SELECT t.value ->> 0, t.value ->> 1, t.value ->> 2 FROM json_each(?) t ORDER BY 1, 2, 3
            """, arguments: [JSONWriter.string(.array(terms))])
        try db.execute(sql: """
            INSERT OR IGNORE INTO record_keys (record_id, source_id, kind, value, strong)
            SELECT k.value ->> 0, ?, k.value ->> 1, k.value ->> 2, k.value ->> 3 FROM json_each(?) k ORDER BY 1, 3, 4
            """, arguments: [sourceID, JSONWriter.string(.array(keys))])
        try Clusters.update(affected: replaced.map(\.id), fresh: fresh, removedClusters: [], db: db)
    }
}
