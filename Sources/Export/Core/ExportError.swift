/// Why an export could not be written, as a sentence naming the format, value, file or record.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    case unknownFormat(name: String, known: [String])
    case badQuery(query: String, reason: String)
    case badSince(value: String)
    case badBase(value: String)
    case badPageSize(Int)
    case notPageable(format: String, pageable: [String])
    case missingFolder(path: String)
    case cannotWrite(path: String, reason: String)
    case store(String)

    public var description: String {
        switch self {
        case .unknownFormat(let name, let known):
            return "The export format '\(name)' is unknown; the known formats are \(known.joined(separator: ", "))."
        case .badQuery(let query, let reason):
            return "The query '\(query)' could not be read: \(reason)"
        case .badSince(let value):
            return "The date '\(value)' given to --since is not a date: write YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."
        case .badBase(let value):
            return "The base IRI '\(value)' is not an absolute IRI ending in '/', '#' or ':' (for example urn:fedcat: or https://data.example.org/)."
        case .badPageSize(let size):
            return "The page size \(size) is not between 1 and 1000000."
        case .notPageable(let format, let pageable):
            return "The format '\(format)' cannot be written as a paged catalogue; the paged formats are \(pageable.joined(separator: ", "))."
        case .missingFolder(let path):
            return "The folder \(path) does not exist; create it first or choose another output path."
        case .cannotWrite(let path, let reason):
            return "The export could not be written to \(path): \(reason)."
        case .store(let message):
            return message
        }
    }
}
