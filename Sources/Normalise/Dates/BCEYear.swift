/// Reads years before the common era, and years with an era word:
/// - ISO 8601 expanded years: `-0500`, `-0024` (DataCite, datacite_ancientdates_v4.3.xml: "from 25 BC to 23 BC"
///   written `-0024/-0022`), `-0500-03-15`, kept as published;
/// - `500 BC`, `500 BCE`, `500 B.C.`, `BC 500` → `-0499`: ISO 8601 numbers years astronomically (year 0000 is
///   1 BC, -0001 is 2 BC), the same numbering DataCite's example uses;
/// - `AD 79`, `79 AD`, `79 CE` → `0079`;
/// - spans of such years: `25 BC - 23 BC` (DataCite's example again, in its title), `25 BC to 23 BC`,
///   `500 B.C. – 400 B.C.`, `44 BC - AD 14`, and `500-400 BC`, where the era after the end applies to both.
enum BCEYear {
    /// The ISO text and whether the year is before the common era (`date.bce`) or an era-marked CE year (`date.era`).
    static func read(_ tokens: DateTokens) -> (iso: String, bce: Bool)? {
        if tokens.isSymbol(0, UInt8(ascii: "-")) { return expanded(tokens) }
        guard let (year, era) = eraMarked(tokens) else { return nil }
        return make(year: year, era: era)
    }

    /// A span whose end has an era word; its start has one too, or is a bare year of the same era.
    static func span(_ tokens: DateTokens) -> (start: String, end: String)? {
        guard tokens.count >= 4 else { return nil }
        for index in 1..<(tokens.count - 1) where DateRange.isSpanSeparator(tokens, index) {
            guard let left = DateTokens(Array(tokens.bytes[..<tokens[index].start])),
                  let right = DateTokens(Array(tokens.bytes[tokens[index].end...])),
                  let (endYear, endEra) = eraMarked(right) else { continue }
            let start: (year: Int, era: String)
            if let marked = eraMarked(left) {
                start = marked
            } else if left.count == 1, let year = left.number(0, digits: 1...4) {
                start = (year, endEra)
            } else {
                continue
            }
            guard let first = make(year: start.year, era: start.era), let last = make(year: endYear, era: endEra) else { return nil }
            return (first.iso, last.iso)
        }
        return nil
    }

    /// `500 BC`, `BC 500`, `79 AD`, `AD 79`: the year as written and its era word.
    private static func eraMarked(_ tokens: DateTokens) -> (year: Int, era: String)? {
        if let year = tokens.number(0, digits: 1...4), let (era, next) = eraWord(tokens, from: 1), next == tokens.count {
            return (year, era)
        }
        if let (era, next) = eraWord(tokens, from: 0), let year = tokens.number(next, digits: 1...4), next + 1 == tokens.count {
            return (year, era)
        }
        return nil
    }

    /// `-YYYY`, `-YYYY-MM`, `-YYYY-MM-DD` with four to six year digits.
    private static func expanded(_ tokens: DateTokens) -> (iso: String, bce: Bool)? {
        guard let year = tokens.number(1, digits: 4...6), year > 0 else { return nil }
        var month: Int?, day: Int?
        var index = 2
        if tokens.isSymbol(index, UInt8(ascii: "-")) {
            guard let value = tokens.number(index + 1, digits: 2...2) else { return nil }
            month = value
            index += 2
            if tokens.isSymbol(index, UInt8(ascii: "-")) {
                guard let value = tokens.number(index + 1, digits: 2...2) else { return nil }
                day = value
                index += 2
            }
        }
        guard index == tokens.count else { return nil }
        guard let month else { return (DateText.year(-year), true) }
        guard let date = DateText.date(year: -year, month: month, day: day) else { return nil }
        return (date, true)
    }

    /// `BC`, `BCE`, `B.C.`, `B.C.E.`, `AD`, `A.D.`, `CE`, `C.E.` from token `index`, and the index after it.
    private static func eraWord(_ tokens: DateTokens, from index: Int) -> (String, Int)? {
        var letters = ""
        var index = index
        while index < tokens.count, letters.utf8.count <= 4 {
            if let word = tokens.word(index) {
                letters += word
            } else if !tokens.isSymbol(index, UInt8(ascii: ".")) {
                break
            }
            index += 1
        }
        guard ["bc", "bce", "ad", "ce"].contains(letters) else { return nil }
        return (letters, index)
    }

    private static func make(year: Int, era: String) -> (iso: String, bce: Bool)? {
        guard year >= 1 else { return nil }
        if era.hasPrefix("b") { return (DateText.year(1 - year), true) }
        return (DateText.year(year), false)
    }
}
