/// Serialises triples as canonical N-Triples (RDF 1.2): one `subject predicate object .` line each, single spaces,
/// UTF-8 characters written as themselves.
///
/// - Literals escape `"` `\` and line feed, carriage return, tab, backspace and form feed as `\"` `\\` `\n` `\r` `\t`
///   `\b` `\f`; the other control characters (U+0000–U+001F, U+007F) as `\u00XX`. `^^xsd:string` is left out (a
///   plain literal is an `xsd:string`); a language tag wins over a datatype. A language tag that is not
///   `letters(-alphanumerics)*` cannot be written and is dropped.
/// - IRIs escape the characters N-Triples does not allow in `<…>` as `\u00XX`, except space, `<`, `>` and U+0000,
///   which readers refuse even escaped: those are percent-encoded (`%20`, `%3C`, `%3E`, `%00`).
/// - Blank nodes are written `_:label`. A label that is not a valid N-Triples label has each offending character
///   replaced by `_uXXXX_` (its code point), which keeps distinct labels apart in practice.
public enum NTriplesWriter {
    /// Appends one triple, with its line break.
    public static func append(_ triple: RDFTriple, to bytes: inout [UInt8]) {
        append(triple.subject, to: &bytes)
        bytes.append(0x20)
        appendIRI(triple.predicate, to: &bytes)
        bytes.append(0x20)
        append(triple.object, to: &bytes)
        bytes.append(0x20)
        bytes.append(0x2E)
        bytes.append(0x0A)
    }

    /// The triples as an N-Triples document.
    public static func serialise(_ triples: some Sequence<RDFTriple>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(triples.underestimatedCount * 120)
        for triple in triples { append(triple, to: &bytes) }
        return bytes
    }

    /// Appends one term as N-Triples writes it.
    public static func append(_ term: RDFTerm, to bytes: inout [UInt8]) {
        switch term {
        case .iri(let iri):
            appendIRI(iri, to: &bytes)
        case .blank(let label):
            bytes.append(0x5F)
            bytes.append(0x3A)
            appendLabel(label, to: &bytes)
        case .literal(let lexical, let datatype, let language):
            bytes.append(0x22)
            _ = appendLiteralText(lexical, to: &bytes)
            bytes.append(0x22)
            if let language, !language.isEmpty, isLanguageTag(language) {
                bytes.append(0x40)
                bytes.append(contentsOf: language.utf8)
            } else if let datatype, datatype != xsdString {
                bytes.append(0x5E)
                bytes.append(0x5E)
                appendIRI(datatype, to: &bytes)
            }
        }
    }

    // MARK: - Pieces

    static let xsdString = "http://www.w3.org/2001/XMLSchema#string"

    static func appendIRI(_ iri: String, to bytes: inout [UInt8]) {
        bytes.append(0x3C)
        appendEscaped(iri, to: &bytes, table: iriEscapes, escape: escapeIRIByte)
        bytes.append(0x3E)
    }

    /// Appends `text`, passing each byte marked in `table` to `escape`; runs of other bytes are copied at once.
    @inline(__always)
    private static func appendEscaped(_ text: String, to bytes: inout [UInt8], table: [Bool],
                                      escape: (UInt8, inout [UInt8]) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count where table[Int(utf8[index])] {
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                escape(utf8[index], &bytes)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    /// Appends `<iri>` as `appendIRI` does and returns `isPlainIRI(iri)`, in one pass that steps over eight bytes
    /// at a time while none is escaped, non-ASCII or DEL.
    static func appendCheckedIRI(_ iri: String, to bytes: inout [UInt8]) -> Bool {
        var iri = iri
        return iri.withUTF8 { appendCheckedIRI(bytes: $0, to: &bytes) }
    }

    /// `appendCheckedIRI(_:to:)` for an IRI given as UTF-8 bytes.
    public static func appendCheckedIRI(bytes utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        var plain = startsWithScheme(utf8)
        bytes.append(0x3C)
        appendStepping(utf8, to: &bytes, clean: { !mayNeedIRIEscape($0) }, escaped: { byte in
            if byte >= 0x7F {
                plain = false
                return false
            }
            guard iriEscapes[Int(byte)] else { return false }
            plain = false
            return true
        }, escape: escapeIRIByte)
        bytes.append(0x3E)
        return plain
    }

    /// True unless all eight bytes are printable ASCII that an IRI is written with as they are.
    @inline(__always)
    private static func mayNeedIRIEscape(_ word: UInt64) -> Bool {
        if word & ByteWord.highs != 0 || ByteWord.hasBelow(word, 0x21) { return true }
        return ByteWord.has(word, 0x22) || ByteWord.has(word, 0x3C) || ByteWord.has(word, 0x3E) || ByteWord.has(word, 0x5C)
            || ByteWord.has(word, 0x5E) || ByteWord.has(word, 0x60) || ByteWord.has(word, 0x7B) || ByteWord.has(word, 0x7C)
            || ByteWord.has(word, 0x7D) || ByteWord.has(word, 0x7F)
    }

    /// Appends a literal's text escaped (the quotes aside), stepping eight bytes at a time while none needs an
    /// escape; true when the text holds U+0000.
    static func appendLiteralText(_ text: String, to bytes: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { appendLiteralText(bytes: $0, to: &bytes) }
    }

    /// `appendLiteralText(_:to:)` for a text given as UTF-8 bytes.
    public static func appendLiteralText(bytes utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Bool {
        var hasNUL = false
        appendStepping(utf8, to: &bytes, clean: { !needsLiteralEscape($0) }, escaped: { byte in
            if byte == 0 { hasNUL = true }
            return literalEscapes[Int(byte)]
        }, escape: escapeLiteralByte)
        return hasNUL
    }

    /// Appends `utf8`, writing each byte `escaped` claims through `escape` and copying runs of the others at once;
    /// eight-byte words `clean` passes are copied without looking at their bytes.
    @inline(__always)
    private static func appendStepping(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], clean: (UInt64) -> Bool,
                                       escaped: (UInt8) -> Bool, escape: (UInt8, inout [UInt8]) -> Void) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index < count {
            if index + 8 <= count, clean(ByteWord.load(base, index)) {
                index += 8
                continue
            }
            let byte = base[index]
            if escaped(byte) {
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                escape(byte, &bytes)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// True when one of the eight bytes of `word` is escaped in a literal: below 0x20, `"`, `\` or DEL.
    @inline(__always)
    static func needsLiteralEscape(_ word: UInt64) -> Bool {
        ByteWord.hasBelow(word, 0x20) || ByteWord.has(word, 0x22) || ByteWord.has(word, 0x5C) || ByteWord.has(word, 0x7F)
    }

    private static let literalEscapes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0..<0x20 { table[byte] = true }
        table[0x22] = true
        table[0x5C] = true
        table[0x7F] = true
        return table
    }()

    private static let iriEscapes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0...0x20 { table[byte] = true }
        for byte in "<>\"{}|^`\\".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func escapeLiteralByte(_ byte: UInt8, _ bytes: inout [UInt8]) {
        let short: UInt8?
        switch byte {
        case 0x22: short = 0x22 // \"
        case 0x5C: short = 0x5C // \\
        case 0x0A: short = 0x6E // \n
        case 0x0D: short = 0x72 // \r
        case 0x09: short = 0x74 // \t
        case 0x08: short = 0x62 // \b
        case 0x0C: short = 0x66 // \f
        default: short = nil
        }
        if let short {
            bytes.append(0x5C)
            bytes.append(short)
        } else {
            appendUCHAR(byte, to: &bytes)
        }
    }

    private static func escapeIRIByte(_ byte: UInt8, _ bytes: inout [UInt8]) {
        switch byte {
        case 0x20, 0x3C, 0x3E, 0x00:
            bytes.append(0x25)
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        default:
            appendUCHAR(byte, to: &bytes)
        }
    }

    /// `\u00XX` with upper-case hex digits.
    private static func appendUCHAR(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func isLanguageTag(_ tag: String) -> Bool {
        var sawDash = false
        var subtagLength = 0
        for byte in tag.utf8 {
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if byte == 0x2D {
                if subtagLength == 0 { return false }
                sawDash = true
                subtagLength = 0
            } else if isLetter || (sawDash && isDigit) {
                subtagLength += 1
            } else {
                return false
            }
        }
        return subtagLength > 0
    }

    // MARK: - Blank node labels

    private static func appendLabel(_ label: String, to bytes: inout [UInt8]) {
        if label.isEmpty {
            bytes.append(0x5F)
            return
        }
        if isValidASCIILabel(label) {
            bytes.append(contentsOf: label.utf8)
            return
        }
        let scalars = Array(label.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let valid: Bool
            if index == 0 {
                valid = isLabelStart(scalar)
            } else if index == scalars.count - 1 {
                valid = isLabelChar(scalar)
            } else {
                valid = isLabelChar(scalar) || scalar == "."
            }
            if valid {
                bytes.append(contentsOf: String(scalar).utf8)
            } else {
                bytes.append(contentsOf: "_u".utf8)
                bytes.append(contentsOf: String(scalar.value, radix: 16, uppercase: true).utf8)
                bytes.append(0x5F)
            }
        }
    }

    /// `[A-Za-z0-9_]` then `[A-Za-z0-9_.-]*`, not ending with `.`.
    private static func isValidASCIILabel(_ label: String) -> Bool {
        var first = true
        var last: UInt8 = 0
        for byte in label.utf8 {
            let alphanumeric = ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F
            if first {
                if !alphanumeric { return false }
                first = false
            } else if !(alphanumeric || byte == 0x2D || byte == 0x2E) {
                return false
            }
            last = byte
        }
        return last != 0x2E
    }

    /// PN_CHARS_U or a digit.
    private static func isLabelStart(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x5F
        }
        return isPNCharsBase(value)
    }

    /// PN_CHARS.
    private static func isLabelChar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if isLabelStart(scalar) || value == 0x2D { return true }
        return value == 0xB7 || (value >= 0x0300 && value <= 0x036F) || (value >= 0x203F && value <= 0x2040)
    }

    private static func isPNCharsBase(_ value: UInt32) -> Bool {
        (value >= 0x00C0 && value <= 0x00D6) || (value >= 0x00D8 && value <= 0x00F6) || (value >= 0x00F8 && value <= 0x02FF)
            || (value >= 0x0370 && value <= 0x037D) || (value >= 0x037F && value <= 0x1FFF)
            || (value >= 0x200C && value <= 0x200D) || (value >= 0x2070 && value <= 0x218F)
            || (value >= 0x2C00 && value <= 0x2FEF) || (value >= 0x3001 && value <= 0xD7FF)
            || (value >= 0xF900 && value <= 0xFDCF) || (value >= 0xFDF0 && value <= 0xFFFD)
            || (value >= 0x10000 && value <= 0xEFFFF)
    }
}
