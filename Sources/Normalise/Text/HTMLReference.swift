/// Character references for `HTMLText`: `&amp;`, `&#233;`, `&#xE9;`, `&#150;` (read as Windows-1252).
extension HTMLText {
    /// A character reference at a `&`.
    enum Reference {
        /// The character and the index after the `;`.
        static func parse(_ bytes: [UInt8], at start: Int) -> (scalar: Unicode.Scalar, end: Int)? {
            var index = start + 1
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "#") {
                index += 1
                let hex = index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "x")
                if hex { index += 1 }
                var value: UInt32 = 0
                let digitsStart = index
                while index < bytes.count, index - digitsStart < 8, let digit = digitValue(bytes[index], hex: hex) {
                    value = value * (hex ? 16 : 10) + digit
                    index += 1
                }
                guard index > digitsStart, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
                if value >= 0x80 && value <= 0x9F, let scalar = Windows1252.scalar(forByte: UInt8(value)) { return (scalar, index + 1) }
                guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
                return (scalar, index + 1)
            }
            let nameStart = index
            while index < bytes.count, index - nameStart < 10, isLetter(bytes[index]) || isDigit(bytes[index]) { index += 1 }
            guard index > nameStart, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            guard let scalar = HTMLEntities.scalar(named: Substring(name)) else { return nil }
            return (scalar, index + 1)
        }

        /// `bytes` with every reference decoded.
        static func decodeAll(_ bytes: [UInt8]) -> String {
            var output: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "&"), let (scalar, end) = parse(bytes, at: index) {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index = end
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }

        private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
            if isDigit(byte) { return UInt32(byte - 48) }
            let lower = byte | 0x20
            if hex, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return UInt32(lower - 87) }
            return nil
        }
    }
}
