/// The scheme of an identifier value (`doi`, `uri` or none), as `SchemaOrgMapper.scheme(of:)` gives it.
///
/// That function lower-cases the text and searches it with Foundation (some thirteen thousand instructions a
/// call); for ASCII text, where lower-casing only maps `A`–`Z` and characters are bytes, the same answer comes
/// from comparing bytes. Other text goes to that function.
enum DCATIdentifierScheme {
    static func of(_ value: String) -> String? {
        var value = value
        let answer: String?? = value.withUTF8 { utf8 -> String?? in
            guard !utf8.contains(where: { $0 >= 0x80 }) else { return .none }
            if contains(utf8, "doi.org/10.") || starts(utf8, "doi:") || starts(utf8, "10.") { return "doi" }
            if starts(utf8, "http://") || starts(utf8, "https://") || starts(utf8, "urn:") { return "uri" }
            return .some(nil)
        }
        if let answer { return answer }
        return SchemaOrgMapper.scheme(of: value)
    }

    /// ASCII `byte` lower-cased.
    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// True when `text` lower-cased starts with `prefix` (lower-case ASCII).
    private static func starts(_ text: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, at offset: Int = 0) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard offset + count <= text.count else { return false }
        let needle = prefix.utf8Start
        for index in 0..<count where lower(text[offset + index]) != needle[index] { return false }
        return true
    }

    /// True when `text` lower-cased holds `needle` (lower-case ASCII).
    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count <= text.count else { return false }
        let first = needle.utf8Start[0]
        for offset in 0...(text.count - count) where lower(text[offset]) == first {
            if starts(text, needle, at: offset) { return true }
        }
        return false
    }
}
