/// Small helpers to write JSON text by hand (strings and arrays of pre-serialized values).
enum JSONText {
    /// A JSON string literal, with quotes.
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// `[a,b,c]` from already serialized elements.
    static func array<S: Sequence>(_ elements: S) -> [UInt8] where S.Element == [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        var first = true
        for element in elements {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: element)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func stringArray<S: Sequence>(_ strings: S) -> [UInt8] where S.Element == String {
        array(strings.lazy.map { Array(string($0).utf8) })
    }
}
