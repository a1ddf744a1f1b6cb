public import Foundation

/// One problem `fedcat source lint` found: the file, and the line and key when known.
public struct LintProblem: Sendable, Hashable, Encodable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    init(_ error: SourceFileError, file: String) {
        if case .invalid(_, let line, let key, _) = error {
            self.init(file: file, line: line, key: key, message: error.description)
        } else {
            self.init(file: file, message: error.description)
        }
    }
}

/// Checks the text of one `schedules/<name>.yaml`. The scheduling module owns what a schedule means and plugs
/// its own check in here; `ScheduleFileShape` only checks what every schedule file must be.
public protocol ScheduleFileChecking: Sendable {
    func check(_ text: String, path: String) -> [LintProblem]
}

/// What the registry knows of every file under `harvesters/` and `schedules/`.
public struct RegistryLint: Sendable {
    public var registry: SourceRegistry
    public var schedules: any ScheduleFileChecking

    public init(registry: SourceRegistry, schedules: any ScheduleFileChecking = ScheduleFileShape()) {
        self.registry = registry
        self.schedules = schedules
    }

    /// The files checked and every problem found, in file order.
    public func run() -> (files: [String], problems: [LintProblem]) {
        var files: [String] = []
        var problems: [LintProblem] = []
        for file in Self.yamlFiles(in: registry.directory) {
            files.append(file.path)
            problems += registry.check(file: file).map { LintProblem($0, file: file.path) }
        }
        for file in Self.yamlFiles(in: registry.scheduleDirectory) {
            files.append(file.path)
            do {
                problems += schedules.check(try String(contentsOf: file, encoding: .utf8), path: file.path)
            } catch {
                problems.append(LintProblem(file: file.path, message: "The schedule file \(file.path) could not be read: \(error.localizedDescription)."))
            }
        }
        return (files, problems)
    }

    static func yamlFiles(in directory: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }
}

extension SourceRegistry {
    /// `<root>/schedules/`, where named schedules live.
    public var scheduleDirectory: URL { root.appendingPathComponent("schedules", isDirectory: true) }
}
