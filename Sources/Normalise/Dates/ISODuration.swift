/// ISO 8601 durations in whole units (`P1Y`, `P3M`, `P2W`, `P1DT12H`, `PT6H`, `P1Y2M10DT2H30M`), and the date
/// arithmetic that turns an interval given as `start/duration` or `duration/end` (`2020-01-01/P1Y`,
/// `P1M/2021-03-01`) into its start and end, as ISO 8601 defines it: years and months move the calendar month and
/// keep the day inside it (`2020-01-31` + `P1M` = `2020-02-29`), then days and the time are added.
/// Fractions (`P1.5Y`) are not read.
struct ISODuration: Equatable {
    var months = 0
    var days = 0
    var seconds = 0
    /// The finest unit the duration names: a date moved by it is written at least at that precision
    /// (`2020` + `P6M` = `2020-07`).
    var precision = CalendarPoint.Precision.year

    /// Nil when `bytes` (white space around it allowed) is not a duration in whole units.
    init?(_ bytes: ArraySlice<UInt8>) {
        var bytes = bytes
        while let first = bytes.first, first == 0x20 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 { bytes = bytes.dropLast() }
        guard bytes.first == UInt8(ascii: "P"), bytes.count >= 3 else { return nil }
        var scanner = DigitScanner(Array(bytes.dropFirst()))
        var inTime = false
        var lastUnit = -1
        var components = 0
        while !scanner.atEnd {
            if !inTime, scanner.take(UInt8(ascii: "T")) {
                inTime = true
                continue
            }
            let start = scanner.index
            guard (1...9).contains(scanner.skipDigits()) else { return nil }
            let value = Int(String(decoding: scanner.bytes[start..<scanner.index], as: UTF8.self)) ?? 0
            guard !scanner.atEnd else { return nil }
            let designator = scanner.bytes[scanner.index]
            scanner.index += 1
            // Units in the order ISO 8601 writes them: Y M W D, then T H M S.
            let units: [UInt8] = inTime ? Array("HMS".utf8) : Array("YMWD".utf8)
            guard let position = units.firstIndex(of: designator) else { return nil }
            let unit = (inTime ? 4 : 0) + position
            guard unit > lastUnit else { return nil }
            lastUnit = unit
            components += 1
            switch unit {
            case 0: months += value * 12; precision = max(precision, .year)
            case 1: months += value; precision = max(precision, .month)
            case 2: days += value * 7; precision = max(precision, .day)
            case 3: days += value; precision = max(precision, .day)
            case 4: seconds += value * 3600; precision = max(precision, .minute)
            case 5: seconds += value * 60; precision = max(precision, .minute)
            default: seconds += value; precision = max(precision, .second)
            }
        }
        // `PT` needs a time unit after it.
        guard components > 0, !inTime || lastUnit >= 4 else { return nil }
    }

    /// `iso` moved forwards (`sign` 1) or backwards (-1) by the duration, written at the finer of its own
    /// precision and the duration's; nil when `iso` is not a calendar date (a week `2023-W05`).
    func move(_ iso: String, by sign: Int) -> String? {
        guard var point = CalendarPoint(iso: iso) else { return nil }
        point.precision = max(point.precision, precision)
        if months != 0 {
            let index = point.year * 12 + point.month - 1 + sign * months
            point.year = index >= 0 ? index / 12 : (index - 11) / 12
            point.month = index - point.year * 12 + 1
            point.day = min(point.day, ISODate.daysIn(month: point.month, year: point.year))
        }
        let total = (DateText.days(year: point.year, month: point.month, day: point.day) + sign * days) * 86_400
            + point.secondOfDay + sign * seconds
        let dayNumber = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        point.secondOfDay = total - dayNumber * 86_400
        (point.year, point.month, point.day) = DateText.civil(daysSinceEpoch: dayNumber)
        return point.iso
    }
}
