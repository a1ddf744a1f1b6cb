public import CatalogModel
public import Merge
public import Foundation
import FeedParsing
public import GRDB

/// A record ready to store: its JSON, its content hash, and the text the full-text index gets.
/// Built off the writer's thread so that the writer only writes. It keeps the row's values, not the record itself:
/// thousands wait in the harvest's queue and batch, and the record would double what each of them holds.
public struct EncodedRecord: Sendable {
    /// The `modified` column: the record's modification date as displayed.
    public var modified: String?
    /// The record's JSON as stored (compressed, see `StoredRecordJSON`), with harvest time and hashes left out (they have
    /// their own columns). Compressed here, on the harvester's thread: the writer only writes it.
    public var json: StoredRecordJSON
    /// Hash of the JSON: equal hashes mean an unchanged record.
    public var contentHash: String
    public var ftsTitle: String
    public var ftsDescription: String?
    public var ftsKeywords: String?
    public var ftsPublisher: String?
    /// The columns the `license:` and `issued:` filters and the licence facet read (schema v17).
    var licenseSPDX: String?
    var licenseRaw: String?
    var licenseLabel: String?
    var issuedISO: String?
    /// What the record can be matched by, and its `record_terms` rows.
    var keyRows: [MatchKey]
    var termRows: [RecordTerms.Term]
    public var rank: CanonicalRank

    /// A record's JSON as stored (less harvest time and hashes) and its content hash: all a harvest needs to tell an
    /// unchanged record, before it encodes the rest (match keys, terms, compression) for the changed ones only.
    public struct Content: Sendable {
        /// The JSON, uncompressed.
        public let bytes: [UInt8]
        public let hash: String

        public init(_ record: CatalogRecord) {
            var stable = record
            stable.provenance.harvestedAt = Date(timeIntervalSince1970: 0)
            stable.provenance.contentHash = ""
            stable.provenance.rawHash = ""
            bytes = RecordJSON.encode(stable)
            hash = ContentHash.hex(bytes)
        }
    }

    /// `dictionary` is the source's, when it has one (`CompressionDictionary`); `content`, the record's, when worked
    /// out already.
    public init(_ record: CatalogRecord, content: Content? = nil, dictionary: CompressionDictionary? = nil) {
        let content = content ?? Content(record)
        json = StoredRecordJSON(utf8: content.bytes, dictionary: dictionary)
        contentHash = content.hash
        modified = record.modified?.display
        ftsTitle = Self.joined(record.title)
        ftsDescription = record.description.map(Self.joined)
        let words = record.keywords + record.themes.compactMap { $0.label }
        ftsKeywords = words.isEmpty ? nil : words.joined(separator: " ; ")
        ftsPublisher = record.publisher?.name
        licenseSPDX = record.license?.spdx
        licenseRaw = record.license?.raw
        licenseLabel = record.license?.label
        issuedISO = record.issued?.iso
        keyRows = MatchKeys.keys(for: record)
        termRows = RecordTerms.terms(of: record)
        rank = CanonicalRank(record)
    }

    /// The match keys as staged until the merge: a JSON array of `[kind, strong (1 or 0), value]`. Only staged runs
    /// need it, so it is written when they stage, not for every record.
    public var matchKeys: String {
        let keys = keyRows.map { JSONValue.array([.string($0.kind), .number(JSONNumber($0.strong ? 1 : 0)), .string($0.value)]) }
        return String(decoding: JSONWriter.write(.array(keys)), as: UTF8.self)
    }

    /// The `record_terms` rows as staged until the merge: a JSON array of `[field, value]` pairs.
    public var terms: String { RecordTerms.json(termRows) }

    /// The text and its distinct language variants, for indexing.
    private static func joined(_ text: LocalizedText) -> String {
        var parts = [text.value]
        for key in text.variants.keys.sorted() {
            if let variant = text.variants[key], !parts.contains(variant) { parts.append(variant) }
        }
        return parts.joined(separator: "\n")
    }
}

/// How records are written to and read from the `record_json` column.
public enum RecordCodec {
    /// Reads a stored record back (a `record_json` value, see `StoredRecordJSON`) and restores its provenance columns.
    public static func decode(json: DatabaseValue, id: String, harvestedAt: String, contentHash: String, rawHash: String?) throws(StoreError) -> CatalogRecord {
        guard let stored = StoredRecordJSON(json) else { throw .corruptRecord(id: id, reason: "its JSON column holds \(json), not text or a compressed BLOB") }
        guard let bytes = stored.utf8() else { throw .corruptRecord(id: id, reason: "its compressed JSON does not decompress (a damaged row)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            var record = try decoder.decode(CatalogRecord.self, from: Data(bytes))
            record.provenance.harvestedAt = Timestamp.date(harvestedAt) ?? record.provenance.harvestedAt
            record.provenance.contentHash = contentHash
            record.provenance.rawHash = rawHash ?? ""
            return record
        } catch {
            throw .corruptRecord(id: id, reason: "\(error)")
        }
    }
}

/// Timestamps as stored: ISO 8601 in UTC with milliseconds (`2026-11-21T17:21:05.123Z`).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func text(_ date: Date) -> String {
        date.formatted(style)
    }

    public static func date(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? Date(text, strategy: .iso8601))
    }
}
