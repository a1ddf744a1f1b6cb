/// Reads ISO 8601 / RFC 3339 dates at any precision (year, month, day, minutes, seconds, fractions, offsets,
/// a space instead of `T`) and writes them back in one canonical form at the precision published.
public enum ISODate {
    /// `2019`, `2019-03`, `2019-03-04`, `2019-03-04T10:21`, `2019-03-04T10:21:33`, with `Z` when the source gave
    /// a zone (converted to UTC); nil when `text` is not such a date.
    public static func normalise(_ text: String) -> String? {
        // A date starts with a digit: most other text is refused without copying it.
        guard let first = text.utf8.first, first &- UInt8(ascii: "0") < 10 else { return nil }
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), (1...9999).contains(year) else { return nil }
        if scanner.atEnd { return pad(year, 4) }
        guard scanner.take(UInt8(ascii: "-")), let month = scanner.number(digits: 2), (1...12).contains(month) else { return nil }
        if scanner.atEnd { return "\(pad(year, 4))-\(pad(month, 2))" }
        guard scanner.take(UInt8(ascii: "-")), let day = scanner.number(digits: 2),
              (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        if scanner.atEnd { return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
        guard scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t")) || scanner.take(UInt8(ascii: " ")),
              let hour = scanner.number(digits: 2), hour <= 24,
              scanner.take(UInt8(ascii: ":")), let minute = scanner.number(digits: 2), minute < 60 else { return nil }
        var second: Int?
        if scanner.take(UInt8(ascii: ":")) {
            guard let value = scanner.number(digits: 2), value <= 60 else { return nil }
            second = value
            if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                guard scanner.skipDigits() > 0 else { return nil }
            }
        }
        var offsetMinutes: Int?
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            offsetMinutes = 0
        } else if let sign = scanner.takeSign() {
            guard let hours = scanner.number(digits: 2), hours <= 14 else { return nil }
            _ = scanner.take(UInt8(ascii: ":"))
            let minutes = scanner.atEnd ? 0 : scanner.number(digits: 2)
            guard let minutes, minutes < 60 else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        guard scanner.atEnd else { return nil }
        var stamp = Stamp(year: year, month: month, day: day, minuteOfDay: hour * 60 + minute)
        if let offsetMinutes { stamp.shift(minutes: -offsetMinutes) }
        guard (0...9999).contains(stamp.year) else {
            let date = "\(pad(stamp.year, 4))-\(pad(stamp.month, 2))-\(pad(stamp.day, 2))"
            let time = "\(pad(stamp.minuteOfDay / 60, 2)):\(pad(stamp.minuteOfDay % 60, 2))" + (second.map { ":\(pad($0, 2))" } ?? "")
            return "\(date)T\(time)\(offsetMinutes == nil ? "" : "Z")"
        }
        // The usual case written byte by byte into the string's own storage (the interpolations above cost more
        // than reading the date; an array of bytes made into a string cost a third of it).
        let length = 16 + (second == nil ? 0 : 3) + (offsetMinutes == nil ? 0 : 1)
        return String(unsafeUninitializedCapacity: length) { out in
            write(stamp.year, 4, to: out, at: 0)
            out[4] = UInt8(ascii: "-")
            write(stamp.month, 2, to: out, at: 5)
            out[7] = UInt8(ascii: "-")
            write(stamp.day, 2, to: out, at: 8)
            out[10] = UInt8(ascii: "T")
            write(stamp.minuteOfDay / 60, 2, to: out, at: 11)
            out[13] = UInt8(ascii: ":")
            write(stamp.minuteOfDay % 60, 2, to: out, at: 14)
            if let second {
                out[16] = UInt8(ascii: ":")
                write(second, 2, to: out, at: 17)
            }
            if offsetMinutes != nil { out[length - 1] = UInt8(ascii: "Z") }
            return length
        }
    }

    /// `value` (0 ≤ value < 10^width) in exactly `width` decimal digits at `start`.
    private static func write(_ value: Int, _ width: Int, to out: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// A calendar position that can move by whole minutes across day, month and year ends.
    private struct Stamp {
        var year, month, day, minuteOfDay: Int

        mutating func shift(minutes: Int) {
            minuteOfDay += minutes
            while minuteOfDay < 0 { minuteOfDay += 1440; stepDay(-1) }
            while minuteOfDay >= 1440 { minuteOfDay -= 1440; stepDay(1) }
        }

        private mutating func stepDay(_ delta: Int) {
            day += delta
            if day < 1 {
                month -= 1
                if month < 1 { month = 12; year -= 1 }
                day = ISODate.daysIn(month: month, year: year)
            } else if day > ISODate.daysIn(month: month, year: year) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
    }
}

/// Walks ASCII bytes for the date readers.
struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func takeSign() -> Int? {
        if take(UInt8(ascii: "+")) { return 1 }
        if take(UInt8(ascii: "-")) { return -1 }
        return nil
    }

    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
        return index - start
    }
}
