import Foundation

/// One problem of one record, as `fedcat issues` lists it for the publisher: a harvest issue (mapping,
/// normalisation) or a quality finding (`quality.<metric>`).
public struct PublisherIssue: Sendable, Hashable, Encodable {
    public var code: String
    public var severity: String
    /// The record's id in the source (empty for problems of the whole run).
    public var record: String
    public var location: String
    public var message: String
    public var url: String

    public init(code: String, severity: String, record: String?, location: String?, message: String, url: String?) {
        self.code = code
        self.severity = severity
        self.record = record ?? ""
        self.location = location ?? ""
        self.message = message
        self.url = url ?? ""
    }

    /// A quality finding of a record.
    public init(finding: Finding, record: String, url: String?) {
        self.init(code: "quality." + finding.metric.rawValue, severity: finding.severity, record: record,
                  location: finding.location, message: finding.message, url: url)
    }

    public static let columns = ["code", "severity", "record", "location", "message", "url"]

    public var fields: [String] { [code, severity, record, location, message, url] }

    /// RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote, CR or LF.
    public static func csv(_ issues: [PublisherIssue]) -> String {
        ([columns] + issues.map(\.fields)).map { $0.map(CSVField.quote).joined(separator: ",") + "\r\n" }.joined()
    }
}

/// Quoting of one CSV field (RFC 4180).
public enum CSVField {
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
