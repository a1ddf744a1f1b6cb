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

extension ExternalTool {
    /// Runs a tool to completion; returns its exit status, standard output and standard error as text.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            DispatchQueue.global().async {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        // Read both pipes concurrently so a chatty tool cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
