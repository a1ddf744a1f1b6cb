import Fetch
import Foundation
import TestSupport

/// Where test data lives.
enum TestData {
    /// This target's own fixtures.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// The shared third-party corpus, or nil.
    static var corpus: URL? { Corpus.directory }

    /// Files of one corpus folder, sorted.
    static func corpusFiles(_ folder: String) -> [URL] {
        guard let directory = corpus else { return [] }
        return Corpus.files(under: folder, endingIn: [".json"]).map { directory.appendingPathComponent($0) }
    }
}

/// A folder of a test's own for spooled bodies (`FetchOptions.spoolDirectory`), removed by `remove()`.
struct SpoolFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The harvester tests' fetch options, with any body over `bytes` spooled into this folder.
    func options(spoolingAbove bytes: Int) -> FetchOptions {
        var options = testFetchOptions
        options.spoolAboveBytes = bytes
        options.spoolDirectory = path
        return options
    }

    /// True when every spooled body's file is gone.
    var isEmpty: Bool { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
