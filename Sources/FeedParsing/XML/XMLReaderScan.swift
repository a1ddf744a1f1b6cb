#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A lexical pass over the raw bytes before libxml2 sees them: the reader's first line of
/// defence. It refuses, before libxml2 parses anything,
///
/// - a DOCTYPE whose internal subset declares entities (`<!ENTITY`: expansion bombs, XXE) or
///   attribute lists (`<!ATTLIST`: libxml2 2.9 checks every start tag of the element against
///   every declared default, so a few thousand defaults stall it for minutes, and defaulted
///   `xmlns` attributes silently change element namespaces);
/// - constructs on which libxml2 2.9 spends quadratic time: a start tag with very many
///   attributes (duplicate check), very many namespace declarations in scope (every element
///   searches them), very many distinct names (its name dictionary degrades);
/// - encodings it cannot read markup in (EBCDIC, UTF-7, ISO-2022, ...): everything libxml2
///   reads, this pass must read too, or the limits above could be smuggled past it.
///
/// It reads UTF-8 and other ASCII-compatible encodings byte by byte (markup is ASCII in all of
/// them; multi-byte sequences never contain `<`, `>`, `=`, quotes), UTF-16 and UCS-4 unit by
/// unit. It is not a validator: where the document is malformed it stops and lets libxml2
/// report the error (libxml2 stops at the first fatal error, so nothing after it is parsed).
enum XMLMarkupScan {
    struct Limits {
        var maxAttributes: Int
        var maxNamespaces: Int
        var maxNames: Int
    }

    enum Verdict: Equatable {
        /// Nothing refused (a root element was found, or the document is malformed in a way
        /// libxml2 will report).
        case proceed
        /// Only whitespace, comments, processing instructions, an XML declaration and/or a
        /// DOCTYPE: no element.
        case noElement
        /// Refused, at this 1-based line and column (columns count code units).
        case refused(XMLReadError.Reason, line: Int, column: Int)
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, limits: Limits) -> Verdict {
        let layout = XMLUnitLayout(bytes)
        switch layout.width {
        case 1:
            var scanner = Scanner(units: ByteUnits(bytes: bytes, start: layout.start), limits: limits)
            return scanner.run()
        case 2, 4:
            var scanner = Scanner(units: WideUnits(bytes: bytes, layout: layout), limits: limits)
            return scanner.run()
        default:
            return .refused(.encoding("Unsupported encoding: the document is neither UTF-8, UTF-16, UTF-32 nor ASCII-compatible (EBCDIC or an unusual UCS-4 byte order)"),
                            line: 1, column: 1)
        }
    }

    /// Scans code units from another source than a buffer in memory (the file reader's
    /// windowed bytes, `XMLFileUnits`).
    static func scan<Units: XMLScanUnits>(units: Units, limits: Limits) -> Verdict {
        var scanner = Scanner(units: units, limits: limits)
        return scanner.run()
    }

    /// A nesting depth libxml2 never parses past: without XML_PARSE_HUGE it halts with a fatal
    /// error when it pushes the 258th open element (after parsing that start tag), so the scan
    /// checks every start tag down to this depth, then stops, keeping its memory bounded.
    static let depthBeyondLibxml2 = 300

    /// Whether markup written in the named encoding can be read as ASCII bytes (or, for
    /// `wide`, the name belongs to the UTF-16/UTF-32 family the bytes were detected as).
    static func isReadable(encoding name: String, wide: Bool) -> Bool {
        let key = String(name.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "." })
        let wideNames: Set<String> = ["utf16", "utf16le", "utf16be", "ucs2", "iso10646ucs2", "utf32", "utf32le", "utf32be",
                                      "ucs4", "iso10646ucs4", "unicode"]
        if wide { return wideNames.contains(key) }
        if wideNames.contains(key) { return true }   // libxml2 itself refuses "UTF-16" over 8-bit content
        if key.hasPrefix("iso8859") || key.hasPrefix("iso88591") { return true }
        let exact: Set<String> = [
            "utf8", "usascii", "ascii", "iso646us", "us", "latin1", "latin2", "latin3", "latin4", "latin5", "latin6",
            "latin7", "latin8", "latin9", "latin10", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10",
            "windows1250", "windows1251", "windows1252", "windows1253", "windows1254", "windows1255", "windows1256",
            "windows1257", "windows1258", "windows874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255",
            "cp1256", "cp1257", "cp1258", "cp874", "cp437", "cp850", "cp852", "cp855", "cp857", "cp858", "cp860",
            "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "ibm437", "ibm850", "ibm852", "ibm855",
            "ibm857", "ibm860", "ibm861", "ibm862", "ibm863", "ibm864", "ibm865", "ibm866", "ibm869",
            "koi8r", "koi8u", "tis620", "macintosh", "macroman", "xmacroman",
            "shiftjis", "sjis", "xsjis", "mskanji", "windows31j", "cp932", "eucjp", "xeucjp", "euckr", "euccn",
            "euctw", "cp949", "uhc", "gb2312", "gbk", "cp936", "gb18030", "big5", "big5hkscs", "cp950",
        ]
        return exact.contains(key)
    }
}

/// Where the code units start and how wide they are, from the first bytes as libxml2 detects
/// them (a byte order mark, or `<?` in UTF-16/UCS-4).
struct XMLUnitLayout {
    var start = 0
    /// 1, 2 or 4; 0 for layouts the scan cannot read.
    var width = 1
    var bigEndian = false

    init(_ bytes: UnsafeRawBufferPointer) {
        let b = Array(bytes.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - bytes.count))
        switch (b[0], b[1], b[2], b[3]) {
        case (0xEF, 0xBB, 0xBF, _): start = 3
        case (0x00, 0x00, 0xFE, 0xFF): start = 4; width = 4; bigEndian = true
        case (0xFF, 0xFE, 0x00, 0x00): start = 4; width = 4
        case (0x00, 0x00, 0x00, 0x3C): width = 4; bigEndian = true
        case (0x3C, 0x00, 0x00, 0x00): width = 4
        case (0xFE, 0xFF, _, _): start = 2; width = 2; bigEndian = true
        case (0xFF, 0xFE, _, _): start = 2; width = 2
        case (0x00, 0x3C, 0x00, _): width = 2; bigEndian = true
        case (0x3C, 0x00, _, 0x00): width = 2
        case (0x00, 0x00, _, _), (0x4C, 0x6F, 0xA7, 0x94): width = 0
        default: break
        }
    }
}

/// Code units the scanner reads.
protocol XMLScanUnits {
    var count: Int { get }
    func unit(_ index: Int) -> UInt32
    /// The index of the first unit equal to `value` (an ASCII character) at or after `index`.
    func index(of value: UInt8, from index: Int) -> Int?
}

struct ByteUnits: XMLScanUnits {
    let base: UnsafePointer<UInt8>?
    let count: Int

    init(bytes: UnsafeRawBufferPointer, start: Int) {
        base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + start }
        count = max(0, bytes.count - start)
    }

    @inline(__always) func unit(_ index: Int) -> UInt32 { UInt32(base.unsafelyUnwrapped[index]) }

    @inline(__always) func index(of value: UInt8, from index: Int) -> Int? {
        guard index < count, let base else { return nil }
        guard let found = memchr(base + index, Int32(value), count - index) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}

struct WideUnits: XMLScanUnits {
    let bytes: UnsafeRawBufferPointer
    let layout: XMLUnitLayout
    let count: Int

    init(bytes: UnsafeRawBufferPointer, layout: XMLUnitLayout) {
        self.bytes = bytes
        self.layout = layout
        count = max(0, (bytes.count - layout.start) / layout.width)
    }

    @inline(__always) func unit(_ index: Int) -> UInt32 {
        let offset = layout.start + index * layout.width
        if layout.width == 2 {
            let (a, b) = (UInt32(bytes[offset]), UInt32(bytes[offset + 1]))
            return layout.bigEndian ? a << 8 | b : b << 8 | a
        }
        var value: UInt32 = 0
        for k in 0..<4 { value = value << 8 | UInt32(bytes[offset + (layout.bigEndian ? k : 3 - k)]) }
        return value
    }

    func index(of value: UInt8, from index: Int) -> Int? {
        var position = index
        while position < count {
            if unit(position) == UInt32(value) { return position }
            position += 1
        }
        return nil
    }
}

/// A set of 64-bit name hashes (FNV-1a), open addressing; collisions only undercount.
private struct NameHashSet {
    private var slots = [UInt64](repeating: 0, count: 1024)
    private(set) var count = 0

    mutating func insert(_ hash: UInt64) {
        let key = hash == 0 ? 1 : hash
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let stored = slots[slot]
            if stored == key { return }
            if stored == 0 { break }
            slot = (slot + 1) & mask
        }
        slots[slot] = key
        count += 1
        if count * 2 > slots.count {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            mask = slots.count - 1
            for stored in old where stored != 0 {
                var position = Int(truncatingIfNeeded: stored ^ (stored >> 29)) & mask
                while slots[position] != 0 { position = (position + 1) & mask }
                slots[position] = stored
            }
        }
    }
}

private struct Scanner<Units: XMLScanUnits> {
    let units: Units
    let limits: XMLMarkupScan.Limits
    var names = NameHashSet()
    /// Namespace declarations in scope at each open element.
    var scopes: [Int] = []

    init(units: Units, limits: XMLMarkupScan.Limits) {
        self.units = units
        self.limits = limits
    }

    private enum Stop: Error { case refused(XMLReadError.Reason, Int), malformed }

    mutating func run() -> XMLMarkupScan.Verdict {
        do throws(Stop) {
            guard let root = try prolog() else { return .noElement }
            try body(from: root)
            return .proceed
        } catch {
            switch error {
            case .malformed:
                return .proceed
            case .refused(let reason, let position):
                let (line, column) = location(of: position)
                return .refused(reason, line: line, column: column)
            }
        }
    }

    // MARK: Helpers

    @inline(__always) private func at(_ index: Int) -> UInt32 { index < units.count ? units.unit(index) : 0 }

    @inline(__always) private func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= units.count else { return false }
        return literal.withUTF8Buffer { ascii in
            for k in 0..<length where units.unit(index + k) != UInt32(ascii[k]) { return false }
            return true
        }
    }

    /// The index just after the first `literal` at or after `index`.
    private func index(after literal: StaticString, from index: Int) throws(Stop) -> Int {
        let (first, length) = literal.withUTF8Buffer { ($0[0], $0.count) }
        var position = index
        while let found = units.index(of: first, from: position) {
            if matches(literal, at: found) { return found + length }
            position = found + 1
        }
        throw .malformed
    }

    private func skipSpaces(_ index: inout Int) {
        while index < units.count, isSpace(units.unit(index)) { index += 1 }
    }

    private func location(of index: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var position = 0
        while let newline = units.index(of: 0x0A, from: position), newline < index {
            line += 1
            lineStart = newline + 1
            position = newline + 1
        }
        return (line, index - lineStart + 1)
    }

    // MARK: Prolog

    /// Scans up to the root element's `<`; nil when the document holds no element.
    private mutating func prolog() throws(Stop) -> Int? {
        var position = 0
        if matches("<?xml", at: 0), isSpace(at(5)) { position = try xmlDeclaration() }
        while true {
            skipSpaces(&position)
            guard position < units.count else { return nil }
            guard units.unit(position) == 0x3C else { throw .malformed }   // libxml2: "Start tag expected"
            if matches("<?", at: position) {
                position = try index(after: "?>", from: position + 2)
            } else if matches("<!--", at: position) {
                position = try index(after: "-->", from: position + 4)
            } else if matches("<!DOCTYPE", at: position) {
                position = try doctype(from: position + 9)
            } else if matches("<!", at: position) {
                throw .malformed
            } else {
                return position
            }
        }
    }

    /// Checks the encoding the XML declaration names; returns the index after `?>`.
    private func xmlDeclaration() throws(Stop) -> Int {
        let end = try index(after: "?>", from: 5)
        var position = 5
        while position < end - 8 {
            if matches("encoding", at: position) {
                var cursor = position + 8
                skipSpaces(&cursor)
                guard at(cursor) == 0x3D else { break }   // =
                cursor += 1
                skipSpaces(&cursor)
                let quote = at(cursor)
                guard quote == 0x22 || quote == 0x27 else { break }
                var name = ""
                cursor += 1
                while cursor < end, at(cursor) != quote {
                    guard let scalar = Unicode.Scalar(at(cursor)), scalar.isASCII else { break }
                    name.unicodeScalars.append(scalar)
                    cursor += 1
                }
                if !XMLMarkupScan.isReadable(encoding: name, wide: units is WideUnits) {
                    throw .refused(.encoding("Unsupported encoding \(name): fedcat reads UTF-8, UTF-16, UTF-32 and ASCII-compatible encodings"),
                                   position)
                }
                break
            }
            position += 1
        }
        return end
    }

    /// From just after `<!DOCTYPE` to just after its closing `>`.
    private func doctype(from index: Int) throws(Stop) -> Int {
        var position = index
        var quote: UInt32 = 0
        while position < units.count {
            let value = units.unit(position)
            if quote != 0 {
                if value == quote { quote = 0 }
            } else if value == 0x22 || value == 0x27 {
                quote = value
            } else if value == 0x5B {                                  // [
                position = try internalSubset(from: position + 1)
                continue
            } else if value == 0x3E {                                  // >
                return position + 1
            }
            position += 1
        }
        throw .malformed
    }

    /// From just after `[` to just after the closing `]`.
    private func internalSubset(from index: Int) throws(Stop) -> Int {
        var position = index
        while position < units.count {
            let value = units.unit(position)
            if value == 0x5D { return position + 1 }                   // ]
            if value != 0x3C { position += 1; continue }
            if matches("<!--", at: position) {
                position = try self.index(after: "-->", from: position + 4)
            } else if matches("<?", at: position) {
                position = try self.index(after: "?>", from: position + 2)
            } else if matches("<!ENTITY", at: position) {
                throw .refused(.doctypeWithEntities, position)
            } else if matches("<!ATTLIST", at: position) {
                throw .refused(.doctypeWithAttributeLists, position)
            } else if matches("<!", at: position) {
                // <!ELEMENT, <!NOTATION: skip to the closing '>' outside literals.
                var quote: UInt32 = 0
                position += 2
                while true {
                    guard position < units.count else { throw .malformed }
                    let inner = units.unit(position)
                    position += 1
                    if quote != 0 {
                        if inner == quote { quote = 0 }
                    } else if inner == 0x22 || inner == 0x27 {
                        quote = inner
                    } else if inner == 0x3E {
                        break
                    }
                }
            } else {
                throw .malformed
            }
        }
        throw .malformed
    }

    // MARK: Body

    private mutating func body(from root: Int) throws(Stop) {
        var position = root
        var inScope = 0
        while true {
            // At a '<'.
            let next = at(position + 1)
            if next == 0x2F {                                          // </name>
                if let outer = scopes.popLast() { inScope = outer }
                guard let end = units.index(of: 0x3E, from: position + 2) else { throw .malformed }
                position = end + 1
            } else if next == 0x3F {                                   // <? ... ?>
                position = try index(after: "?>", from: position + 2)
            } else if next == 0x21 {                                   // <!-- --> or <![CDATA[ ]]>
                if matches("<!--", at: position) {
                    position = try index(after: "-->", from: position + 4)
                } else if matches("<![CDATA[", at: position) {
                    position = try index(after: "]]>", from: position + 9)
                } else {
                    throw .malformed
                }
            } else {
                position = try startTag(at: position, inScope: &inScope)
            }
            guard let open = units.index(of: 0x3C, from: position) else { return }
            position = open
        }
    }

    private static var fnvOffset: UInt64 { 0xcbf2_9ce4_8422_2325 }
    private static var fnvPrime: UInt64 { 0x0000_0100_0000_01b3 }

    /// Reads a name from `position` up to whitespace, `=`, `/`, `>`; returns its hash.
    @inline(__always)
    private func name(_ position: inout Int) -> (hash: UInt64, length: Int) {
        var hash = Self.fnvOffset
        let start = position
        while position < units.count {
            let value = units.unit(position)
            if isSpace(value) || value == 0x3D || value == 0x2F || value == 0x3E { break }
            hash = (hash ^ UInt64(value)) &* Self.fnvPrime
            position += 1
        }
        return (hash, position - start)
    }

    /// Checks one start tag; returns the index after its `>`.
    private mutating func startTag(at open: Int, inScope: inout Int) throws(Stop) -> Int {
        var position = open + 1
        let element = name(&position)
        guard element.length > 0 else { throw .malformed }
        try count(name: element.hash, at: open)
        var attributes = 0
        var declarations = 0
        while true {
            let before = position
            skipSpaces(&position)
            let value = at(position)
            if value == 0x3E {                                          // >
                // Deeper than libxml2 ever reads (it stops with a fatal error first): stop too.
                if scopes.count >= XMLMarkupScan.depthBeyondLibxml2 { throw .malformed }
                scopes.append(inScope)
                inScope += declarations
                if inScope > limits.maxNamespaces { throw .refused(.tooManyNamespaces(limits.maxNamespaces), open) }
                return position + 1
            }
            if value == 0x2F {                                          // />
                guard at(position + 1) == 0x3E else { throw .malformed }
                if inScope + declarations > limits.maxNamespaces {
                    throw .refused(.tooManyNamespaces(limits.maxNamespaces), open)
                }
                return position + 2
            }
            guard position > before, position < units.count else { throw .malformed }   // a space must separate attributes
            let nameStart = position
            let attribute = name(&position)
            guard attribute.length > 0 else { throw .malformed }
            let isDeclaration = matches("xmlns", at: nameStart) && (attribute.length == 5 || at(nameStart + 5) == 0x3A)
            skipSpaces(&position)
            guard at(position) == 0x3D else { throw .malformed }
            position += 1
            skipSpaces(&position)
            let quote = at(position)
            guard quote == 0x22 || quote == 0x27, let close = units.index(of: UInt8(quote), from: position + 1) else {
                throw .malformed
            }
            attributes += 1
            if attributes > limits.maxAttributes { throw .refused(.tooManyAttributes(limits.maxAttributes), open) }
            try count(name: attribute.hash, at: open)
            if isDeclaration {
                declarations += 1
                var hash = Self.fnvOffset ^ 0x5A5A
                for index in (position + 1)..<close { hash = (hash ^ UInt64(units.unit(index))) &* Self.fnvPrime }
                try count(name: hash, at: open)
            }
            position = close + 1
        }
    }

    @inline(__always)
    private mutating func count(name hash: UInt64, at position: Int) throws(Stop) {
        names.insert(hash)
        if names.count > limits.maxNames { throw .refused(.tooManyNames(limits.maxNames), position) }
    }
}
