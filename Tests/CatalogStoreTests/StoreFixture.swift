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

    /// A path named `file` in a new temporary folder, for a bare database a test builds itself.
    static func temporaryPath(_ file: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(file).path
    }

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
    func harvest(_ records: [CatalogRecord], complete: Bool = true, restart: Bool = false) throws -> RunCommit {
        let known = try store.storedHashes(sourceID: Self.source.id)
        let run = try store.beginRun(source: Self.source, configJSON: "{}", at: Date(), restart: restart).runID
        try stage(records.map { record -> StagedRecord in
            let encoded = EncodedRecord(record)
            let change: StagedRecord.Change
            switch known[record.provenance.originalID]?.content {
            case nil: change = .added
            case encoded.contentHash: change = .unchanged
            default: change = .updated
            }
            return Self.staged(record, change)
        }, run: run)
        return try store.commitRun(runID: run, sourceID: Self.source.id,
                                   end: RunEnd(listingComplete: complete, expected: records.count, counters: FetchCounters()), at: Date())
    }

    /// Stages records as one batch, with a checkpoint.
    func stage(_ records: [StagedRecord], run: Int64, checkpoint: String? = "{}") throws {
        var batch = StageBatch()
        batch.records = records
        batch.checkpoint = checkpoint
        try store.stage(runID: run, sourceID: Self.source.id, batch: batch, at: Date())
    }

    func titles() throws -> [String] {
        try store.read("test") { db in try String.fetchAll(db, sql: "SELECT title FROM records ORDER BY local_id") }
    }
}

import GRDB
