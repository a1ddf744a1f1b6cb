/// One metric a record does not (fully) pass, where, and what was found there.
public struct Finding: Sendable, Hashable, Codable {
    public var metric: Metric
    /// The field path in the record (`license`, `distributions[2].downloadURL`).
    public var location: String
    /// The offending value, when there is one (a malformed URL, an implausible date).
    public var detail: String?

    public init(metric: Metric, location: String, detail: String? = nil) {
        self.metric = metric
        self.location = location
        self.detail = detail
    }

    /// The sentence for the publisher.
    public var message: String { metric.message(location: location, detail: detail) }

    /// `error` for DCAT-AP mandatory properties, `warning` for metrics worth 20 points or more, else `info`.
    public var severity: String {
        metric == .dcatAP ? "error" : metric.weight >= 20 ? "warning" : "info"
    }

    /// One line for storage: metric, location and detail separated by tabs (tabs and line breaks in the detail,
    /// CRLF included, become spaces).
    public var line: String {
        var line = metric.rawValue + "\t" + location + "\t"
        guard let detail else { return line }
        if detail.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            line += String(detail.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        } else {
            line += detail
        }
        return line
    }

    /// Reads `line`; nil for an unknown metric.
    public init?(line: Substring) {
        let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let metric = Metric(rawValue: String(parts[0])) else { return nil }
        self.init(metric: metric, location: String(parts[1]),
                  detail: parts.count > 2 && !parts[2].isEmpty ? String(parts[2]) : nil)
    }

    /// Encodes findings one per line.
    public static func lines(_ findings: [Finding]) -> String { findings.map(\.line).joined(separator: "\n") }

    /// Decodes `lines(_:)`.
    public static func parse(_ text: String) -> [Finding] {
        text.split(separator: "\n").compactMap(Finding.init(line:))
    }
}
