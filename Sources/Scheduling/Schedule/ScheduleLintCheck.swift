import Foundation
public import SourceRegistry

/// `fedcat source lint`'s check of a `schedules/<name>.yaml`: the whole schedule file read as the scheduler reads
/// it (keys, types, version, cron fields, time zone), each problem with its file, line and key.
public struct ScheduleLintCheck: ScheduleFileChecking {
    public init() {}

    public func check(_ text: String, path: String) -> [LintProblem] {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            _ = try ScheduleFile.parse(text, path: path, name: name)
            return []
        } catch {
            return [LintProblem(file: path, line: error.line, key: error.key, message: error.description)]
        }
    }
}

extension ScheduleFileError {
    /// The line of the key at fault, when known.
    var line: Int? {
        switch self {
        case .unknownKey(_, let line, _, _), .badValue(_, let line, _, _, _), .newerVersion(_, let line, _),
             .badCron(_, let line, _), .unknownTimeZone(_, let line, _):
            return line
        case .unreadable, .notYAML, .notAMapping, .badName, .missingKey:
            return nil
        }
    }

    /// The key at fault, when there is one.
    var key: String? {
        switch self {
        case .unknownKey(_, _, let key, _), .badValue(_, _, let key, _, _), .missingKey(_, let key): return key
        case .newerVersion: return "version"
        case .badCron: return "cron"
        case .unknownTimeZone: return "timezone"
        case .unreadable, .notYAML, .notAMapping, .badName: return nil
        }
    }
}
