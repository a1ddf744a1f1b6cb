/// A problem with a source file or with adding a source, as a sentence naming the file and key.
public enum SourceFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notYAML(path: String, reason: String)
    case notAMapping(path: String)
    case missingKey(path: String, key: String)
    case badValue(path: String, key: String, value: String, expected: String)
    case unsupportedVersion(path: String, version: String)
    case unknownKind(path: String, kind: String, known: [String])
    case unknownKindGiven(kind: String, known: [String])
    case idMismatch(path: String, id: String)
    case unknownSource(id: String, directory: String, known: [String])
    case alreadyExists(id: String, path: String)
    case badURL(url: String, reason: String)
    case badID(id: String)
    /// A key of a file has a problem found by `fedcat source check`/`lint`, at a line.
    case invalid(path: String, line: Int, key: String, reason: String)
    /// A file that should be there is not.
    case missingFile(id: String, path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "The source file \(path) could not be read: \(reason)."
        case .notYAML(let path, let reason):
            return "The source file \(path) is not valid YAML: \(reason)."
        case .notAMapping(let path):
            return "The source file \(path) must be a YAML mapping with the keys version, id, kind and url."
        case .missingKey(let path, let key):
            return "The source file \(path) has no '\(key)' key, which is required."
        case .badValue(let path, let key, let value, let expected):
            return "The source file \(path): '\(key)' is '\(value)', but it must be \(expected)."
        case .unsupportedVersion(let path, let version):
            return "The source file \(path) has version '\(version)'; this fedcat reads version 1."
        case .unknownKind(let path, let kind, let known):
            return "The source file \(path): unknown harvester kind '\(kind)'. Known kinds: \(known.joined(separator: ", "))."
        case .unknownKindGiven(let kind, let known):
            return "Unknown harvester kind '\(kind)'. Known kinds: \(known.joined(separator: ", "))."
        case .idMismatch(let path, let id):
            return "The source file \(path) says id '\(id)', but a source's file must be named after its id (harvesters/\(id).yaml)."
        case .unknownSource(let id, let directory, let known):
            let list = known.isEmpty ? "there are none yet (add one with 'fedcat source add URL')" : "known sources: \(known.joined(separator: ", "))"
            return "There is no source '\(id)' in \(directory); \(list)."
        case .alreadyExists(let id, let path):
            return "A source with id '\(id)' already exists (\(path)); choose another id with --id."
        case .badURL(let url, let reason):
            return "The URL '\(url)' cannot be harvested: \(reason)."
        case .invalid(let path, let line, let key, let reason):
            return "The source file \(path), line \(line), key '\(key)': \(reason)."
        case .missingFile(let id, let path):
            return "The source '\(id)' has no file \(path)."
        case .badID(let id):
            return "The source id '\(id)' is not usable: use 1 to 64 letters, digits, '-', '_' or '.', not starting with '-' or '.'."
        }
    }
}
