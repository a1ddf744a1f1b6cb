/// Periods written in one text:
/// - ISO 8601 intervals `start/end` (data.json `temporal`: `2010-01-01/2015-12-31`, `1993/2005`,
///   `2001-01/2001-12`; DataCite `-0024/-0022`), with open sides as `..` or empty (`2010-01-01/..`,
///   `2010-01-01/`, `../2015`); a duration side gives that side by date arithmetic (`2010-01-01/P1Y` ends
///   `2011-01-01`, `P1M/2021-03-01` starts `2021-02-01`; rule `date.duration`, see `ISODuration`), or leaves it
///   unknown when the duration cannot be added (`P1.5Y`, a week date);
/// - year spans `2010-2015`, `2010 – 2015`, `2010 to 2015`, `2010 bis 2015` (second year not before the first);
///   spans with era words (`25 BC - 23 BC`) are read by `BCEYear`.
enum DateRange {
    /// The start and end of an ISO 8601 interval (nil for an unknown or open side) and the rule that read it
    /// (`date.range`, or `date.duration` when one side was computed from a duration).
    static func interval(_ bytes: [UInt8], order: NormalisationContext.DateOrder) -> (start: String?, end: String?, rule: String)? {
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), !bytes[(slash + 1)...].contains(UInt8(ascii: "/")) else { return nil }
        let startPart = bytes[..<slash], endPart = bytes[(slash + 1)...]
        guard let start = side(startPart, order: order), let end = side(endPart, order: order) else { return nil }
        // `../..`, `N/A/unknown`…: both sides stand for no date (the caller reports a placeholder).
        if start.open && end.open { return (nil, nil, "date.range") }
        // `P1Y/P2Y`: two durations name no date.
        if start.iso == nil && end.iso == nil && !start.open && !end.open { return nil }
        if let iso = start.iso, let moved = ISODuration(endPart)?.move(iso, by: 1) { return (iso, moved, "date.duration") }
        if let iso = end.iso, let moved = ISODuration(startPart)?.move(iso, by: -1) { return (moved, iso, "date.duration") }
        return (start.iso, end.iso, "date.range")
    }

    /// One side of a range: a date, or open (nil iso). Nil when the side is not a date at all.
    static func side(_ part: ArraySlice<UInt8>, order: NormalisationContext.DateOrder) -> (iso: String?, open: Bool)? {
        var part = part
        while let first = part.first, first == 0x20 { part = part.dropFirst() }
        while let last = part.last, last == 0x20 { part = part.dropLast() }
        if part.isEmpty || part.elementsEqual("..".utf8) || part.elementsEqual("*".utf8) { return (nil, true) }
        if DateSentinel.classify(Array(part)) != nil { return (nil, true) }
        // A duration (`P1Y`, `PT6H`): the side is not known without date arithmetic.
        if part.first == UInt8(ascii: "P"), part.count >= 3, let next = part.dropFirst().first,
           DateTokens.isDigit(next) || next == UInt8(ascii: "T") { return (nil, false) }
        guard case .date(let iso, _)? = DateReader.single(part, order: order) else { return nil }
        if DateSentinel.isPlaceholder(iso: iso, metadata: false) { return (nil, true) }
        return (iso, false)
    }

    /// `YYYY-YYYY`, `YYYY – YYYY`, `YYYY to YYYY`.
    static func yearSpan(_ tokens: DateTokens) -> (start: String, end: String)? {
        guard tokens.count == 3, let first = tokens.number(0, digits: 4...4), let second = tokens.number(2, digits: 4...4),
              first >= 1, second >= first, isSpanSeparator(tokens, 1) else { return nil }
        return (DateText.year(first), DateText.year(second))
    }

    /// True when the token at `index` separates the two years of a span: `-`, an en or em dash, `to`, `bis`, `à`,
    /// `au`, `al`, `a`, `tot`.
    static func isSpanSeparator(_ tokens: DateTokens, _ index: Int) -> Bool {
        if tokens.isSymbol(index, UInt8(ascii: "-")) { return true }
        guard let word = tokens.word(index) else { return false }
        return ["\u{2013}", "\u{2014}", "to", "bis", "à", "au", "al", "a", "tot"].contains(word)
    }
}
