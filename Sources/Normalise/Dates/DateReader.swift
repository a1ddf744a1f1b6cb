/// What a published date text turned out to be.
public enum DateReading: Sendable, Hashable {
    /// One date, in ISO 8601 at the precision published, and the rule that read it (`date.rfc822`, …).
    case date(iso: String, rule: String)
    /// A period: ISO start and end, nil for an open side (`2010-01-01/..`, `[* TO 2019]`).
    case range(start: String?, end: String?, rule: String)
    /// An ISO 8601 repeating interval (`R/P1D`): a frequency, not a date.
    case repeating
    /// A value standing for no date (`N/A`, `9999-12-31`, `PYCSW_TIMESTAMP`).
    case placeholder
    /// A word saying a period goes on (`present`, `..`).
    case open
    /// An all-numeric date that reads both as day/month and month/day, with no `date_order` to decide.
    case ambiguous
    case unreadable
}

/// Reads a date text in any of the forms found in harvested catalogues. ISO 8601 is tried first (nearly every
/// value), so the other readers cost nothing on the common path; none uses regular expressions or `DateFormatter`.
public enum DateReader {
    /// - Parameters:
    ///   - text: the trimmed text.
    ///   - order: how the source writes all-numeric dates.
    ///   - metadata: true for dates about the record (issued, modified), where `1900-01-01` is a placeholder;
    ///     false for temporal coverage, where it may be real.
    public static func read(_ text: String, order: NormalisationContext.DateOrder = .unknown, metadata: Bool = true) -> DateReading {
        if let iso = ISODate.normalise(text) {
            return DateSentinel.isPlaceholder(iso: iso, metadata: metadata) ? .placeholder : .date(iso: iso, rule: "date.iso8601")
        }
        let bytes = Array(text.utf8)
        if let kind = DateSentinel.classify(bytes) { return kind == .open ? .open : .placeholder }
        if RepeatingInterval.matches(bytes) { return .repeating }
        let solr = SolrRange.read(bytes, order: order).map { (start: $0.start, end: $0.end, rule: "date.range") }
        if let range = solr ?? DateRange.interval(bytes, order: order) {
            return range.start == nil && range.end == nil ? .placeholder : .range(start: range.start, end: range.end, rule: range.rule)
        }
        guard let tokens = DateTokens(bytes) else { return .unreadable }
        if let span = DateRange.yearSpan(tokens) ?? BCEYear.span(tokens) {
            return .range(start: span.start, end: span.end, rule: "date.range")
        }
        switch single(tokens, order: order) {
        case .date(let iso, let rule)?:
            return DateSentinel.isPlaceholder(iso: iso, metadata: metadata) ? .placeholder : .date(iso: iso, rule: rule)
        case .ambiguous?: return .ambiguous
        case nil: return .unreadable
        }
    }

    /// One date (not a range) from any reader.
    static func single(_ bytes: ArraySlice<UInt8>, order: NormalisationContext.DateOrder) -> NumericDate.Reading? {
        let text = String(decoding: bytes, as: UTF8.self)
        if let iso = ISODate.normalise(text) { return .date(iso: iso, rule: "date.iso8601") }
        guard let tokens = DateTokens(Array(bytes)) else { return nil }
        return single(tokens, order: order)
    }

    static func single(_ tokens: DateTokens, order: NormalisationContext.DateOrder) -> NumericDate.Reading? {
        guard tokens.count > 0 else { return nil }
        if let iso = isoWithZoneName(tokens) { return .date(iso: iso, rule: "date.iso8601") }
        if let (iso, rule) = WeekDate.read(tokens.bytes) { return .date(iso: iso, rule: rule) }
        if let (iso, bce) = BCEYear.read(tokens) { return .date(iso: iso, rule: bce ? "date.bce" : "date.era") }
        if let iso = EpochDate.read(tokens) { return .date(iso: iso, rule: "date.epoch") }
        if let iso = CompactDate.read(tokens) { return .date(iso: iso, rule: "date.iso8601-basic") }
        if let reading = NumericDate.read(tokens, order: order) { return reading }
        if let iso = RFC822Date.read(tokens) { return .date(iso: iso, rule: "date.rfc822") }
        if let iso = TextualDate.read(tokens) { return .date(iso: iso, rule: "date.text") }
        return nil
    }

    /// `2019-03-04T10:21:33 UTC`, `2019-03-04 10:21 GMT`.
    private static func isoWithZoneName(_ tokens: DateTokens) -> String? {
        guard tokens.count >= 2, let word = tokens.word(tokens.count - 1), word == "utc" || word == "gmt" || word == "z",
              tokens[0].kind == .number, tokens[0].length == 4 else { return nil }
        let prefix = String(decoding: tokens.bytes[..<tokens[tokens.count - 1].start], as: UTF8.self).trimmed
        guard let iso = ISODate.normalise(prefix + "Z"), iso.hasSuffix("Z") else { return nil }
        return iso
    }
}
