/// RDF/XML's namespace-shortcut idiom, made safe: `<!DOCTYPE rdf:RDF [ <!ENTITY dct "http://purl.org/dc/terms/"> ]>`
/// with `rdf:about="&dct;title"` (DCAT-AP_IT's official examples, many Protégé exports).
///
/// fedcat's XML reader refuses every DOCTYPE that declares entities. For RDF/XML, a document whose internal
/// subset declares only *simple* general entities (a quoted value without `%` or `<`, whose only `&` start predefined
/// entities or character references; no `SYSTEM`/`PUBLIC`,
/// no parameter entities, nothing else in the subset but comments and whitespace) is rewritten before parsing:
/// the DOCTYPE is removed and each `&name;` of a declared entity is replaced by its value. Values cannot refer
/// to other entities, so nothing expands recursively (no billion laughs), nothing is fetched (no XXE), and the
/// output is bounded: at most `maxValueBytes` per reference and `maxOutputBytes` in all.
enum RDFXMLEntities {
    static let maxEntities = 256
    static let maxValueBytes = 2_048
    static let maxOutputBytes = 64 << 20

    /// The rewritten document and the entity names it declared; nil when the document has no DOCTYPE with
    /// entities, or when its DOCTYPE is anything but simple declarations (the reader then refuses it as before).
    static func expand(_ bytes: [UInt8]) -> (bytes: [UInt8], names: [String])? {
        guard let doctype = find(Array("<!DOCTYPE".utf8), in: bytes, from: 0), doctype < 4096,
              let open = bytes[doctype...].firstIndex(of: UInt8(ascii: "[")) else { return nil }
        // Only whitespace, the root name and `[` between `<!DOCTYPE` and the subset: no external DTD.
        let header = String(decoding: bytes[(doctype + 9)..<open], as: UTF8.self)
        guard !header.contains("SYSTEM"), !header.contains("PUBLIC"), !header.contains(">") else { return nil }
        var entities: [String: [UInt8]] = [:]
        var order: [String] = []
        var position = open + 1
        while true {
            position = skipSpace(bytes, position)
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "]") { break }
            if starts(Array("<!--".utf8), bytes, at: position) {
                guard let end = find(Array("-->".utf8), in: bytes, from: position + 4) else { return nil }
                position = end + 3
                continue
            }
            guard starts(Array("<!ENTITY".utf8), bytes, at: position) else { return nil }
            position = skipSpace(bytes, position + 8)
            let nameStart = position
            while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
            guard position > nameStart, entities.count < maxEntities else { return nil }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
            position = skipSpace(bytes, position)
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else { return nil }
            let quote = bytes[position]
            guard let close = bytes[(position + 1)...].firstIndex(of: quote) else { return nil }
            let value = Array(bytes[(position + 1)..<close])
            guard value.count <= maxValueBytes, onlyPredefinedReferences(value),
                  !value.contains(UInt8(ascii: "%")), !value.contains(UInt8(ascii: "<")) else { return nil }
            position = skipSpace(bytes, close + 1)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return nil }
            position += 1
            if entities[name] == nil { order.append(name) }
            entities[name] = value
        }
        // `]` then optional whitespace and `>` closes the DOCTYPE.
        position = skipSpace(bytes, position + 1)
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">"), !entities.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        output += bytes[..<doctype]
        // The DOCTYPE becomes as many line breaks as it held, so line numbers after it stay right.
        output += [UInt8](repeating: 0x0A, count: bytes[doctype...position].lazy.filter { $0 == 0x0A }.count)
        var index = position + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let semicolon = bytes[index..<min(bytes.count, index + 66)].firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
                if let value = entities[name] {
                    output += value
                    index = semicolon + 1
                    guard output.count <= maxOutputBytes else { return nil }
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        guard output.count <= maxOutputBytes else { return nil }
        return (output, order)
    }

    /// True when every `&` of an entity value starts a predefined entity (`&quot;`, `&amp;`, `&lt;`, `&gt;`,
    /// `&apos;`) or a character reference: those never refer to another declaration, so nothing nests.
    static func onlyPredefinedReferences(_ value: [UInt8]) -> Bool {
        var index = 0
        while let ampersand = value[index...].firstIndex(of: UInt8(ascii: "&")) {
            guard let semicolon = value[ampersand...].firstIndex(of: UInt8(ascii: ";")), semicolon - ampersand <= 10 else { return false }
            let name = String(decoding: value[(ampersand + 1)..<semicolon], as: UTF8.self)
            let isCharacter = name.hasPrefix("#x") ? name.dropFirst(2).allSatisfy(\.isHexDigit) && name.count > 2
                : name.hasPrefix("#") && name.dropFirst().allSatisfy(\.isNumber) && name.count > 1
            guard isCharacter || ["quot", "amp", "lt", "gt", "apos"].contains(name) else { return false }
            index = semicolon + 1
        }
        return true
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var position = start
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A || bytes[position] == 0x0D {
            position += 1
        }
        return position
    }

    private static func starts(_ prefix: [UInt8], _ bytes: [UInt8], at position: Int) -> Bool {
        position + prefix.count <= bytes.count && bytes[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var position = start
        while position + needle.count <= bytes.count {
            if bytes[position] == needle[0], starts(needle, bytes, at: position) { return position }
            position += 1
        }
        return nil
    }
}
