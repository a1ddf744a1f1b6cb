/// Character data as libxml2 reads it with `FC_XML_SAFE_OPTIONS`: line ends normalised, the five predefined
/// entities and character references decoded (nothing else is expanded), CDATA sections merged into the text around
/// them, attribute values' whitespace normalised; bytes checked as UTF-8 and XML characters.
extension XMLByteReaderCore {
    /// What one text node held.
    struct TextFlags {
        /// Anything but spaces, tabs, line ends (libxml2's blank node test).
        var nonBlank = false
        /// The decoded text holds `&`, `<`, `>` or a carriage return, which the stored XML escapes.
        var needsEscape = false
        /// The text is the page's bytes as they are (no reference, CDATA section, carriage return, `>` or `]`), so
        /// the stored XML has it unchanged too.
        var asInPage = false
    }

    /// Reads one text node from `position` (text, references, CDATA sections) up to the next markup, decoded into
    /// `output`; with `keepPlain` false, text that is the page's bytes as they are (`asInPage`) is not copied.
    mutating func readText(into output: XMLByteBuffer, keepPlain: Bool = true) throws(Fallback) -> TextFlags {
        var flags = TextFlags()
        let first = output.count
        let start = position
        var at = position
        var run = at
        while at < count {
            // Eight bytes at a time while none of them needs a closer look.
            while at + 8 <= count {
                let word = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
                guard Self.isPlain(word) else { break }
                if word != 0x2020_2020_2020_2020 { flags.nonBlank = true }
                at += 8
            }
            guard at < count else { break }
            let value = base[at]
            // Letters and most punctuation: one comparison.
            if value > 0x3E && value < 0x80 && value != UInt8(ascii: "]") {
                flags.nonBlank = true
                at += 1
                continue
            }
            if value == 0x20 || value == 0x0A || value == 0x09 {
                at += 1
                continue
            }
            if value >= 0x80 {
                at += try utf8Length(at)
                flags.nonBlank = true
                continue
            }
            if value >= 0x20 && value != UInt8(ascii: "&") && value != UInt8(ascii: "<") && value != UInt8(ascii: ">")
                && value != UInt8(ascii: "]") {
                flags.nonBlank = true
                at += 1
                continue
            }
            if value == UInt8(ascii: "<") && run == start && !keepPlain && !matches("<![CDATA[", at: at) {
                position = at
                if at - start > Self.maxTextBytes { throw Fallback() }
                flags.asInPage = true
                return flags
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: at - run))
            switch value {
            case UInt8(ascii: "<"):
                guard matches("<![CDATA[", at: at) else {
                    position = at
                    if output.count - first > Self.maxTextBytes { throw Fallback() }
                    return flags
                }
                at = try cdata(from: at + 9, into: output, flags: &flags)
            case UInt8(ascii: "&"):
                at = try reference(at, into: output, flags: &flags)
            case UInt8(ascii: ">"):
                output.append(value)
                flags.nonBlank = true
                flags.needsEscape = true
                at += 1
            case UInt8(ascii: "]"):
                if byte(at + 1) == UInt8(ascii: "]") && byte(at + 2) == UInt8(ascii: ">") { throw Fallback() }
                output.append(value)
                flags.nonBlank = true
                at += 1
            case 0x0D:
                output.append(0x0A)
                at += byte(at + 1) == 0x0A ? 2 : 1
            default:
                throw Fallback()   // a control character
            }
            run = at
        }
        // The input ends inside an element.
        throw Fallback()
    }

    /// Whether all eight bytes of `word` are ASCII from space on and none is `<`, `&`, `>` or `]` (exact for the
    /// word as a whole: the usual bit tricks, whose per-byte flags may be wrong only after a byte that matched).
    @inline(__always)
    static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        let special = hasZero(word ^ (ones &* 0x3C)) | hasZero(word ^ (ones &* 0x26)) | hasZero(word ^ (ones &* 0x3E))
            | hasZero(word ^ (ones &* 0x5D))
        return (word & highs) | below | special == 0
    }

    /// A CDATA section's content from `start` (after `<![CDATA[`); returns the offset after its `]]>`.
    private func cdata(from start: Int, into output: XMLByteBuffer, flags: inout TextFlags) throws(Fallback) -> Int {
        var at = start
        let run = at
        while at < count {
            let value = base[at]
            if value == UInt8(ascii: "]") && byte(at + 1) == UInt8(ascii: "]") && byte(at + 2) == UInt8(ascii: ">") {
                output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: at - run))
                return at + 3
            }
            if value >= 0x21 && value < 0x80 {
                if value == UInt8(ascii: "&") || value == UInt8(ascii: "<") || value == UInt8(ascii: ">") { flags.needsEscape = true }
                flags.nonBlank = true
                at += 1
            } else if value == 0x20 || value == 0x0A || value == 0x09 {
                at += 1
            } else if value >= 0x80 {
                at += try utf8Length(at)
                flags.nonBlank = true
            } else {
                throw Fallback()   // a control character, or a carriage return (libxml2 keeps some in CDATA)
            }
        }
        throw Fallback()
    }

    /// An attribute value from `at` (after its opening quote) to the closing `quote`, decoded and normalised into
    /// `values`; `at` moves past the closing quote. True when the value is the page's bytes as they are (no
    /// reference, no white space normalised).
    @discardableResult
    mutating func attributeValue(_ at: inout Int, quote: UInt8) throws(Fallback) -> Bool {
        let first = values.count
        let start = at
        var run = at
        var flags = TextFlags()
        while at < count {
            let value = base[at]
            if value == quote {
                values.append(contentsOf: UnsafeBufferPointer(start: base + run, count: at - run))
                at += 1
                if values.count - first > Self.maxTextBytes { throw Fallback() }
                return run == start
            }
            if value >= 0x20 && value < 0x80 && value != UInt8(ascii: "&") && value != UInt8(ascii: "<") {
                at += 1
                continue
            }
            if value >= 0x80 {
                at += try utf8Length(at)
                continue
            }
            values.append(contentsOf: UnsafeBufferPointer(start: base + run, count: at - run))
            switch value {
            case UInt8(ascii: "&"):
                at = try reference(at, into: values, flags: &flags)
            case 0x09, 0x0A:
                values.append(0x20)
                at += 1
            case 0x0D:
                values.append(0x20)
                at += byte(at + 1) == 0x0A ? 2 : 1
            default:
                throw Fallback()   // `<` or a control character
            }
            run = at
        }
        throw Fallback()
    }

    /// A character reference or one of the five predefined entities at `at` (its `&`), decoded into `output`;
    /// returns the offset after its `;`. Any other entity is left to libxml2 (which reports it undeclared).
    private func reference(_ at: Int, into output: XMLByteBuffer, flags: inout TextFlags) throws(Fallback) -> Int {
        var scalar: UInt32 = 0
        var end = at + 1
        if byte(end) == UInt8(ascii: "#") {
            end += 1
            let hex = byte(end) == UInt8(ascii: "x")
            if hex { end += 1 }
            let digits = end
            while end < count {
                let value = base[end]
                let digit: UInt32
                if value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9") {
                    digit = UInt32(value - UInt8(ascii: "0"))
                } else if hex && (value | 0x20) >= UInt8(ascii: "a") && (value | 0x20) <= UInt8(ascii: "f") {
                    digit = UInt32((value | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                scalar = scalar * (hex ? 16 : 10) + digit
                if scalar > 0x10FFFF { throw Fallback() }
                end += 1
            }
            guard end > digits, byte(end) == UInt8(ascii: ";") else { throw Fallback() }
            let isChar = scalar == 0x09 || scalar == 0x0A || scalar == 0x0D || (scalar >= 0x20 && scalar <= 0xD7FF)
                || (scalar >= 0xE000 && scalar <= 0xFFFD) || scalar >= 0x10000
            guard isChar else { throw Fallback() }
        } else {
            while end < count && end - at <= 5 && base[end] != UInt8(ascii: ";") { end += 1 }
            guard byte(end) == UInt8(ascii: ";") else { throw Fallback() }
            switch (end - at - 1, byte(at + 1), byte(at + 2), byte(at + 3), byte(at + 4)) {
            case (2, UInt8(ascii: "l"), UInt8(ascii: "t"), _, _): scalar = 0x3C
            case (2, UInt8(ascii: "g"), UInt8(ascii: "t"), _, _): scalar = 0x3E
            case (3, UInt8(ascii: "a"), UInt8(ascii: "m"), UInt8(ascii: "p"), _): scalar = 0x26
            case (4, UInt8(ascii: "q"), UInt8(ascii: "u"), UInt8(ascii: "o"), UInt8(ascii: "t")): scalar = 0x22
            case (4, UInt8(ascii: "a"), UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "s")): scalar = 0x27
            default: throw Fallback()
            }
        }
        if scalar != 0x20 && scalar != 0x09 && scalar != 0x0A && scalar != 0x0D { flags.nonBlank = true }
        if scalar == 0x26 || scalar == 0x3C || scalar == 0x3E || scalar == 0x0D { flags.needsEscape = true }
        Self.appendUTF8(scalar, to: output)
        return end + 1
    }

    static func appendUTF8(_ scalar: UInt32, to output: XMLByteBuffer) {
        if scalar < 0x80 {
            output.append(UInt8(scalar))
        } else if scalar < 0x800 {
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the UTF-8 sequence at `at` (a byte of 0x80 or more) when it encodes an XML character.
    @inline(__always)
    func utf8Length(_ at: Int) throws(Fallback) -> Int {
        let lead = base[at]
        @inline(__always) func continuation(_ offset: Int) -> UInt8 {
            let value = byte(at + offset)
            return value & 0xC0 == 0x80 ? value : 0
        }
        if lead >= 0xC2 && lead < 0xE0 {
            guard continuation(1) != 0 else { throw Fallback() }
            return 2
        }
        if lead >= 0xE0 && lead < 0xF0 {
            let second = continuation(1), third = continuation(2)
            guard second != 0, third != 0, lead != 0xE0 || second >= 0xA0, lead != 0xED || second < 0xA0,
                  lead != 0xEF || second != 0xBF || third < 0xBE else { throw Fallback() }   // overlong, surrogate, U+FFFE/F
            return 3
        }
        if lead >= 0xF0 && lead < 0xF5 {
            let second = continuation(1)
            guard second != 0, continuation(2) != 0, continuation(3) != 0, lead != 0xF0 || second >= 0x90,
                  lead != 0xF4 || second < 0x90 else { throw Fallback() }
            return 4
        }
        throw Fallback()
    }

    /// Checks comment or processing-instruction content from `at` up to `terminator`'s first byte (`-` of `-->`,
    /// `?` of `?>`); returns the offset of the terminator. A carriage return there is left to libxml2.
    private func content(from start: Int, comment: Bool) throws(Fallback) -> Int {
        var at = start
        while at < count {
            let value = base[at]
            if comment && value == UInt8(ascii: "-") && byte(at + 1) == UInt8(ascii: "-") {
                guard byte(at + 2) == UInt8(ascii: ">") else { throw Fallback() }
                return at
            }
            if !comment && value == UInt8(ascii: "?") && byte(at + 1) == UInt8(ascii: ">") { return at }
            if value >= 0x80 {
                at += try utf8Length(at)
            } else if value >= 0x20 || value == 0x09 || value == 0x0A {
                at += 1
            } else {
                throw Fallback()
            }
            if at - start > Self.maxTextBytes { throw Fallback() }
        }
        throw Fallback()
    }

    /// A comment at `position` (`<!`): its content's range, `position` moved past it; nil (and `position` left) at
    /// a CDATA section. Any other `<!` (a DOCTYPE) is left to libxml2.
    mutating func comment() throws(Fallback) -> Range<Int>? {
        guard matches("<!--", at: position) else {
            if matches("<![CDATA[", at: position) { return nil }
            throw Fallback()
        }
        let end = try content(from: position + 4, comment: true)
        defer { position = end + 3 }
        return (position + 4)..<end
    }

    /// A processing instruction at `position` (`<?`): its target's and content's ranges, `position` moved past it.
    /// A target with a colon or named `xml` is left to libxml2.
    mutating func processingInstruction() throws(Fallback) -> (target: Range<Int>, content: Range<Int>) {
        var at = position + 2
        let start = at
        guard at < count, XMLByteClass.isNameStart(base[at]) else { throw Fallback() }
        while at < count && XMLByteClass.isNameByte(base[at]) && base[at] != UInt8(ascii: ":") { at += 1 }
        let target = start..<at
        guard at < count, base[at] < 0x80, at - start <= Self.maxNameBytes,
              !(at - start == 3 && (base[start] | 0x20) == UInt8(ascii: "x") && (base[start + 1] | 0x20) == UInt8(ascii: "m")
                && (base[start + 2] | 0x20) == UInt8(ascii: "l")) else { throw Fallback() }
        if matches("?>", at: at) {
            position = at + 2
            return (target, at..<at)
        }
        guard skipSpaces(&at) else { throw Fallback() }
        let end = try content(from: at, comment: false)
        position = end + 2
        return (target, at..<end)
    }
}
