/// Reads decimal numbers (`-10.5`, `5`, `1.2e-3`, `+7`) out of geometry text without making strings:
/// the geometry parsers only need the coordinates, and CKAN `spatial` values can be hundreds of kilobytes.
enum CoordinateScanner {
    /// The number starting at `index`, advancing past it; nil (index unchanged) when there is none there.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Double? {
        let start = index
        var position = index
        let count = bytes.count
        var negative = false
        if position < count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0     // digits accumulated in the mantissa
        var dropped = 0         // integer digits that did not fit
        var digits = 0
        var exponent = 0
        while position < count, isDigit(bytes[position]) {
            if significant < 19 {
                mantissa = mantissa * 10 + UInt64(bytes[position] - 48)
                if mantissa > 0 { significant += 1 }
            } else {
                dropped += 1
            }
            digits += 1
            position += 1
        }
        if position < count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < count, isDigit(bytes[position]) {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[position] - 48)
                    if mantissa > 0 { significant += 1 }
                    exponent -= 1
                }
                digits += 1
                position += 1
            }
        }
        guard digits > 0 else { return nil }
        exponent += dropped
        if position < count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var look = position + 1
            var exponentNegative = false
            if look < count, bytes[look] == UInt8(ascii: "-") || bytes[look] == UInt8(ascii: "+") {
                exponentNegative = bytes[look] == UInt8(ascii: "-")
                look += 1
            }
            var value = 0
            var exponentDigits = 0
            while look < count, isDigit(bytes[look]) {
                if value < 10_000 { value = value * 10 + Int(bytes[look] - 48) }
                exponentDigits += 1
                look += 1
            }
            if exponentDigits > 0 {
                exponent += exponentNegative ? -value : value
                position = look
            }
        }
        let magnitude: Double
        if mantissa < 1 << 53, abs(exponent) <= 22 {
            // Both operands exact, so one correctly rounded operation: the same double as strtod.
            magnitude = exponent < 0 ? Double(mantissa) / powersOfTen[-exponent] : Double(mantissa) * powersOfTen[exponent]
        } else {
            // Rare (over 19 digits, huge exponents): let the standard library read the text.
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            index = position
            return value
        }
        index = position
        return negative ? -magnitude : magnitude
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }
}

/// The smallest and largest first and second ordinates of a set of positions.
struct Extent {
    var minX = Double.infinity, minY = Double.infinity
    var maxX = -Double.infinity, maxY = -Double.infinity
    var count = 0

    mutating func add(_ x: Double, _ y: Double) {
        minX = min(minX, x); maxX = max(maxX, x)
        minY = min(minY, y); maxY = max(maxY, y)
        count += 1
    }

    var isEmpty: Bool { count == 0 }
}
