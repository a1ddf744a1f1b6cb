import Export
import Foundation
import Testing

/// Each exporter's output on the fixture catalogue, byte for byte. Re-record after an intended change with
/// `FEDCAT_RECORD_GOLDEN=1 swift test --filter GoldenTests`, then read the diff.
@Suite struct GoldenTests {
    static let recording = ProcessInfo.processInfo.environment["FEDCAT_RECORD_GOLDEN"] == "1"

    @Test(arguments: ExporterRegistry.names)
    func outputMatchesTheGoldenFile(format: String) throws {
        let store = try FixtureCatalogue.store()
        let exporter = try ExporterRegistry.exporter(for: format)
        let output = try FixtureCatalogue.export(format, store: store)
        let url = FixtureCatalogue.folder.appendingPathComponent("golden/catalogue-\(format).\(exporter.format.fileExtension)")
        if Self.recording {
            try Data(output.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if output != expected {
            let actual = url.path + ".actual"
            try? Data(output.utf8).write(to: URL(fileURLWithPath: actual))
            Issue.record("The \(format) export differs from \(url.lastPathComponent); the output is in \(actual). Re-record with FEDCAT_RECORD_GOLDEN=1 if the change is intended.")
        }
    }

    @Test(arguments: ["ttl", "jsonld", "csv", "datajson", "atom"])
    func outputDoesNotDependOnTheBatchSize(format: String) throws {
        let store = try FixtureCatalogue.store()
        #expect(try FixtureCatalogue.export(format, store: store, batchSize: 1) == FixtureCatalogue.export(format, store: store, batchSize: 1000))
    }
}
