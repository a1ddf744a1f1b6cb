import FeedParsing
import Foundation

/// The parameters of a request: its query string (`+` and `%XX` decoded), and for CKAN actions the members of a JSON
/// body. Every reader that fails names the parameter.
public struct QueryParameters: Sendable, Equatable {
    /// Values by name, in the order given; a repeated name keeps every value.
    public private(set) var values: [(name: String, value: String)]

    public init(_ values: [(name: String, value: String)] = []) {
        self.values = values
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
    }

    /// Reads `a=1&b=x+y&c=%2F`; a name without `=` has the empty value.
    public init(query: String?) {
        var values: [(String, String)] = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty else { continue }
            values.append((name, parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
        self.values = values
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Adds the members of a JSON object body (CKAN clients POST their parameters): strings as they are, other values
    /// as JSON text (so `"facet.field": ["tags"]` reads like the GET form `facet.field=["tags"]`).
    public mutating func add(jsonBody body: [UInt8]) throws(ServerError) {
        guard !body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return }
        guard let object = (try? JSONParser.parse(body))?.object else {
            throw .badParameter(name: "body", reason: "must be a JSON object of parameters, like {\"q\": \"water\", \"rows\": 10}.")
        }
        for (name, value) in object {
            switch value {
            case .null: continue
            case .string(let text): values.append((name, text))
            default: values.append((name, JSONWriter.string(value)))
            }
        }
    }

    /// The last value of `name`, nil when absent.
    public func string(_ name: String) -> String? {
        values.last { $0.name == name }?.value
    }

    /// The last value of `name` trimmed, nil when absent or blank.
    public func text(_ name: String) -> String? {
        string(name).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The whole number `name`, `default` when absent; it must lie in `range`.
    public func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(ServerError) -> Int {
        guard let text = text(name) else { return value }
        guard let number = Int(text) else {
            throw .badParameter(name: name, reason: "must be a whole number, not '\(Self.excerpt(text))'.")
        }
        guard range.contains(number) else {
            let upper = range.upperBound == Int.max ? "or more" : "to \(range.upperBound)"
            throw .badParameter(name: name, reason: "must be \(range.lowerBound) \(upper), not \(number).")
        }
        return number
    }

    /// One of `choices` (compared without case), `default` when absent.
    public func choice(_ name: String, _ choices: [String], default value: String) throws(ServerError) -> String {
        guard let text = text(name)?.lowercased() else { return value }
        guard choices.contains(text) else {
            throw .badParameter(name: name, reason: "must be one of \(choices.joined(separator: ", ")), not '\(Self.excerpt(text))'.")
        }
        return text
    }

    /// A date `YYYY-MM-DD` or a date-time `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`, as given; nil when absent.
    public func date(_ name: String) throws(ServerError) -> String? {
        guard let text = text(name) else { return nil }
        guard Self.isISODate(text) else {
            throw .badParameter(name: name, reason: "must be an ISO 8601 date or date-time like 2024-01-31 or 2024-01-31T12:00:00Z, not '\(Self.excerpt(text))'.")
        }
        return text
    }

    static func isISODate(_ text: String) -> Bool {
        let pattern = #"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return false }
        let month = Int(text.dropFirst(5).prefix(2)) ?? 0, day = Int(text.dropFirst(8).prefix(2)) ?? 0
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// At most 60 characters of a value, for an error sentence.
    static func excerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}
