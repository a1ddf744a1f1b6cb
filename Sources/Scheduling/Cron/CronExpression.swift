import Foundation

/// A parsed cron expression: five fields (minute hour day-of-month month day-of-week) or a macro.
///
/// Day-of-month and day-of-week follow Vixie cron (and cronie): when both are restricted, a day matches
/// when EITHER matches; a field written starting with `*` (including `*/2`) counts as unrestricted, and
/// then both must match. croniter treats `*/2` as restricted; see the README.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    public let minutes: CronValues
    public let hours: CronValues
    public let daysOfMonth: CronValues
    public let months: CronValues
    public let daysOfWeek: CronValues

    public var description: String { text }

    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public init(_ text: String) throws(CronError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        self.text = trimmed
        var fields: String = trimmed
        if trimmed.hasPrefix("@") {
            guard let expansion = Self.macros[trimmed.lowercased()] else { throw .unknownMacro(expression: trimmed) }
            fields = expansion
        }
        let parts = fields.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else { throw .wrongFieldCount(expression: trimmed, count: parts.count) }
        minutes = try CronField.minute.parse(parts[0])
        hours = try CronField.hour.parse(parts[1])
        daysOfMonth = try CronField.dayOfMonth.parse(parts[2])
        months = try CronField.month.parse(parts[3])
        daysOfWeek = try CronField.dayOfWeek.parse(parts[4])
        try checkSomeDayExists()
    }

    /// True when the day (in the schedule's own calendar) is one the expression runs on.
    func matches(day: CivilDate) -> Bool {
        guard months.contains(day.month) else { return false }
        let dom = daysOfMonth.contains(day.day)
        let dow = daysOfWeek.contains(day.weekday)
        if daysOfMonth.unrestricted || daysOfWeek.unrestricted { return dom && dow }
        return dom || dow
    }

    /// Refuses `0 0 30 2 *` and the like: days of month that no chosen month has, with no weekday to fall back on.
    private func checkSomeDayExists() throws(CronError) {
        // With a restricted day-of-week the OR rule always leaves some day.
        guard daysOfWeek.unrestricted else { return }
        let longest = months.values.map { CivilDate.maximumDays(month: $0) }.max() ?? 31
        if let first = daysOfMonth.values.first, first > longest {
            let names = months.values.map(String.init).joined(separator: ",")
            throw .neverRuns(expression: text, reason: "day \(first) does not exist in month \(names) (at most \(longest) days)")
        }
    }
}

/// A day of the Gregorian calendar, without a time zone; arithmetic through Foundation's Calendar in UTC.
struct CivilDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The longest a month can be (February: 29).
    static func maximumDays(month: Int) -> Int {
        switch month {
        case 2: 29
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01.
    init(daysSinceEpoch days: Int) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400))
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Days since 1970-01-01.
    var daysSinceEpoch: Int {
        let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int { ((daysSinceEpoch + 4) % 7 + 7) % 7 }

    func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The first day of the next month.
    var nextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }
}
