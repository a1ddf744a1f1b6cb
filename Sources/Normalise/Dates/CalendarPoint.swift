/// A date as the readers write it (`2019`, `-0024`, `2019-03`, `2019-03-04`, `2019-03-04T10:21`,
/// `2019-03-04T10:21:33Z`), taken apart for date arithmetic (`ISODuration`) and for comparing the two ends of a
/// period. Week dates (`2023-W05`) are not calendar points.
struct CalendarPoint {
    enum Precision: Int, Comparable {
        case year, month, day, minute, second

        static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var year: Int
    var month = 1
    var day = 1
    var secondOfDay = 0
    var precision: Precision
    /// The text ended in `Z` (a time the source gave with a zone, converted to UTC).
    var zoned = false

    init?(iso: String) {
        var bytes = Array(iso.utf8)
        var sign = 1
        if bytes.first == UInt8(ascii: "-") {
            sign = -1
            bytes.removeFirst()
        }
        if bytes.last == UInt8(ascii: "Z") {
            zoned = true
            bytes.removeLast()
        }
        var scanner = DigitScanner(bytes)
        guard let year = scanner.number(digits: 4) else { return nil }
        self.year = sign * year
        precision = .year
        guard !scanner.atEnd else { return }
        guard scanner.take(UInt8(ascii: "-")), let month = scanner.number(digits: 2), (1...12).contains(month) else { return nil }
        self.month = month
        precision = .month
        guard !scanner.atEnd else { return }
        guard scanner.take(UInt8(ascii: "-")), let day = scanner.number(digits: 2),
              (1...ISODate.daysIn(month: month, year: self.year)).contains(day) else { return nil }
        self.day = day
        precision = .day
        guard !scanner.atEnd else { return }
        guard scanner.take(UInt8(ascii: "T")), let hour = scanner.number(digits: 2), scanner.take(UInt8(ascii: ":")),
              let minute = scanner.number(digits: 2) else { return nil }
        secondOfDay = hour * 3600 + minute * 60
        precision = .minute
        guard !scanner.atEnd else { return }
        guard scanner.take(UInt8(ascii: ":")), let second = scanner.number(digits: 2), scanner.atEnd else { return nil }
        secondOfDay += second
        precision = .second
    }

    /// The text at the point's precision, as the readers write it.
    var iso: String {
        var text = DateText.year(year)
        if precision >= .month { text += "-" + DateText.pad(month, 2) }
        if precision >= .day { text += "-" + DateText.pad(day, 2) }
        if precision >= .minute { text += "T\(DateText.pad(secondOfDay / 3600, 2)):\(DateText.pad(secondOfDay % 3600 / 60, 2))" }
        if precision >= .second { text += ":" + DateText.pad(secondOfDay % 60, 2) }
        return zoned && precision >= .minute ? text + "Z" : text
    }

    /// The fields down to `precision`, for comparing two points at the coarser of their precisions.
    func key(at precision: Precision) -> [Int] {
        let fields = [year, month, day, secondOfDay / 60, secondOfDay]
        return Array(fields[...precision.rawValue])
    }

    /// True when this point, as an end, lies wholly before `start` (compared at the coarser precision, so
    /// `2015` does not end before `2015-06`).
    func endsBefore(_ start: CalendarPoint) -> Bool {
        let common = min(precision, start.precision)
        return key(at: common).lexicographicallyPrecedes(start.key(at: common))
    }
}
