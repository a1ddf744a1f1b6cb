/// Reads RFC 822 / RFC 1123 / RFC 2822 date-times, as RSS `pubDate` and HTTP headers write them:
/// `Tue, 03 Jun 2008 11:05:30 GMT`, `Tue, 3 Apr 2007 22:04:11 +0200`, `03 Jun 08 11:05 EST`, `Tue, 03-Jun-2008 …`.
/// The day name is optional and not checked against the date; a zone is converted to UTC (`…Z`); a missing zone
/// leaves a local time. Two-digit years follow RFC 2822 §4.3 (00–49 → 20xx, 50–99 → 19xx).
enum RFC822Date {
    static func read(_ tokens: DateTokens) -> String? {
        var index = 0
        if let word = tokens.word(0), MonthNames.isWeekday(word) {
            index = tokens.isSymbol(1, UInt8(ascii: ",")) ? 2 : 1
        }
        guard let day = tokens.number(index, digits: 1...2) else { return nil }
        index += 1
        let dashed = tokens.isSymbol(index, UInt8(ascii: "-"))
        if dashed { index += 1 }
        guard let monthWord = tokens.word(index), monthWord.utf8.count == 3 || monthWord == "sept",
              let month = MonthNames.number(monthWord) else { return nil }
        index += 1
        if dashed {
            guard tokens.isSymbol(index, UInt8(ascii: "-")) else { return nil }
            index += 1
        }
        guard var year = tokens.number(index, digits: 2...4), tokens[index].length != 3 else { return nil }
        if tokens[index].length == 2 { year += year < 50 ? 2000 : 1900 }
        index += 1
        guard (1...9999).contains(year), let date = DateText.date(year: year, month: month, day: day),
              let time = TimeOfDay.read(tokens, from: index), time.next == tokens.count else { return nil }
        return TimeOfDay.combine(date: date, time: time)
    }
}
