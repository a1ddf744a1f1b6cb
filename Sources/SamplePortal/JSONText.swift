import FeedParsing

/// Small helpers to write JSON text by hand (strings and arrays of pre-serialized values).
enum JSONText {
    /// A JSON string literal, with quotes.
    static func string(_ s: String) -> String {
        JSONWriter.string(.string(s))
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
