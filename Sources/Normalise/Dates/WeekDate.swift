/// Reads the two other ISO 8601 date forms, which weekly and daily statistical series use:
/// - week dates `2023-W05`, `2023-W05-3` and their basic forms `2023W05`, `2023W053` (week 1 is the week with
///   the year's first Thursday, so `2020-W01-1` is 2019-12-30);
/// - ordinal dates `2023-045` (the 45th day of 2023). The basic form `2023045` is not read: seven digits are
///   too often something else.
///
/// A day becomes its calendar date (`2023-02-01`, `2023-02-14`), followed by any time as `ISODate` reads it
/// (`2023-045T10:00Z`). A whole week keeps its precision in the canonical week form (`2023-W05`), which no
/// calendar date can express.
enum WeekDate {
    /// The ISO text and the rule that read it (`date.iso8601-week`, `date.iso8601-ordinal`); nil when `bytes`
    /// is not a week or ordinal date, or names a week or day the year does not have.
    static func read(_ bytes: [UInt8]) -> (iso: String, rule: String)? {
        guard bytes.count >= 7, bytes.count <= 40 else { return nil }
        var scanner = DigitScanner(bytes)
        guard let year = scanner.number(digits: 4), (1...9999).contains(year) else { return nil }
        let extended = scanner.take(UInt8(ascii: "-"))
        if scanner.take(UInt8(ascii: "W")) || scanner.take(UInt8(ascii: "w")) {
            guard let week = scanner.number(digits: 2), (1...weeks(in: year)).contains(week) else { return nil }
            if scanner.atEnd { return ("\(DateText.pad(year, 4))-W\(DateText.pad(week, 2))", "date.iso8601-week") }
            if extended { guard scanner.take(UInt8(ascii: "-")) else { return nil } }
            guard let weekday = scanner.number(digits: 1), (1...7).contains(weekday) else { return nil }
            let days = mondayOfWeekOne(year) + (week - 1) * 7 + weekday - 1
            return withTime(DateText.civil(daysSinceEpoch: days), rest: &scanner).map { ($0, "date.iso8601-week") }
        }
        guard extended, let ordinal = scanner.number(digits: 3), !nextIsDigit(scanner),
              (1...(ISODate.daysIn(month: 2, year: year) == 29 ? 366 : 365)).contains(ordinal) else { return nil }
        let days = DateText.days(year: year, month: 1, day: 1) + ordinal - 1
        return withTime(DateText.civil(daysSinceEpoch: days), rest: &scanner).map { ($0, "date.iso8601-ordinal") }
    }

    /// 52, or 53 when the year starts on a Thursday, or on a Wednesday in a leap year.
    static func weeks(in year: Int) -> Int {
        let first = DateText.weekday(year: year, month: 1, day: 1)
        let leap = ISODate.daysIn(month: 2, year: year) == 29
        return first == 3 || (leap && first == 2) ? 53 : 52
    }

    /// Days from 1970-01-01 to the Monday of the week holding 4 January.
    private static func mondayOfWeekOne(_ year: Int) -> Int {
        DateText.days(year: year, month: 1, day: 4) - DateText.weekday(year: year, month: 1, day: 4)
    }

    /// The calendar date, with the time that follows it (`T10:00Z`) read by `ISODate`.
    private static func withTime(_ date: (year: Int, month: Int, day: Int), rest scanner: inout DigitScanner) -> String? {
        guard (1...9999).contains(date.year), let text = DateText.date(year: date.year, month: date.month, day: date.day) else {
            return nil
        }
        if scanner.atEnd { return text }
        guard let separator = scanner.bytes[scanner.index...].first,
              separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") else { return nil }
        return ISODate.normalise(text + String(decoding: scanner.bytes[scanner.index...], as: UTF8.self))
    }

    private static func nextIsDigit(_ scanner: DigitScanner) -> Bool {
        !scanner.atEnd && DateTokens.isDigit(scanner.bytes[scanner.index])
    }
}
