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
