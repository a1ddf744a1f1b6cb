import CatalogModel
import CatalogStore
import Export
import Foundation

/// The small fixed catalogue the export tests use: `Fixtures/catalogue.json` (CatalogRecord values from two sources,
/// two of them the same dataset), stored as two harvest runs at a fixed time.
enum FixtureCatalogue {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let harvestTime = Date(timeIntervalSince1970: 1_768_467_600)  // 2026-01-15T09:00:00Z

    static func records() throws -> [CatalogRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([CatalogRecord].self, from: Data(contentsOf: folder.appendingPathComponent("catalogue.json")))
    }

    /// A fresh database in a temporary folder holding the fixture catalogue.
    static func store() throws -> CatalogStore {
        let store = try emptyStore()
        let grouped = Dictionary(grouping: try records(), by: { $0.provenance.sourceID })
        for source in grouped.keys.sorted() {
            try harvest(store, source: source, kind: grouped[source]![0].provenance.kind, records: grouped[source]!, at: harvestTime)
        }
        return store
    }

    static func emptyStore() throws -> CatalogStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try CatalogStore(path: folder.appendingPathComponent("catalogue.db").path)
    }

    /// One complete harvest run of `source` that lists exactly `records`.
    @discardableResult
    static func harvest(_ store: CatalogStore, source: String, kind: String, records: [CatalogRecord], at date: Date) throws -> RunCommit {
        let config = SourceConfig(id: source, kind: kind, url: "https://\(source).example.org/")
        let run = try store.beginRun(source: config, configJSON: "{}", at: date)
        let known = try store.storedHashes(sourceID: source)
        var batch = StageBatch()
        for record in records {
            let encoded = EncodedRecord(record)
            let change: StagedRecord.Change = known[record.provenance.originalID] == nil ? .added
                : known[record.provenance.originalID]!.content == encoded.contentHash ? .unchanged : .updated
            batch.records.append(StagedRecord(localID: record.provenance.originalID, change: change, encoded: encoded, raw: nil))
        }
        try store.stage(runID: run.runID, sourceID: source, batch: batch, at: date)
        return try store.commitRun(runID: run.runID, sourceID: source,
                                   end: RunEnd(listingComplete: true, expected: records.count, counters: FetchCounters(), maxDeleteFraction: 1),
                                   at: date)
    }

    /// The whole fixture catalogue in `format`.
    static func export(_ format: String, store: CatalogStore, selection: ExportSelection = ExportSelection(),
                       base: String = IRIScheme.defaultBase, batchSize: Int = 1000) throws -> String {
        var reader = try ExportReader(store: store, selection: selection, iris: IRIScheme(base: base))
        reader.batchSize = batchSize
        let sink = MemorySink()
        try ExporterRegistry.exporter(for: format).write(reader, to: sink)
        return sink.text
    }

    /// Writes `text` to a temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
