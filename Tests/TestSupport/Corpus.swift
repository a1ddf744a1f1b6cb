public import Foundation

/// The shared third-party corpus of real portal files, read in place and never copied into the project:
/// `$FEDCAT_CORPUS`, else `../shared/corpus` beside the package. Tests skip with `missingMessage` when absent.
public enum Corpus {
    public static let directory: URL? = {
        let path: String
        if let fromEnvironment = ProcessInfo.processInfo.environment["FEDCAT_CORPUS"], !fromEnvironment.isEmpty {
            path = fromEnvironment
        } else {
            // Tests/TestSupport/Corpus.swift → package root → ../shared/corpus
            path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus")
                .standardized.path
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true)
    }()

    public static let missingMessage =
        "The shared corpus was not found (FEDCAT_CORPUS, else ../shared/corpus beside the project); corpus tests are skipped."

    /// Files under the corpus (or one of its folders) whose names end in one of `suffixes`, as paths relative
    /// to the corpus folder, sorted.
    public static func files(under folder: String? = nil, endingIn suffixes: [String]) -> [String] {
        guard let directory else { return [] }
        let base = folder.map { directory.appendingPathComponent($0) } ?? directory
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if suffixes.contains(where: { relative.hasSuffix($0) }) { found.append(folder.map { "\($0)/\(relative)" } ?? relative) }
        }
        return found.sorted()
    }

    /// The bytes of a corpus file given by its relative path.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent(relative)))
    }
}
