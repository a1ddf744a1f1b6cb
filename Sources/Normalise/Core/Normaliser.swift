public import CatalogModel

/// One named normalisation rule: rewrites fields of a record, notes each value it reinterpreted
/// (`record.note(field, raw:, value:, rule:)`) and reports what it could not read as issues.
public protocol NormalisationRule: Sendable {
    /// A stable name (`dates`, `text`, …), shown in issues.
    var name: String { get }
    func apply(to record: inout CatalogRecord, issues: inout [RecordIssue], context: NormalisationContext)
}

/// What rules may know about the source a record came from.
public struct NormalisationContext: Sendable, Hashable {
    /// How the source writes numeric dates like `06/05/2009`: day first, month first, or not known
    /// (then only unambiguous ones are read). From the source option `date_order` (`dmy`, `mdy`).
    public enum DateOrder: String, Sendable, Hashable { case dayFirst = "dmy", monthFirst = "mdy", unknown }

    public var dateOrder: DateOrder

    public init(dateOrder: DateOrder = .unknown) {
        self.dateOrder = dateOrder
    }
}

/// Applies every rule, in order, to every mapped record, whatever harvester produced it.
public struct Normaliser: Sendable {
    public var rules: [any NormalisationRule]

    /// The built-in rules, in the order they run.
    public static let standard = Normaliser(rules: [MojibakeRule(), HTMLTextRule(), TextRule(), KeywordSplitRule(), KeywordRule(),
                                                    DateRule(), DistributionRule(), FormatRule(), LanguageRule(), ThemeRule(),
                                                    FrequencyRule(), LicenceRule(), SpatialRule(), PublisherKeyRule()])

    public init(rules: [any NormalisationRule]) {
        self.rules = rules
    }

    /// The normalised record and the issues found on the way.
    public func normalise(_ record: CatalogRecord, context: NormalisationContext = NormalisationContext()) -> (CatalogRecord, [RecordIssue]) {
        var record = record
        var issues: [RecordIssue] = []
        for rule in rules { rule.apply(to: &record, issues: &issues, context: context) }
        return (record, issues)
    }
}

extension RecordIssue {
    /// An issue raised by a normalisation rule about `record`.
    static func normalisation(_ code: String, _ severity: Severity, record: CatalogRecord, field: String, _ detail: String) -> RecordIssue {
        RecordIssue(code: code, severity: severity,
                    message: "Source '\(record.provenance.sourceID)', record '\(record.provenance.originalID)', field '\(field)': \(detail)",
                    location: field, localID: record.provenance.originalID, url: record.provenance.originalURL)
    }
}
