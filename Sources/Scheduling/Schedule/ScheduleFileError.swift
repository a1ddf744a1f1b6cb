/// A problem with a `schedules/<name>.yaml` file, as a sentence naming the file, the line and the key.
public enum ScheduleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notYAML(path: String, reason: String)
    case notAMapping(path: String)
    case badName(path: String)
    case missingKey(path: String, key: String)
    case unknownKey(path: String, line: Int, key: String, known: [String])
    case badValue(path: String, line: Int, key: String, value: String, expected: String)
    case newerVersion(path: String, line: Int, version: String)
    case badCron(path: String, line: Int, error: CronError)
    case unknownTimeZone(path: String, line: Int, zone: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "The schedule file \(path) could not be read: \(reason)."
        case .notYAML(let path, let reason):
            return "The schedule file \(path) is not valid YAML: \(reason)."
        case .notAMapping(let path):
            return "The schedule file \(path) must be a YAML mapping with the keys version, cron, timezone and sources or tags."
        case .badName(let path):
            return "The schedule file \(path) has an unusable name: use 1 to 64 letters, digits, '-', '_' or '.' before .yaml."
        case .missingKey(let path, let key):
            return "The schedule file \(path) has no '\(key)' key, which is required."
        case .unknownKey(let path, let line, let key, let known):
            return "The schedule file \(path), line \(line): unknown key '\(key)'; the known keys are \(known.joined(separator: ", "))."
        case .badValue(let path, let line, let key, let value, let expected):
            return "The schedule file \(path), line \(line), key '\(key)': '\(value)' must be \(expected)."
        case .newerVersion(let path, let line, let version):
            return "The schedule file \(path), line \(line), key 'version': version \(version) is newer than this fedcat reads (1); upgrade fedcat."
        case .badCron(let path, let line, let error):
            return "The schedule file \(path), line \(line), key 'cron': \(error.description)"
        case .unknownTimeZone(let path, let line, let zone):
            return "The schedule file \(path), line \(line), key 'timezone': '\(zone)' is not an IANA time zone (such as Europe/London, America/New_York or UTC)."
        }
    }
}
