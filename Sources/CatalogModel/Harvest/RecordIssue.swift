/// A problem found in one record or page: a value collected per run, never a thrown error.
public struct RecordIssue: Sendable, Hashable, Codable {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// The record was skipped or could not be read.
        case error
        /// The record was kept but a field was dropped or guessed.
        case warning
        /// Worth knowing; nothing was lost.
        case info

        private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A stable code (`ckan.package.missing-id`), for counting and filtering.
    public var code: String
    public var severity: Severity
    /// A full sentence naming the record, field and value.
    public var message: String
    /// Where in the record: a JSON pointer (`/resources/2/size`) or an XPath.
    public var location: String?
    /// The record's id in the source, when it has one.
    public var localID: String?
    /// The URL of the page or record the problem was found in.
    public var url: String?

    public init(code: String, severity: Severity, message: String, location: String? = nil,
                localID: String? = nil, url: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
        self.localID = localID
        self.url = url
    }
}
