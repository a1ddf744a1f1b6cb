/// Finds the `<script type="application/ld+json">` blocks of an HTML page with a small byte scanner.
///
/// It is not an HTML parser: it skips comments, reads each `<script …>` start tag's attributes and takes the raw text
/// up to the next `</script` (script content is raw text in HTML, so no entity decoding is needed). Anything it cannot
/// read is passed over, never trapped on: unterminated tags and blocks end the scan.
public enum JSONLDScripts {
    /// One block: its 1-based position among the page's ld+json scripts, its byte offset, and its text.
    public struct Block: Sendable, Equatable {
        public var number: Int
        public var offset: Int
        public var body: [UInt8]
    }

    /// At most this many blocks are read from one page.
    public static let maxBlocks = 200

    /// True when the bytes look like HTML rather than JSON: the first non-blank byte (after a BOM) is `<`.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<")
    }

    /// The ld+json blocks of `html`, in page order.
    public static func extract(_ html: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        let count = html.count
        while index < count, blocks.count < maxBlocks {
            guard let open = find(UInt8(ascii: "<"), in: html, from: index) else { break }
            if matches(html, at: open, "<!--") {
                guard let end = find("-->", in: html, from: open + 4) else { break }
                index = end + 3
                continue
            }
            guard matches(html, at: open, "<script"), open + 7 < count,
                  isSpace(html[open + 7]) || html[open + 7] == UInt8(ascii: ">") || html[open + 7] == UInt8(ascii: "/") else {
                index = open + 1
                continue
            }
            guard let (attributes, tagEnd) = readAttributes(html, from: open + 7) else { break }
            guard let close = find("</script", in: html, from: tagEnd) else { break }
            if isJSONLD(attributes["type"]) {
                blocks.append(Block(number: blocks.count + 1, offset: tagEnd, body: unwrap(Array(html[tagEnd..<close]))))
            }
            index = close + 8
        }
        return blocks
    }

    /// `application/ld+json`, ignoring case, blanks and parameters (`; charset=utf-8`).
    static func isJSONLD(_ type: String?) -> Bool {
        guard let type else { return false }
        let bare = type.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return bare.trimmingSpaces.lowercased() == "application/ld+json"
    }

    /// Reads a start tag's attributes from just after its name; returns them (lowercase names) and the index after `>`.
    static func readAttributes(_ html: [UInt8], from start: Int) -> ([String: String], Int)? {
        var attributes: [String: String] = [:]
        var index = start
        let count = html.count
        while index < count {
            while index < count, isSpace(html[index]) || html[index] == UInt8(ascii: "/") { index += 1 }
            guard index < count else { return nil }
            if html[index] == UInt8(ascii: ">") { return (attributes, index + 1) }
            let nameStart = index
            while index < count, !isSpace(html[index]), !"=>/".utf8.contains(html[index]) { index += 1 }
            let name = String(decoding: html[nameStart..<index], as: UTF8.self).lowercased()
            while index < count, isSpace(html[index]) { index += 1 }
            var value = ""
            if index < count, html[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, isSpace(html[index]) { index += 1 }
                guard index < count else { return nil }
                let quote = html[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let end = find(quote, in: html, from: index + 1) else { return nil }
                    value = String(decoding: html[(index + 1)..<end], as: UTF8.self)
                    index = end + 1
                } else {
                    let valueStart = index
                    while index < count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: html[valueStart..<index], as: UTF8.self)
                }
            }
            if !name.isEmpty, attributes[name] == nil { attributes[name] = value }
        }
        return nil
    }

    /// Drops the `<!-- … -->` and `//<![CDATA[ … //]]>` wrappers some pages put around script text.
    static func unwrap(_ body: [UInt8]) -> [UInt8] {
        var text = String(decoding: body, as: UTF8.self).trimmingSpaces
        for (prefix, suffix) in [("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            if text.hasSuffix(suffix) { text.removeLast(suffix.count) }
            text = text.trimmingSpaces
        }
        return Array(text.utf8)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// True when `html` holds `literal` (ASCII, matched without case) at `index`.
    static func matches(_ html: [UInt8], at index: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard index >= 0, index + pattern.count <= html.count else { return false }
        for offset in 0..<pattern.count where lower(html[index + offset]) != lower(pattern[offset]) { return false }
        return true
    }

    static func find(_ byte: UInt8, in html: [UInt8], from start: Int) -> Int? {
        guard start < html.count else { return nil }
        return html[start...].firstIndex(of: byte)
    }

    /// The first index at or after `start` where `literal` (ASCII) appears, matched without case.
    static func find(_ literal: String, in html: [UInt8], from start: Int) -> Int? {
        let pattern = Array(literal.utf8)
        guard let first = pattern.first.map(lower) else { return nil }
        var index = max(start, 0)
        while index + pattern.count <= html.count {
            if lower(html[index]) == first, matches(html, at: index, literal) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing ASCII blanks.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\n\r\u{0C}".unicodeScalars.contains($0) }),
              let last = scalars.lastIndex(where: { !" \t\n\r\u{0C}".unicodeScalars.contains($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
