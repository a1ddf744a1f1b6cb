/// Reads all-numeric dates with separators: `06/05/2009` (data.london, day first), `6/5/2009 12:00:00 AM`
/// (US, month first), `14.12.2017` (German), `19-12-2019`, `2019/06/27`, `2019-3-4`, with an optional leading
/// day name (`jeu, 19/12/2019 - 03:00`, DKAN in French) and time.
///
/// Which of day and month comes first is decided, in order, by:
/// 1. a four-digit first part: year, month, day (`date.ymd`);
/// 2. the values: a part over 12 can only be the day, and equal parts read the same both ways;
/// 3. the source's `date_order` (`date.dmy` / `date.mdy`);
/// 4. a dot separator, which no month-first convention uses (`14.12.2017`, `03.04.2017` → day first);
/// 5. a leading day name that fits only one reading (`mar, 10/12/2019 - 09:23`, DKAN: Tuesday 10 December);
/// otherwise the date is ambiguous: `06/05/2009` with no `date_order` is 6 May or June 5, and is not guessed.
/// Two-digit years (`06/05/09`) are never read.
enum NumericDate {
    enum Reading: Equatable {
        case date(iso: String, rule: String)
        case ambiguous
    }

    static func read(_ tokens: DateTokens, order: NormalisationContext.DateOrder) -> Reading? {
        var index = 0
        var weekday: Int?
        // A leading day name: `jeu,` / `Tue,`.
        if let word = tokens.word(0), let day = MonthNames.weekday(word) {
            weekday = day
            index = tokens.isSymbol(1, UInt8(ascii: ",")) ? 2 : 1
        }
        guard index + 4 < tokens.count, tokens[index].kind == .number, tokens[index + 1].kind == .symbol,
              tokens[index + 2].kind == .number, tokens[index + 3].kind == .symbol,
              tokens[index + 4].kind == .number else { return nil }
        let separator = tokens[index + 1].symbol
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-"),
              tokens[index + 3].symbol == separator else { return nil }
        let first = tokens[index], second = tokens[index + 2], third = tokens[index + 4]
        guard first.value >= 0, second.value >= 0, third.value >= 0 else { return nil }

        // The time, if any: `19/12/2019 - 03:00`, `6/5/2009 12:00:00 AM`, `14.12.2017, 10:30`.
        var next = index + 5
        var time: TimeOfDay.Reading?
        if next < tokens.count {
            var timeIndex = next
            if tokens.isSymbol(timeIndex, UInt8(ascii: "-")) || tokens.isSymbol(timeIndex, UInt8(ascii: ",")) { timeIndex += 1 }
            guard let reading = TimeOfDay.read(tokens, from: timeIndex) else { return nil }
            time = reading
            next = reading.next
        }
        guard next == tokens.count else { return nil }

        if first.length == 4, (1...2).contains(second.length), (1...2).contains(third.length) {
            return finish(year: first.value, month: second.value, day: third.value, time: time, rule: "date.ymd")
        }
        guard third.length == 4, (1...2).contains(first.length), (1...2).contains(second.length) else { return nil }
        let year = third.value
        let dayFirst = valid(year: year, month: second.value, day: first.value)
        let monthFirst = valid(year: year, month: first.value, day: second.value)
        switch (dayFirst, monthFirst) {
        case (false, false):
            return nil
        case (true, false):
            return finish(year: year, month: second.value, day: first.value, time: time, rule: "date.dmy")
        case (false, true):
            return finish(year: year, month: first.value, day: second.value, time: time, rule: "date.mdy")
        case (true, true):
            if first.value == second.value || order == .dayFirst || (order == .unknown && separator == UInt8(ascii: ".")) {
                return finish(year: year, month: second.value, day: first.value, time: time,
                              rule: order == .monthFirst ? "date.mdy" : "date.dmy")
            }
            if order == .monthFirst {
                return finish(year: year, month: first.value, day: second.value, time: time, rule: "date.mdy")
            }
            // A day name can decide: `mar, 10/12/2019` is Tuesday 10 December, not Saturday 12 October.
            if let weekday {
                let dayFirstMatches = DateText.weekday(year: year, month: second.value, day: first.value) == weekday
                let monthFirstMatches = DateText.weekday(year: year, month: first.value, day: second.value) == weekday
                if dayFirstMatches && !monthFirstMatches {
                    return finish(year: year, month: second.value, day: first.value, time: time, rule: "date.dmy")
                }
                if monthFirstMatches && !dayFirstMatches {
                    return finish(year: year, month: first.value, day: second.value, time: time, rule: "date.mdy")
                }
            }
            return .ambiguous
        }
    }

    private static func valid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= ISODate.daysIn(month: month, year: year)
    }

    private static func finish(year: Int, month: Int, day: Int, time: TimeOfDay.Reading?, rule: String) -> Reading? {
        guard (1...9999).contains(year), let date = DateText.date(year: year, month: month, day: day),
              let iso = TimeOfDay.combine(date: date, time: time) else { return nil }
        return .date(iso: iso, rule: rule)
    }
}
