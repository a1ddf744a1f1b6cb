/// A JSON number kept as its exact source text, with lossless and lossy numeric views.
///
/// Two numbers are equal when their literals are identical: `1`, `1.0` and `1e0` are
/// three different numbers here, because a harvester must be able to write back exactly
/// what a portal sent.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The exact text of the number as it appeared in the document, e.g. `"10004794304"`,
    /// `"43008.0"` or `"-1.5e3"`. Always valid RFC 8259 number syntax.
    public let literal: String

    /// Wraps a literal that the caller has already validated.
    init(unchecked literal: String) {
        self.literal = literal
    }

    /// Creates a number from JSON number text; nil unless `literal` is valid RFC 8259
    /// number syntax (no leading `+`, no leading zeros, no `.5`, no `NaN`/`Infinity`).
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(literal) else { return nil }
        self.literal = literal
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// Creates a number from a 64-bit integer.
    public init(_ value: Int64) {
        self.literal = String(value)
    }

    /// Creates a number from a double; nil for NaN and infinities, which JSON cannot express.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        // Swift prints the shortest round-tripping form ("1.5", "43008.0", "1e-07", "1e+20"),
        // which is always valid JSON number syntax for finite values.
        self.literal = value.description
    }

    /// The value as a Double (nearest representable; may overflow to ±infinity for huge
    /// exponents, which Double(String) reports as such).
    public var double: Double? {
        Double(literal)
    }

    /// The value as an Int64 when it is integral and fits: `"42"`, `"-7"`, and also
    /// `"43008.0"` or `"1e3"` (integral values written with a fraction or exponent).
    /// Nil for `"1.5"`, or for integers outside the Int64 range such as
    /// `"123456789012345678901234567890"`.
    public var int64: Int64? {
        if let direct = Int64(literal) { return direct }
        return JSONNumber.exactInteger(literal)
    }

    /// True when the literal is written without a fraction or exponent.
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// The literal text.
    public var description: String { literal }

    // MARK: - Helpers

    /// Exact integer value of a literal with a fraction and/or exponent, or nil when the
    /// value is not integral or does not fit in an Int64.
    static func exactInteger(_ literal: String) -> Int64? {
        var digits: [UInt8] = []  // significant digits, integer part then fraction
        var negative = false
        var fractionDigits = 0
        var exponent = 0
        var exponentNegative = false
        var phase = 0  // 0 integer, 1 fraction, 2 exponent
        var sawExponentDigit = false
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "-"):
                if phase == 0 { negative = true } else if phase == 2 { exponentNegative = true } else { return nil }
            case UInt8(ascii: "+"):
                guard phase == 2 else { return nil }
            case UInt8(ascii: "."):
                guard phase == 0 else { return nil }
                phase = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard phase < 2 else { return nil }
                phase = 2
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if phase == 2 {
                    sawExponentDigit = true
                    // Cap: anything this large is either zero-valued or overflows anyway.
                    if exponent < 10_000 { exponent = exponent * 10 + Int(byte - UInt8(ascii: "0")) }
                } else {
                    digits.append(byte - UInt8(ascii: "0"))
                    if phase == 1 { fractionDigits += 1 }
                }
            default:
                return nil
            }
        }
        if phase == 2 && !sawExponentDigit { return nil }
        // value = digits * 10^(scale)
        var scale = (exponentNegative ? -exponent : exponent) - fractionDigits
        // Drop leading zeros.
        var first = 0
        while first < digits.count && digits[first] == 0 { first += 1 }
        if first == digits.count { return 0 }
        var last = digits.count
        // Drop trailing zeros into the scale.
        while last > first && digits[last - 1] == 0 {
            last -= 1
            scale += 1
        }
        if scale < 0 { return nil }  // a non-zero fractional digit remains
        if (last - first) + scale > 19 { return nil }  // more than 19 digits never fits
        // Accumulate as a negative number so that Int64.min is representable.
        var value: Int64 = 0
        for index in first..<last {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(Int64(digits[index]))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        for _ in 0..<scale {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = times10
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// RFC 8259 number grammar check.
    static func isValidLiteral(_ literal: String) -> Bool {
        var text = literal
        return text.withUTF8 { buffer in
            JSONNumber.scanNumber(buffer, from: 0) == buffer.count && !buffer.isEmpty
        }
    }

    /// Scans an RFC 8259 number starting at `start`; returns the index just past it, or
    /// -1 - (offending index) when the grammar is violated. Shared by the parser.
    @inline(__always)
    static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let end = bytes.count
        var index = start
        if index < end && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { return -1 - index }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index += 1
            // "01" is not a number; reject instead of reading "0" then a stray "1".
            if index < end && bytes[index] &- UInt8(ascii: "0") < 10 { return -1 - index }
        } else if first &- UInt8(ascii: "1") < 9 {
            index += 1
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        } else {
            return -1 - index
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end && bytes[index] &- UInt8(ascii: "0") < 10 else { return -1 - index }
            index += 1
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        }
        if index < end && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < end && bytes[index] &- UInt8(ascii: "0") < 10 else { return -1 - index }
            index += 1
            while index < end && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        }
        return index
    }
}
