public import Foundation

/// Runs a command-line tool the tests compare fedcat with (rapper, serdi), when this machine has it.
public enum ExternalTool {
    /// The tool's path when it is installed in one of the usual places, else nil (the comparison is skipped).
    public static func path(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What the tool writes to standard output (standard error is dropped).
    public static func output(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
