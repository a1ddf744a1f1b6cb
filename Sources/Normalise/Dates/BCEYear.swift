/// Reads years before the common era, and years with an era word:
/// - ISO 8601 expanded years: `-0500`, `-0024` (DataCite, datacite_ancientdates_v4.3.xml: "from 25 BC to 23 BC"
///   written `-0024/-0022`), `-0500-03-15`, kept as published;
/// - `500 BC`, `500 BCE`, `500 B.C.`, `BC 500` → `-0499`: ISO 8601 numbers years astronomically (year 0000 is
///   1 BC, -0001 is 2 BC), the same numbering DataCite's example uses;
/// - `AD 79`, `79 AD`, `79 CE` → `0079`.
enum BCEYear {
    /// The ISO text and whether the year is before the common era (`date.bce`) or an era-marked CE year (`date.era`).
    static func read(_ tokens: DateTokens) -> (iso: String, bce: Bool)? {
        if tokens.isSymbol(0, UInt8(ascii: "-")) { return expanded(tokens) }
        if let year = tokens.number(0, digits: 1...4), let (era, next) = eraWord(tokens, from: 1), next == tokens.count {
            return make(year: year, era: era)
        }
        if let (era, next) = eraWord(tokens, from: 0), let year = tokens.number(next, digits: 1...4), next + 1 == tokens.count {
            return make(year: year, era: era)
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
