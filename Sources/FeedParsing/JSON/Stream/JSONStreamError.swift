/// Why `JSONStream` could not read a document to its end; the description is a full sentence.
public enum JSONStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The document is not JSON where `JSONStream` itself reads it (the top level, between elements); the position
    /// is the byte's in the whole document.
    case syntax(JSONParseError)
    /// A top-level member other than the streamed one (or a top-level scalar) is larger than the limit.
    case memberTooLarge(name: String, offset: Int, limit: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "The file \(path) cannot be read: \(reason)."
        case .syntax(let error): return error.description
        case .memberTooLarge(let name, let offset, let limit):
            return "The top-level \(name.isEmpty ? "value" : "member '\(name)'") at byte \(offset) is larger than \(limit / 1_048_576) MB; it was not read."
        }
    }
}
