/// Recognises ISO 8601 repeating intervals, which data.json uses for `accrualPeriodicity` and which turn up in
/// date fields (`modified: "R/P1D"` in agency_usaid.data.json, 121 times): `R/P1D`, `R/PT1H`, `R5/P1W`,
/// `R/2019-01-01/P1M`. They are frequencies, not dates.
enum RepeatingInterval {
    /// True when `bytes` (trimmed) is a repeating interval.
    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "R") else { return false }
        var index = 1
        while index < bytes.count, DateTokens.isDigit(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "/") else { return false }
        // The rest must hold a duration: `P` followed by a digit (or `T` and a digit).
        var sawDuration = false
        var position = index + 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 { return false }
            if byte == UInt8(ascii: "P"), position + 1 < bytes.count,
               DateTokens.isDigit(bytes[position + 1]) || bytes[position + 1] == UInt8(ascii: "T") { sawDuration = true }
            position += 1
        }
        return sawDuration
    }
}
