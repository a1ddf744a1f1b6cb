public import Foundation

/// The shared validation shapes and schemas (DCAT-AP SHACL, DCAT-US JSON Schema), read in place:
/// `$FEDCAT_VALIDATION`, else `../shared/validation` beside the package. Tests skip with `missingMessage` when
/// the folder is absent, as they do without the corpus.
public enum ValidationFiles {
    public static let root: URL? = {
        let path: URL
        if let configured = ProcessInfo.processInfo.environment["FEDCAT_VALIDATION"], !configured.isEmpty {
            path = URL(fileURLWithPath: configured)
        } else {
            path = PythonTools.packageRoot.appendingPathComponent("../shared/validation").standardized
        }
        return FileManager.default.fileExists(atPath: path.path) ? path : nil
    }()

    public static let missingMessage =
        "The shared validation files were not found (FEDCAT_VALIDATION, else ../shared/validation beside the project); the check is skipped."

    /// The file at `relative` inside the validation folder, or nil when the folder is absent.
    public static func file(_ relative: String) -> String? {
        root.map { $0.appendingPathComponent(relative).path }
    }
}
