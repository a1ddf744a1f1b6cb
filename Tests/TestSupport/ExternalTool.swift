public import Foundation

/// Runs a command-line tool the tests compare fedcat with (rapper, serdi), when this machine has it.
public enum ExternalTool {
    /// The tool's path when it is installed in one of the usual places, else nil (the comparison is skipped).
    public static func path(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What the tool writes to standard output (standard error is dropped).
    public static func output(_ executable: String, _ arguments: [String]) throws -> Data {
        try capture(executable, arguments, input: nil).output
    }

    /// Runs a tool to completion; returns its exit status, standard output and standard error as text.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String, error: String) {
        let result = try capture(executable, arguments, input: input)
        return (result.status, String(decoding: result.output, as: UTF8.self), String(decoding: result.error, as: UTF8.self))
    }

    /// Runs a tool to completion, feeding it `input`; both pipes are read at once so a chatty tool cannot block.
    private static func capture(_ executable: String, _ arguments: [String], input: Data?) throws -> (status: Int32, output: Data, error: Data) {
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
        return (process.terminationStatus, outputData, errorData)
    }
}
