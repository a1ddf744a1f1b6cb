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
            is_copy = excluded.is_copy, completeness = excluded.completeness, license_spdx = excluded.license_spdx,
            license_raw = excluded.license_raw, license_label = excluded.license_label, issued_iso = excluded.issued_iso
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
    static func streamIn(_ records: [StagedRecord], runID: Int64, sourceID: String,
                         at date: Date, db: Database) throws {
        let now = Timestamp.text(date)
        let stage = try RowInsert("INSERT OR IGNORE INTO run_staging (run_id, local_id, change, content_hash) VALUES (?, ?, ?, ?)", db: db)
        // A record not yet in the catalogue is inserted as it is: no conflict handling, so SQLite keeps no statement
        // journal for it. One already there (a run restarted over its own records) takes the batch's version.
        let insert = try RowInsert("""
            INSERT INTO records (id, source_id, local_id, title, description, keywords, publisher, modified, content_hash, record_json,
                harvested_at, first_run, last_changed_run, cluster_id, is_copy, completeness, license_spdx, license_raw, license_label,
                issued_iso)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, db: db)
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO records (id, source_id, local_id, title, description, keywords, publisher, modified, content_hash, record_json,
                harvested_at, first_run, last_changed_run, cluster_id, is_copy, completeness, license_spdx, license_raw, license_label,
                issued_iso)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            \(Self.recordUpsert)
            RETURNING seq
            """)
        let keepRaw = try RowInsert("""
            INSERT INTO raw_records (source_id, local_id, payload, payload_codec, payload_hash, media_type, page_url, fetched_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            \(Self.rawUpsert)
            """, db: db)
        // Rows with a seq above this were inserted by this batch; one at or below it was already there (updated).
        let newAbove = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM records") ?? 0
        // Records of the batch already in the catalogue (a run resumed over records it had written) are found when
        // their insert is refused as a duplicate: each leaves the full-text index then, while it still holds what was
        // indexed, takes the batch's version, and comes back with the batch's own records.
        var present: [Int64] = []
        var fresh = 0
        var replaced: [(seq: Int64, id: String)] = []
        var terms: [(seq: Int64, term: RecordTerms.Term)] = []
        var keys: [(seq: Int64, key: MatchKey)] = []
        try FullTextBatch.withoutTriggers(db) {
            for item in records {
                let encoded = item.change == .added || item.change == .updated ? item.encoded : nil
                let staged = try stage.run(.int(runID), .text(item.localID), .text(item.change.rawValue),
                                           .text(encoded?.contentHash))
                guard staged, let encoded else { continue }
                let id = sourceID + "/" + item.localID
                let seq: Int64
                let inserted = try insert.runUnlessDuplicate(
                    .text(id), .text(sourceID), .text(item.localID), .text(encoded.ftsTitle), .text(encoded.ftsDescription),
                    .text(encoded.ftsKeywords), .text(encoded.ftsPublisher), .text(encoded.modified),
                    .text(encoded.contentHash), encoded.json.rowValue, .text(now), .int(runID), .int(runID), .text(id),
                    .int(encoded.rank.isCopy ? 1 : 0), .int(Int64(encoded.rank.completeness)), .text(encoded.licenseSPDX),
                    .text(encoded.licenseRaw), .text(encoded.licenseLabel), .text(encoded.issuedISO))
                if inserted {
                    seq = db.lastInsertedRowID
                    fresh += 1
                } else {
                    guard let stored = try Int64.fetchOne(db, sql: "SELECT seq FROM records WHERE id = ?", arguments: [id]) else { continue }
                    try FullTextBatch.remove(seqs: [stored], db: db)
                    guard let updated = try Int64.fetchOne(upsert, arguments: [
                        id, sourceID, item.localID, encoded.ftsTitle, encoded.ftsDescription, encoded.ftsKeywords, encoded.ftsPublisher,
                        encoded.modified, encoded.contentHash, encoded.json.databaseValue, now, runID, runID, id,
                        encoded.rank.isCopy, encoded.rank.completeness, encoded.licenseSPDX, encoded.licenseRaw, encoded.licenseLabel,
                        encoded.issuedISO,
                    ]) else { continue }
                    seq = updated
                    present.append(seq)
                    replaced.append((seq, id))
                }
                for term in encoded.termRows { terms.append((seq, term)) }
                for key in encoded.keyRows { keys.append((seq, key)) }
                if let kept = item.kept {
                    try keepRaw.run(.text(sourceID), .text(item.localID), .blob(kept.bytes), .text(kept.codec),
                                    .text(kept.payloadHash), .text(kept.mediaType), .text(kept.pageURL), .text(now))
                }
            }
        }
        try FullTextBatch.add(above: newAbove, seqs: present, db: db)
        var formerKeys: [Int64] = []
        if !replaced.isEmpty {
            let seqs = NumberList.json(replaced.map(\.seq))
            try db.execute(sql: "DELETE FROM record_terms WHERE seq IN (SELECT value FROM json_each(?))", arguments: [seqs])
            formerKeys = try KeyPostings.remove(keysWhere: "k.seq IN (SELECT value FROM json_each(?))", arguments: [seqs], db: db)
            try db.execute(sql: "DELETE FROM record_keys WHERE seq IN (SELECT value FROM json_each(?))", arguments: [seqs])
        }
        // Terms and keys go in one row at a time, in the order of their table's key (the batch's records in order, each
        // record's terms sorted, as `RecordTerms.terms` gives them), so each insert lands next to the one before it.
        let addTerm = try RowInsert("INSERT OR IGNORE INTO record_terms (seq, field, value) VALUES (?, ?, ?)", db: db)
        for (seq, term) in terms { try addTerm.run(.int(seq), .text(term.field), .text(term.value)) }
        let addKey = try RowInsert("INSERT OR IGNORE INTO record_keys (seq, source_id, kind, value, strong, hash) VALUES (?, ?, ?, ?, ?, ?)", db: db)
        keys.sort { ($0.seq, $0.key.kind, $0.key.value) < ($1.seq, $1.key.kind, $1.key.value) }
        var postings: [(hash: Int64, seq: Int64)] = []
        postings.reserveCapacity(keys.count)
        for (seq, key) in keys {
            let hash = KeyPostings.hash(kind: key.kind, value: key.value)
            if try addKey.run(.int(seq), .text(sourceID), .text(key.kind), .text(key.value), .int(key.strong ? 1 : 0), .int(hash)) {
                postings.append((hash, seq))
            }
        }
        try KeyPostings.add(postings, records: fresh + replaced.count, db: db)
        // New records stand alone unless one of their keys was there before.
        let linked = try KeyPostings.sharedWithEarlier(postings.filter { $0.seq > newAbove }, above: newAbove, db: db)
        try Clusters.update(affected: replaced.map(\.id), seqs: linked, removedClusters: [], formerKeys: formerKeys, db: db)
    }
}
