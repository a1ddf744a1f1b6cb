/// The 27 characters Windows-1252 puts at bytes 0x80–0x9F where ISO 8859-1 has control codes. Used to read
/// numeric references in that range as browsers do (`&#150;` → `–`) and to undo UTF-8 read as Windows-1252
/// (`â€“` → `–`, ckan/hdx_unesco_dataset_package.json).
enum Windows1252 {
    /// The character for byte 0x80–0x9F, nil for the five unassigned bytes.
    static func scalar(forByte byte: UInt8) -> Unicode.Scalar? {
        guard byte >= 0x80, byte <= 0x9F, let value = high[Int(byte - 0x80)] else { return nil }
        return Unicode.Scalar(value)
    }

    /// The byte Windows-1252 (with ISO 8859-1 for 0xA0–0xFF and the unassigned 0x80–0x9F) uses for `scalar`.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 || (value >= 0xA0 && value <= 0xFF) { return UInt8(value) }
        if value >= 0x80 && value <= 0x9F { return UInt8(value) }   // unassigned bytes passed through as C1 controls
        return reverse[value]
    }

    private static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    private static let reverse: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in high.enumerated() { if let value { table[value] = UInt8(0x80 + offset) } }
        return table
    }()
}
