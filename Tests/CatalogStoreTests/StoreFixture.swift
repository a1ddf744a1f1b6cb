import CatalogModel
import CatalogStore
import Foundation

/// A fresh database in a temporary folder, and records to put in it.
struct StoreFixture {
    let directory: URL
    let store: CatalogStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try CatalogStore(path: directory.appendingPathComponent("test.db").path)
    }

    static let source = SourceConfig(id: "city", kind: "ckan", url: "https://city.example")

    static func record(_ localID: String, title: String, description: String = "", keywords: [String] = []) -> CatalogRecord {
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title),
                                   provenance: Provenance(sourceID: source.id, kind: "ckan", originalID: localID, harvestedAt: Date()))
        record.description = description.isEmpty ? nil : LocalizedText(description)
        record.keywords = keywords
        record.identifiers = [Identifier(localID, scheme: "ckan-id"), Identifier("name-\(localID)", scheme: "ckan-name")]
        return record
    }

    static func staged(_ record: CatalogRecord, _ change: StagedRecord.Change = .added) -> StagedRecord {
        let raw = RawRecord(localID: record.provenance.originalID, payload: Array("{\"id\":\"\(record.provenance.originalID)\"}".utf8),
                            mediaType: "application/json", pageURL: "https://city.example/page", location: "/result/results/0")
        return StagedRecord(localID: record.provenance.originalID, change: change, encoded: EncodedRecord(record), raw: raw)
    }

    /// Runs a whole harvest of `records` as one run and commits it.
    @discardableResult
    func harvest(_ records: [CatalogRecord], complete: Bool = true) throws -> RunCommit {
        let known = try store.storedHashes(sourceID: Self.source.id)
        let run = try store.beginRun(source: Self.source, configJSON: "{}", at: Date())
        var added = 0, updated = 0, unchanged = 0
        let staged = records.map { record -> StagedRecord in
            let encoded = EncodedRecord(record)
            let change: StagedRecord.Change
            switch known[record.provenance.originalID]?.content {
            case nil: change = .added; added += 1
            case encoded.contentHash: change = .unchanged; unchanged += 1
            default: change = .updated; updated += 1
            }
            return Self.staged(record, change)
        }
        try store.stage(runID: run, sourceID: Self.source.id, records: staged, issues: [])
        let outcome = RunOutcome(listingComplete: complete, pages: 1, expected: records.count, seen: records.count,
                                 added: added, updated: updated, unchanged: unchanged, skipped: 0)
        return try store.commitRun(runID: run, sourceID: Self.source.id, outcome: outcome, issueCount: 0, at: Date())
    }

    func titles() throws -> [String] {
        try store.read("test") { db in try String.fetchAll(db, sql: "SELECT title FROM records ORDER BY local_id") }
    }
}

import GRDB
