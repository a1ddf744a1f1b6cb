/// Canonical lexical forms of numbers for JSON-LD's RDF conversion and JSON literals.
enum JSONLDNumberFormat {
    /// The digits and decimal exponent of the shortest text that reads back as `value` (finite, non-zero):
    /// `1.5` is ("15", 0), meaning 1.5 × 10^0.
    private static func shortestDigits(_ value: Double) -> (negative: Bool, digits: [UInt8], exponent: Int) {
        let text = abs(value).description  // "1.5", "1e-05", "1.2345e+21", "0.001"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition: Int?
        for byte in mantissa.utf8 {
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
        }
        var integerDigits = pointPosition ?? digits.count
        while digits.count > 1 && digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            integerDigits -= 1
        }
        while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (value < 0, digits, exponent + integerDigits - 1)
    }

    /// XSD canonical double: `1.5E0`, `1.0E21`, `-2.5E-7`, `0.0E0`.
    static func canonicalDouble(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0.0E0" : "0.0E0" }
        let (negative, digits, exponent) = shortestDigits(value)
        var text = negative ? "-" : ""
        text += String(decoding: digits.prefix(1), as: UTF8.self)
        text += "."
        text += digits.count > 1 ? String(decoding: digits.dropFirst(), as: UTF8.self) : "0"
        text += "E" + String(exponent)
        return text
    }

    /// An integral double below 10^21 written as an integer: `1e20` is `100000000000000000000`.
    static func integerText(_ value: Double) -> String {
        if value == 0 { return "0" }
        let (negative, digits, exponent) = shortestDigits(value)
        var text = negative ? "-" : ""
        text += String(decoding: digits, as: UTF8.self)
        let zeros = exponent + 1 - digits.count
        if zeros > 0 { text += String(repeating: "0", count: zeros) }
        return text
    }

    /// ECMAScript's Number-to-String, as JSON canonicalisation (RFC 8785) writes numbers: `1.5`, `100`,
    /// `1e+21`, `1e-7`.
    static func ecmaScript(_ value: Double) -> String {
        if value == 0 { return "0" }
        let (negative, digits, exponent) = shortestDigits(value)
        let sign = negative ? "-" : ""
        let n = exponent + 1  // position of the decimal point after the first digit count
        let k = digits.count
        let allDigits = String(decoding: digits, as: UTF8.self)
        if k <= n && n <= 21 {
            return sign + allDigits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let split = allDigits.index(allDigits.startIndex, offsetBy: n)
            return sign + allDigits[..<split] + "." + allDigits[split...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + allDigits
        }
        let exponentText = (n - 1 >= 0 ? "+" : "-") + String(abs(n - 1))
        if k == 1 { return sign + allDigits + "e" + exponentText }
        let first = allDigits.prefix(1)
        return sign + first + "." + allDigits.dropFirst() + "e" + exponentText
    }
}
