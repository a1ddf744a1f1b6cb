/// Reads dates with the month written out: `August 18, 2015`, `Tuesday, August 18, 2015` (data.json
/// `as_of_date`), `18 August 2015`, `18th of August 2015`, `18. August 2015`, `1er janvier 2015`,
/// `18 de agosto de 2015`, `Aug 2015` (→ `2015-08`), with an optional trailing time. Month names come from
/// `MonthNames` (English, French, German, Spanish, Italian, Dutch). Years must have four digits.
enum TextualDate {
    static func read(_ tokens: DateTokens) -> String? {
        var index = 0
        if let word = tokens.word(0), MonthNames.isWeekday(word) {
            index = tokens.isSymbol(1, UInt8(ascii: ",")) ? 2 : 1
        }
        var day: Int?
        let month: Int
        if let word = tokens.word(index), let number = MonthNames.number(word) {
            // `August 18, 2015` or `August 2015`.
            month = number
            index += 1
            if tokens.isSymbol(index, UInt8(ascii: ".")) { index += 1 }   // `Aug. 18`
            if let value = tokens.number(index, digits: 1...2) {
                day = value
                index = skipOrdinal(tokens, index + 1)
                if tokens.isSymbol(index, UInt8(ascii: ",")) { index += 1 }
            } else if tokens.isSymbol(index, UInt8(ascii: ",")) {
                index += 1
            }
        } else if let value = tokens.number(index, digits: 1...2) {
            // `18 August 2015`, `18. August 2015`, `18th of August, 2015`, `18 de agosto de 2015`.
            day = value
            index = skipOrdinal(tokens, index + 1)
            if tokens.isSymbol(index, UInt8(ascii: ".")) { index += 1 }
            index = skipFiller(tokens, index)
            guard let word = tokens.word(index), let number = MonthNames.number(word) else { return nil }
            month = number
            index += 1
            if tokens.isSymbol(index, UInt8(ascii: ".")) { index += 1 }
            if tokens.isSymbol(index, UInt8(ascii: ",")) { index += 1 }
            index = skipFiller(tokens, index)
        } else {
            return nil
        }
        guard let year = tokens.number(index, digits: 4...4), year >= 1 else { return nil }
        index += 1
        var time: TimeOfDay.Reading?
        if index < tokens.count {
            guard day != nil else { return nil }
            var timeIndex = index
            if tokens.isSymbol(timeIndex, UInt8(ascii: ",")) || tokens.isSymbol(timeIndex, UInt8(ascii: "-")) { timeIndex += 1 }
            if let word = tokens.word(timeIndex), word == "at" || word == "um" || word == "à" { timeIndex += 1 }
            guard let reading = TimeOfDay.read(tokens, from: timeIndex), reading.next == tokens.count else { return nil }
            time = reading
        }
        guard let date = DateText.date(year: year, month: month, day: day) else { return nil }
        return TimeOfDay.combine(date: date, time: time)
    }

    private static func skipOrdinal(_ tokens: DateTokens, _ index: Int) -> Int {
        guard let word = tokens.word(index), ["st", "nd", "rd", "th", "er", "e", "º", "o"].contains(word) else { return index }
        return index + 1
    }

    private static func skipFiller(_ tokens: DateTokens, _ index: Int) -> Int {
        guard let word = tokens.word(index), word == "of" || word == "de" || word == "del" else { return index }
        return index + 1
    }
}
