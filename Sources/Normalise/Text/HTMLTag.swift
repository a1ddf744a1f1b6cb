/// Tags for `HTMLText`: which element names count as HTML and what each does to the text.
extension HTMLText {
    /// A tag at a `<`: its element, whether it closes, where it ends, and its bytes (for attributes).
    struct Tag {
        enum Kind: Equatable {
            case paragraph, line, breakLine, listItem, list, cell, anchor, image, pre, drop, inline, comment
            var isBlock: Bool { ![.inline, .anchor, .image, .comment].contains(self) }
        }

        var name: String
        var kind: Kind
        var closing: Bool
        var selfClosing: Bool
        /// Index after the tag's `>`.
        var end: Int
        var start: Int

        static func parse(_ bytes: [UInt8], at start: Int) -> Tag? {
            var index = start + 1
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "!") {
                // `<!-- … -->`, `<!DOCTYPE …>`
                if bytes[index...].starts(with: "!--".utf8) {
                    var look = index + 3
                    while look + 2 < bytes.count, !(bytes[look] == 45 && bytes[look + 1] == 45 && bytes[look + 2] == 62) { look += 1 }
                    return Tag(name: "!--", kind: .comment, closing: false, selfClosing: true,
                               end: min(bytes.count, look + 3), start: start)
                }
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")), bytes.count > index + 1,
                      isLetter(bytes[index + 1]) else { return nil }
                return Tag(name: "!", kind: .comment, closing: false, selfClosing: true, end: close + 1, start: start)
            }
            let closing = bytes[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let nameStart = index
            while index < bytes.count, isLetter(bytes[index]) || (index > nameStart && (isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ":"))) {
                index += 1
            }
            guard index > nameStart, index < bytes.count else { return nil }
            let name = String(decoding: bytes[nameStart..<index].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
            guard let kind = kinds[name] ?? (name.hasPrefix("o:") || name.hasPrefix("w:") ? .inline : nil) else { return nil }
            let next = bytes[index]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else { return nil }
            // To the `>`, skipping quoted attribute values.
            var quote: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                } else if byte == UInt8(ascii: "<") {
                    return nil
                }
                index += 1
            }
            guard index < bytes.count else { return nil }
            let selfClosing = bytes[index - 1] == UInt8(ascii: "/")
            return Tag(name: name, kind: kind, closing: closing, selfClosing: selfClosing, end: index + 1, start: start)
        }

        /// The decoded value of attribute `name` (`href`, `alt`).
        func attribute(_ name: String, in bytes: [UInt8]) -> String? {
            let key = Array(name.utf8)
            var index = start + 1
            while index + key.count < end {
                let before = bytes[index - 1]
                if before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D,
                   bytes[index..<(index + key.count)].lazy.map({ $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }).elementsEqual(key) {
                    var look = index + key.count
                    while look < end, bytes[look] == 0x20 { look += 1 }
                    guard look < end, bytes[look] == UInt8(ascii: "=") else { index += 1; continue }
                    look += 1
                    while look < end, bytes[look] == 0x20 { look += 1 }
                    guard look < end else { return nil }
                    let quote = bytes[look]
                    let valueStart: Int, valueEnd: Int
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = bytes[(look + 1)..<end].firstIndex(of: quote) else { return nil }
                        valueStart = look + 1
                        valueEnd = close
                    } else {
                        valueStart = look
                        var stop = look
                        while stop < end - 1, bytes[stop] != 0x20, bytes[stop] != UInt8(ascii: ">") { stop += 1 }
                        valueEnd = stop
                    }
                    return Reference.decodeAll(Array(bytes[valueStart..<valueEnd]))
                }
                index += 1
            }
            return nil
        }

        private static let kinds: [String: Kind] = {
            var table: [String: Kind] = [:]
            for name in ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "section", "article", "header",
                         "footer", "aside", "nav", "figure", "address", "main", "hr", "fieldset", "form", "details", "dl"] {
                table[name] = .paragraph
            }
            for name in ["div", "tr", "dt", "dd", "caption", "figcaption", "center", "thead", "tbody", "tfoot", "summary",
                         "legend", "body", "html"] {
                table[name] = .line
            }
            for name in ["span", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "small", "big", "font", "sup",
                         "sub", "code", "tt", "kbd", "var", "samp", "abbr", "acronym", "cite", "q", "mark", "label", "time",
                         "wbr", "bdi", "bdo", "nobr", "meta", "link", "colgroup", "col", "dfn", "data", "picture", "source"] {
                table[name] = .inline
            }
            for name in ["script", "style", "head", "template", "svg", "noscript", "iframe", "object"] { table[name] = .drop }
            table["br"] = .breakLine
            table["li"] = .listItem
            table["ul"] = .list
            table["ol"] = .list
            table["menu"] = .list
            table["td"] = .cell
            table["th"] = .cell
            table["a"] = .anchor
            table["img"] = .image
            table["pre"] = .pre
            return table
        }()
    }
}
