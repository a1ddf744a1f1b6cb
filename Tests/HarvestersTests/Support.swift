import Foundation

/// Where test data lives.
enum TestData {
    /// This target's own fixtures.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// The shared third-party corpus (`FEDCAT_CORPUS`, else `../shared/corpus` next to the project), or nil.
    static var corpus: URL? {
        let path = ProcessInfo.processInfo.environment["FEDCAT_CORPUS"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../../shared/corpus").standardized.path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// Files of one corpus folder, sorted.
    static func corpusFiles(_ folder: String) -> [URL] {
        guard let directory = corpus?.appendingPathComponent(folder),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.sorted().map { directory.appendingPathComponent($0) }
    }
}
