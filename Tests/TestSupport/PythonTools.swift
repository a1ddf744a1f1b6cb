public import Foundation

/// The Python virtual environment `scripts/test-tools.sh` prepares in `.build/pytools` (rdflib, pyshacl,
/// jsonschema, croniter, ckanapi): independent tools the tests check fedcat's output with.
public enum PythonTools {
    /// The package root (Tests/TestSupport/PythonTools.swift → two folders up).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// The environment's python, or nil when `scripts/test-tools.sh` has not run.
    public static let python: String? = {
        let path = packageRoot.appendingPathComponent(".build/pytools/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// True when the run must not skip tool-backed checks (`CI=true`: `make test` installed the tools).
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public static let missingMessage =
        "The Python test tools are missing (run scripts/test-tools.sh, which `make test` does); the check is skipped."

    /// Runs `python -c script arguments...` in the environment; returns exit status, standard output and error.
    public static func run(script: String, arguments: [String] = [], input: Data? = nil) throws -> (status: Int32, output: String, error: String) {
        guard let python else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: missingMessage]) }
        return try ExternalTool.run(python, ["-c", script] + arguments, input: input)
    }
}
