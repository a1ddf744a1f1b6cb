/// Writes calendar values as the ISO 8601 text fedcat keeps, and checks them.
enum DateText {
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// An ISO 8601 year, with a leading `-` for astronomical years before 1 (`-0499` is 500 BC).
    static func year(_ year: Int) -> String { year < 0 ? "-" + pad(-year, 4) : pad(year, 4) }

    /// `YYYY-MM-DD`, or `YYYY-MM` when `day` is nil; nil when the day does not exist.
    static func date(year: Int, month: Int, day: Int?) -> String? {
        guard (1...12).contains(month) else { return nil }
        guard let day else { return "\(self.year(year))-\(pad(month, 2))" }
        guard day >= 1, day <= ISODate.daysIn(month: month, year: year) else { return nil }
        return "\(self.year(year))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The UTC calendar date and time of a count of seconds since 1970-01-01T00:00:00Z (`YYYY-MM-DDTHH:MM:SSZ`).
    static func utc(secondsSinceEpoch seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSinceEpoch: days)
        return "\(self.year(year))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Howard Hinnant's `days_from_civil`: days from 1970-01-01 to the proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let days = days(year: year, month: month, day: day)
        return ((days + 3) % 7 + 7) % 7
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date `days` after 1970-01-01.
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
