/// Turns HTML in catalogue descriptions into plain text: block elements become paragraphs, `<br>` a line break,
/// list items `- ` lines (indented when nested), table cells are separated by spaces, links keep their address
/// as `text (url)`, character references are decoded (named, decimal, hex; `&#150;` as Windows-1252), scripts,
/// styles and comments are dropped, and white space is collapsed while paragraphs are kept.
///
/// Only known HTML element names count as tags, so Markdown (`<https://…>` autolinks, `a < b`) and e-mail
/// addresses in angle brackets stay as written. White space depends on the markup found:
/// - only inline tags (`<b>`, `<a>`, `<span>`): Markdown with a little HTML, as in agency_fcc.data.json
///   (`<b>…</b>\n\nSummary…`); white space is kept as written;
/// - `<br>` but no block tags: text typed in a plain box with the odd `<br>` (the SEPTA descriptions in
///   datagov-harvester_philly_dcatus_with_none.data.json); source line breaks stay line breaks, without doubling
///   the `<br>` they often follow (`<br/>\r\n`);
/// - block tags: real HTML; source line breaks are spaces, except a blank line, which stays a paragraph break
///   (CKAN notes mixing Markdown paragraphs and HTML).
///
/// HTML escaped once more (`&lt;p&gt;A energia el&eacute;trica&lt;/p&gt;`, Zenodo's oai_dc descriptions) is
/// decoded, then converted as HTML.
enum HTMLText {
    /// The text fedcat keeps and the rule that made it: `text.html` when there were tags, `text.entities` when
    /// there were only character references.
    struct Conversion: Equatable {
        var text: String
        var rule: String
    }

    /// The plain text, or nil when `text` has neither known tags nor character references.
    static func plain(_ text: String) -> String? { convert(text)?.text }

    /// The plain text and how it was made, or nil when `text` has neither known tags nor character references.
    static func convert(_ text: String) -> Conversion? {
        let isMarkup = { (byte: UInt8) in byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") }
        let hasMarkupByte = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isMarkup) } ?? text.utf8.contains(where: isMarkup)
        guard hasMarkupByte else { return nil }
        var bytes = Array(text.utf8)
        var survey = survey(bytes)
        guard survey.tags || survey.references else { return nil }
        if !survey.tags {
            // Escaped HTML: once decoded, it has tags.
            let decoded = Array(Reference.decodeAll(bytes).utf8)
            let again = Self.survey(decoded)
            if again.tags { (bytes, survey) = (decoded, again) }
        }
        let mode: Renderer.Mode = survey.blocks ? .html : survey.breaks ? .lines : .raw
        var renderer = Renderer(bytes: bytes, mode: mode)
        renderer.run()
        let output = String(decoding: renderer.output, as: UTF8.self)
        return output == text ? nil : Conversion(text: output, rule: survey.tags ? "text.html" : "text.entities")
    }

    /// The plain text as one line, for titles and keywords: paragraphs and line breaks become single spaces.
    /// Nil when `text` has neither known tags nor character references (its white space is then left alone).
    static func line(_ text: String) -> Conversion? {
        guard var conversion = convert(text) else { return nil }
        conversion.text = conversion.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return conversion.text == text ? nil : conversion
    }

    /// Whether the text has known tags, block-level ones, `<br>`s, and character references.
    private static func survey(_ bytes: [UInt8]) -> (tags: Bool, blocks: Bool, breaks: Bool, references: Bool) {
        var tags = false, blocks = false, breaks = false, references = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if let tag = Tag.parse(bytes, at: index) {
                    tags = true
                    if tag.kind == .breakLine { breaks = true } else if tag.kind.isBlock { blocks = true }
                    index = tag.end
                    continue
                }
            case UInt8(ascii: "&"):
                if Reference.parse(bytes, at: index) != nil { references = true }
            default:
                break
            }
            index += 1
        }
        return (tags, blocks, breaks, references)
    }

    /// Writes the plain text.
    private struct Renderer {
        /// What source white space means.
        enum Mode {
            /// Only inline tags: white space is kept as written (Markdown with a little HTML).
            case raw
            /// `<br>`s but no block tags: source line breaks stay line breaks (not added to a `<br>` before them),
            /// runs of spaces become one.
            case lines
            /// Block tags: white space is one space, a blank line a paragraph break.
            case html
        }

        let bytes: [UInt8]
        let mode: Mode
        var output: [UInt8] = []
        var pendingBreaks = 0
        var pendingSpace = false
        var listDepth = 0
        var preDepth = 0
        /// Open anchors: href and where their text starts in `output`.
        var anchors: [(href: String?, start: Int)] = []

        init(bytes: [UInt8], mode: Mode) {
            self.bytes = bytes
            self.mode = mode
        }

        private var collapse: Bool { mode != .raw && preDepth == 0 }

        mutating func run() {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), let tag = Tag.parse(bytes, at: index) {
                    index = handle(tag)
                    continue
                }
                if byte == UInt8(ascii: "&"), let (scalar, end) = Reference.parse(bytes, at: index) {
                    if scalar == "\u{00A0}" || scalar == " " || scalar == "\t" {
                        whiteSpace(0x20)
                    } else if scalar == "\n" {
                        whiteSpace(0x0A)
                    } else {
                        for unit in String(Character(scalar)).utf8 { text(unit) }
                    }
                    index = end
                    continue
                }
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    // A white-space run.
                    var newlines = 0
                    var look = index
                    while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x09 || bytes[look] == 0x0A || bytes[look] == 0x0D {
                        if bytes[look] == 0x0A { newlines += 1 }
                        look += 1
                    }
                    if !collapse {
                        for position in index..<look where bytes[position] != 0x0D { text(bytes[position], raw: true) }
                    } else if newlines >= 2 || (mode == .lines && newlines == 1) {
                        pendingBreaks = max(pendingBreaks, min(newlines, 2))
                    } else {
                        pendingSpace = true
                    }
                    index = look
                    continue
                }
                text(byte)
                index += 1
            }
            while let last = output.last, last == 0x20 || last == 0x0A { output.removeLast() }
        }

        /// Handles a tag; returns the index to continue from.
        private mutating func handle(_ tag: Tag) -> Int {
            switch tag.kind {
            case .comment, .inline:
                break
            case .drop:
                guard !tag.closing, !tag.selfClosing else { break }
                // Skip to the matching end tag.
                var index = tag.end
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "<"), let end = Tag.parse(bytes, at: index), end.closing, end.name == tag.name {
                        return end.end
                    }
                    index += 1
                }
                return bytes.count
            case .paragraph:
                pendingBreaks = max(pendingBreaks, 2)
                if tag.name == "hr" { pendingBreaks = 2 }
            case .line:
                pendingBreaks = max(pendingBreaks, 1)
            case .breakLine:
                // Each `<br>` ends a line, so `<br><br>` leaves a blank one (never more).
                flushBreaksOnly()
                pendingSpace = false
                guard !output.isEmpty else { break }
                while let last = output.last, last == 0x20 { output.removeLast() }
                var trailing = 0
                for byte in output.reversed() { if byte == 0x0A { trailing += 1 } else { break } }
                if trailing < 2 { output.append(0x0A) }
            case .list:
                if tag.closing { listDepth = max(0, listDepth - 1) } else if !tag.selfClosing { listDepth += 1 }
                pendingBreaks = max(pendingBreaks, listDepth == 0 ? 2 : 1)
            case .listItem:
                pendingBreaks = max(pendingBreaks, 1)
                if !tag.closing {
                    flushBreaksOnly()
                    for _ in 0..<max(0, listDepth - 1) { output.append(contentsOf: [0x20, 0x20]) }
                    output.append(contentsOf: [UInt8(ascii: "-"), 0x20])
                    pendingSpace = false
                }
            case .cell:
                if tag.closing { pendingSpace = true }
            case .pre:
                pendingBreaks = max(pendingBreaks, 2)
                if tag.closing { preDepth = max(0, preDepth - 1) } else { preDepth += 1 }
            case .image:
                if let alt = tag.attribute("alt", in: bytes)?.trimmed, !alt.isEmpty {
                    for unit in alt.utf8 { text(unit) }
                }
            case .anchor:
                if tag.closing {
                    closeAnchor()
                } else if !tag.selfClosing {
                    anchors.append((tag.attribute("href", in: bytes)?.trimmed, output.count))
                }
            }
            return tag.end
        }

        private mutating func closeAnchor() {
            guard let anchor = anchors.popLast() else { return }
            guard let href = anchor.href, Self.isShownLink(href) else { return }
            let start = min(anchor.start, output.count)
            let label = String(decoding: output[start...], as: UTF8.self).trimmed
            let bare = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
            if label.isEmpty {
                for unit in bare.utf8 { text(unit) }
            } else if label != href && label != bare && !href.hasSuffix("//" + label) && !href.hasSuffix("//" + label + "/") {
                for unit in " (\(bare))".utf8 { text(unit, raw: true) }
            }
        }

        /// Absolute web and mail links; fragments, relative paths and `javascript:` are not worth showing.
        private static func isShownLink(_ href: String) -> Bool {
            href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") || href.hasPrefix("ftp://")
        }

        private mutating func whiteSpace(_ byte: UInt8) {
            if !collapse { text(byte, raw: true) } else { pendingSpace = true }
        }

        /// Writes the pending paragraph or line breaks (not a pending space).
        private mutating func flushBreaksOnly() {
            guard pendingBreaks > 0 else { return }
            guard !output.isEmpty else {
                pendingBreaks = 0
                pendingSpace = false
                return
            }
            while let last = output.last, last == 0x20 { output.removeLast() }
            var trailing = 0
            for byte in output.reversed() { if byte == 0x0A { trailing += 1 } else { break } }
            if trailing < pendingBreaks { output.append(contentsOf: repeatElement(0x0A, count: pendingBreaks - trailing)) }
            pendingBreaks = 0
            pendingSpace = false
        }

        /// Writes one byte of text after any pending break or space.
        private mutating func text(_ byte: UInt8, raw: Bool = false) {
            if pendingBreaks > 0 && byte != 0x0A {
                flushBreaksOnly()
            } else if pendingSpace {
                if let last = output.last, last != 0x20, last != 0x0A, byte != 0x20 { output.append(0x20) }
                pendingSpace = false
            }
            if !raw, collapse, byte == 0x20, let last = output.last, last == 0x20 || last == 0x0A { return }
            output.append(byte)
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
