/// The time part that may follow a non-ISO date: `11:05:30 GMT`, `- 03:00`, `12:00:00 AM`, `10:21 +0200`.
enum TimeOfDay {
    /// `HH:MM[:SS]` and an ISO offset (`+02:00`, `Z`) or nil when no zone was given.
    struct Reading {
        var time: String
        var zone: String?
        var next: Int
    }

    /// Reads a time from token `index`; nil when the tokens there are not a time.
    static func read(_ tokens: DateTokens, from index: Int) -> Reading? {
        var index = index
        guard var hour = tokens.number(index, digits: 1...2), tokens.isSymbol(index + 1, UInt8(ascii: ":")),
              let minute = tokens.number(index + 2, digits: 2), minute < 60 else { return nil }
        index += 3
        var second: Int?
        if tokens.isSymbol(index, UInt8(ascii: ":")) {
            guard let value = tokens.number(index + 1, digits: 2), value <= 60 else { return nil }
            second = value
            index += 2
            if tokens.isSymbol(index, UInt8(ascii: ".")) || tokens.isSymbol(index, UInt8(ascii: ",")),
               index + 1 < tokens.count, tokens[index + 1].kind == .number {
                index += 2
            }
        }
        if let word = tokens.word(index), word == "am" || word == "pm" {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (word == "pm" ? 12 : 0)
            index += 1
        }
        guard hour <= 24 else { return nil }
        var time = "\(DateText.pad(hour, 2)):\(DateText.pad(minute, 2))"
        if let second { time += ":\(DateText.pad(second, 2))" }
        var zone: String?
        if let word = tokens.word(index), let offset = namedZones[word] {
            zone = offset
            index += 1
            // `GMT+0200`
            if let numeric = numericZone(tokens, at: index) {
                zone = numeric.zone
                index = numeric.next
            }
        } else if let numeric = numericZone(tokens, at: index) {
            zone = numeric.zone
            index = numeric.next
        }
        return Reading(time: time, zone: zone, next: index)
    }

    /// `+0200`, `-05:00`, `+02`.
    private static func numericZone(_ tokens: DateTokens, at index: Int) -> (zone: String, next: Int)? {
        let sign: String
        if tokens.isSymbol(index, UInt8(ascii: "+")) { sign = "+" } else if tokens.isSymbol(index, UInt8(ascii: "-")) { sign = "-" } else { return nil }
        if let value = tokens.number(index + 1, digits: 4...4) {
            return ("\(sign)\(DateText.pad(value / 100, 2)):\(DateText.pad(value % 100, 2))", index + 2)
        }
        if let hours = tokens.number(index + 1, digits: 1...2) {
            if tokens.isSymbol(index + 2, UInt8(ascii: ":")), let minutes = tokens.number(index + 3, digits: 2...2) {
                return ("\(sign)\(DateText.pad(hours, 2)):\(DateText.pad(minutes, 2))", index + 4)
            }
            return ("\(sign)\(DateText.pad(hours, 2)):00", index + 2)
        }
        return nil
    }

    /// RFC 822 zone names, `UTC`, and the abbreviations most often met in European and Australian feeds.
    /// Ambiguous ones (`IST`, `CST` outside North America) follow RFC 822's North American reading or are absent.
    static let namedZones: [String: String] = [
        "gmt": "+00:00", "ut": "+00:00", "utc": "+00:00", "z": "+00:00",
        "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00",
        "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00",
        "wet": "+00:00", "west": "+01:00", "bst": "+01:00", "cet": "+01:00", "cest": "+02:00",
        "met": "+01:00", "mest": "+02:00", "eet": "+02:00", "eest": "+03:00",
        "jst": "+09:00", "aest": "+10:00", "aedt": "+11:00", "nzst": "+12:00", "nzdt": "+13:00",
    ]

    /// Date and time as one ISO text, read back through `ISODate` (which checks it and converts a zone to UTC).
    static func combine(date: String, time: Reading?) -> String? {
        guard let time else { return ISODate.normalise(date) }
        return ISODate.normalise("\(date)T\(time.time)\(time.zone ?? "")")
    }
}
