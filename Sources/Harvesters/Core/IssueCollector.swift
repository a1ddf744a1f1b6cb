public import CatalogModel
public import FeedParsing

/// Collects a record's issues with the source, page URL and record id filled in, so every message names them.
public struct IssueCollector: Sendable {
    public var sourceID: String
    public var url: String
    public var localID: String?
    /// What a record is called in messages (`package`, `dataset`).
    public var subject: String
    /// The record's issues; past `maxPerCode` issues of one code (10,000 distributions without a URL), the rest
    /// are counted in one last issue of that code instead of listed.
    public var items: [RecordIssue] {
        recorded + suppressed.sorted { $0.key < $1.key }.map { code, entry in
            let subject = localID.map { "\(self.subject) '\($0)'" } ?? "a record"
            return RecordIssue(code: code, severity: entry.severity,
                               message: "Source '\(sourceID)', \(subject) (\(url)): \(entry.count) more issues like the ones above were not listed.",
                               location: nil, localID: localID, url: url)
        }
    }
    /// How many issues of one code a record lists.
    public static let maxPerCode = 20
    private var recorded: [RecordIssue] = []
    private var perCode: [String: Int] = [:]
    private var suppressed: [String: (severity: RecordIssue.Severity, count: Int)] = [:]

    public init(sourceID: String, url: String, localID: String?, subject: String = "package") {
        self.sourceID = sourceID
        self.url = url
        self.localID = localID
        self.subject = subject
    }

    /// The payload as a JSON object (and its root value), or nil after an error issue `<prefix>.invalid-json`
    /// or `<prefix>.not-object`: the first thing every JSON mapper checks.
    /// A payload over `FieldLimits.maxPayloadBytes` is refused unread with an error `<prefix>.too-large`.
    public mutating func object(from raw: RawRecord, codePrefix: String, limits: FieldLimits = .standard) -> (root: JSONValue, object: JSONObject)? {
        guard payloadFits(raw, codePrefix: codePrefix, limits: limits) else { return nil }
        let root: JSONValue
        // A harvester that parsed the page hands the record's value along (`RawRecord.preparsed`): the payload is
        // that value written out, so parsing the payload again would give the same value.
        if let value = raw.preparsed as? JSONValue {
            root = value
        } else {
            do { root = try JSONParser.parse(raw.payload) } catch {
                invalidJSON(raw, codePrefix: codePrefix, error.description)
                return nil
            }
        }
        guard let object = root.object else {
            notObject(raw, codePrefix: codePrefix, typeName: root.typeName)
            return nil
        }
        return (root, object)
    }

    /// False after an error `<prefix>.too-large` when the payload is over `FieldLimits.maxPayloadBytes`.
    mutating func payloadFits(_ raw: RawRecord, codePrefix: String, limits: FieldLimits) -> Bool {
        guard raw.payload.count > limits.maxPayloadBytes else { return true }
        self.error("\(codePrefix).too-large", "the \(subject) at \(raw.location) is \(raw.payload.count) bytes long, over the limit of \(limits.maxPayloadBytes) bytes for one record; it was skipped.", at: raw.location)
        return false
    }

    /// The error `<prefix>.invalid-json`, with the parser's own account of what is wrong.
    mutating func invalidJSON(_ raw: RawRecord, codePrefix: String, _ reason: String) {
        self.error("\(codePrefix).invalid-json", "the \(subject) at \(raw.location) is not valid JSON (\(reason)); it was skipped.", at: raw.location)
    }

    /// The error `<prefix>.not-object`: the payload is JSON of another type (`typeName`).
    mutating func notObject(_ raw: RawRecord, codePrefix: String, typeName: String) {
        self.error("\(codePrefix).not-object", "the entry at \(raw.location) is a \(typeName), not a \(subject) object; it was skipped.", at: raw.location)
    }

    /// The record could not be used.
    public mutating func error(_ code: String, _ detail: String, at location: String? = nil) {
        add(code, .error, detail, location)
    }

    /// A field was dropped or replaced.
    public mutating func warning(_ code: String, _ detail: String, at location: String? = nil) {
        add(code, .warning, detail, location)
    }

    private mutating func add(_ code: String, _ severity: RecordIssue.Severity, _ detail: String, _ location: String?) {
        perCode[code, default: 0] += 1
        guard perCode[code]! <= Self.maxPerCode else {
            suppressed[code, default: (severity, 0)].count += 1
            return
        }
        let subject = localID.map { "\(self.subject) '\($0)'" } ?? "a record"
        recorded.append(RecordIssue(code: code, severity: severity,
                                 message: "Source '\(sourceID)', \(subject) (\(url)): \(detail)",
                                 location: location, localID: localID, url: url))
    }
}
