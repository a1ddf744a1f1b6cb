import ArgumentParser
import Foundation
import Search

/// The one place that turns a failure into a message on stderr and an exit code.
enum Failure {
    /// A source failed or something asked for is missing: exit 1.
    static func failed(_ message: String) -> ExitCode { report(message, code: 1) }
    /// Bad usage (unknown source, bad URL, bad kind): exit 64.
    static func usage(_ message: String) -> ExitCode { report(message, code: 64) }
    /// The database could not be read or written: exit 74.
    static func io(_ message: String) -> ExitCode { report(message, code: 74) }

    private static func report(_ message: String, code: Int32) -> ExitCode {
        Terminal.error("fedcat: \(message)")
        return ExitCode(code)
    }
}

/// Writing to the terminal.
enum Terminal {
    static func error(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` to stderr as it is. A stderr that cannot be written (a full disk, a closed pipe) loses the text
    /// instead of stopping the process: `FileHandle.write(_:)` raises on a failed write.
    static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// True when standard output is a terminal and NO_COLOR is not set (https://no-color.org).
    static var colour: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Columns of the terminal, or 100 when not a terminal.
    static var width: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) { return columns }
        return 100
    }

    /// Pretty, key-sorted JSON of a value.
    static func json(_ value: some Encodable) -> String {
        JSONOutput.string(value)
    }
}
