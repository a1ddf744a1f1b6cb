/// `outerXMLTree()` read straight from the page's bytes: the bytes `XMLSubtreeWriter` writes for the element and the
/// tree `XMLReaderCore.tree(of:)` builds, in one pass over the element.
///
/// Most of an element is written exactly as the page has it (tags in the writer's form, text without references), so
/// the page's bytes from `copiedUpTo` to the reading position are copied in one piece only when something written
/// differently comes (a tag with declarations or another spacing, text with references, …) or at the end.
extension XMLByteReaderCore {
    /// The current element (after its start tag) as stored bytes and tree; the reader does not move (its end is
    /// remembered for `skipElement()`).
    mutating func outerXMLTree() throws(Fallback) -> (xml: [UInt8], tree: XMLElementNode) {
        precondition(currentIsStart, "XMLPageReader.outerXMLTree() must directly follow a startElement event")
        output.reset()
        treeBuilder.begin()
        let top = frames.count - 1
        let frame = frames[top]
        output.append(UInt8(ascii: "<"))
        writeName(frame.qualified)
        // Every namespace in scope is declared on the stored element: its own, then its ancestors', nearest first,
        // each prefix once.
        var seen: [Int32] = []
        var end = bindings.count
        for level in stride(from: top, through: 0, by: -1) {
            let start = Int(frames[level].bindingStart)
            for index in start..<end where !seen.contains(bindings[index].prefix) {
                seen.append(bindings[index].prefix)
                writeDeclaration(bindings[index])
            }
            end = start
        }
        let start = position
        try writeRest(of: frame, isEmpty: pendingEnd, asInPage: false)
        copyPage(upTo: position)
        if !pendingEnd {
            frames[top].end = position
            position = start
        }
        return (output.bytes, treeBuilder.finish().root)
    }

    /// The element whose start tag was just read: its attributes, content and end, built, and written unless they
    /// are as in the page (`asInPage`: the start tag is, up to `position`; otherwise it is written up to its
    /// declarations). `position` then stands after its end tag.
    private mutating func writeRest(of frame: Frame, isEmpty: Bool, asInPage: Bool) throws(Fallback) {
        openInTree(frame, write: !asInPage)
        if !asInPage {
            output.append(isEmpty ? UInt8(ascii: "/") : UInt8(ascii: ">"))
            if isEmpty { output.append(UInt8(ascii: ">")) }
            copiedUpTo = position
        }
        if !isEmpty { try expandContent() }
        treeBuilder.close()
    }

    /// Copies the page's bytes from `copiedUpTo` to `end` to the output.
    @inline(__always)
    private mutating func copyPage(upTo end: Int) {
        if end > copiedUpTo { output.append(contentsOf: UnsafeBufferPointer(start: base + copiedUpTo, count: end - copiedUpTo)) }
        copiedUpTo = end
    }

    /// The content of the innermost open element up to and including its end tag, written and built.
    private mutating func expandContent() throws(Fallback) {
        while position < count {
            if base[position] == UInt8(ascii: "<") {
                switch byte(position + 1) {
                case UInt8(ascii: "/"):
                    let tagStart = position
                    if !(try endTag()) {
                        copyPage(upTo: tagStart)
                        writeEndTag(frames[frames.count - 1].qualified)
                        copiedUpTo = position
                    }
                    return
                case UInt8(ascii: "?"):
                    let instructionStart = position
                    let instruction = try processingInstruction()
                    copyPage(upTo: instructionStart)
                    output.append(UInt8(ascii: "<"))
                    output.append(UInt8(ascii: "?"))
                    appendSource(instruction.target)
                    if !instruction.content.isEmpty {
                        output.append(UInt8(ascii: " "))
                        appendSource(instruction.content)
                    }
                    output.append(UInt8(ascii: "?"))
                    output.append(UInt8(ascii: ">"))
                    copiedUpTo = position
                    continue
                case UInt8(ascii: "!"):
                    // A comment is written as the page has it (`<!--content-->`).
                    if try comment() != nil { continue }
                    // A CDATA section: a text node follows.
                default:
                    try expandChild()
                    continue
                }
            }
            // Decoded into the scratch buffer, unless it is exactly the page's bytes (then it stays in the part copied
            // later, and the tree takes it from the page).
            let textStart = position
            text.reset()
            let flags = try readText(into: text, keepPlain: false)
            if flags.asInPage {
                if flags.nonBlank { treeBuilder.append(UnsafeBufferPointer(start: base + textStart, count: position - textStart)) }
                continue
            }
            copyPage(upTo: textStart)
            if flags.nonBlank { treeBuilder.append(UnsafeBufferPointer(start: text.start, count: text.count)) }
            if flags.needsEscape {
                Self.appendEscaped(text.start, text.count, attribute: false, to: output)
            } else {
                output.append(contentsOf: UnsafeBufferPointer(start: text.start, count: text.count))
            }
            copiedUpTo = position
        }
        throw Fallback()
    }

    /// A child element at `position`, written and built whole.
    private mutating func expandChild() throws(Fallback) {
        let tagStart = position
        let isEmpty = try startTag()
        let frame = frames[frames.count - 1]
        let asInPage = lastTagAsWritten
        if !asInPage {
            copyPage(upTo: tagStart)
            output.append(UInt8(ascii: "<"))
            writeName(frame.qualified)
            for index in Int(frame.bindingStart)..<bindings.count { writeDeclaration(bindings[index]) }
        }
        try writeRest(of: frame, isEmpty: isEmpty, asInPage: asInPage)
        frames.removeLast()
        if bindings.count > Int(frame.bindingStart) { bindings.removeSubrange(Int(frame.bindingStart)...) }
    }

    /// Opens `frame`'s element in the tree with the last start tag's attributes, and writes those attributes when
    /// `write` says so.
    private mutating func openInTree(_ frame: Frame, write: Bool) {
        treeBuilder.open(Int(frame.name), names.resolved[Int(frame.name)].name)
        for attribute in attributes {
            if write {
                output.append(UInt8(ascii: " "))
                writeName(names.resolved[Int(attribute.name)].qualified)
                output.append(UInt8(ascii: "="))
                output.append(UInt8(ascii: "\""))
                Self.appendEscaped(values.start + Int(attribute.valueStart), Int(attribute.valueEnd - attribute.valueStart), attribute: true,
                                   to: output)
                output.append(UInt8(ascii: "\""))
            }
            treeBuilder.attribute(Int(attribute.name), names.resolved[Int(attribute.name)].name, value: value(of: attribute))
        }
    }

    // The writers are mutating (as is everything they are called from) so that they read the reader's state in
    // place: a non-mutating call from a mutating one may copy the whole state first.
    private mutating func writeName(_ qualified: Int32) {
        let buffer = output
        names.qualified.withBytes(Int(qualified)) { buffer.append(contentsOf: $0) }
    }

    private mutating func writeEndTag(_ qualified: Int32) {
        output.append(UInt8(ascii: "<"))
        output.append(UInt8(ascii: "/"))
        writeName(qualified)
        output.append(UInt8(ascii: ">"))
    }

    /// ` xmlns="uri"` or ` xmlns:prefix="uri"`.
    private mutating func writeDeclaration(_ binding: (prefix: Int32, namespace: Int32)) {
        let buffer = output
        for character in " xmlns".utf8 { buffer.append(character) }
        if binding.prefix >= 0 {
            buffer.append(UInt8(ascii: ":"))
            names.prefixes.withBytes(Int(binding.prefix)) { buffer.append(contentsOf: $0) }
        }
        buffer.append(UInt8(ascii: "="))
        buffer.append(UInt8(ascii: "\""))
        names.namespaces.withBytes(Int(binding.namespace)) { Self.appendEscaped($0.baseAddress!, $0.count, attribute: true, to: buffer) }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Page bytes copied as they are (comments and processing instructions, checked to hold no carriage return).
    private mutating func appendSource(_ range: Range<Int>) {
        output.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Decoded text or attribute value escaped as `XMLSubtreeWriter.appendEscaped` does.
    private static func appendEscaped(_ start: UnsafePointer<UInt8>, _ length: Int, attribute: Bool, to output: XMLByteBuffer) {
        var run = 0
        var index = 0
        while index < length {
            // Eight bytes at a time while none of them is escaped.
            while index + 8 <= length && Self.isUnescaped(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self), attribute: attribute) {
                index += 8
            }
            guard index < length else { break }
            let value = start[index]
            if value >= 0x3F || (value >= 0x20 && value != UInt8(ascii: "&") && value != UInt8(ascii: "<")
                                 && value != UInt8(ascii: ">") && (value != UInt8(ascii: "\"") || !attribute))
                || (!attribute && (value == 0x0A || value == 0x09)) {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: start + run, count: index - run))
            let escaped: StaticString
            switch value {
            case UInt8(ascii: "&"): escaped = "&amp;"
            case UInt8(ascii: "<"): escaped = "&lt;"
            case UInt8(ascii: ">"): escaped = "&gt;"
            case 0x0D: escaped = "&#13;"
            case UInt8(ascii: "\""): escaped = "&quot;"
            case 0x09: escaped = "&#9;"
            case 0x0A: escaped = "&#10;"
            default: escaped = ""
            }
            if escaped.utf8CodeUnitCount == 0 {
                output.append(value)
            } else {
                escaped.withUTF8Buffer { output.append(contentsOf: $0) }
            }
            index += 1
            run = index
        }
        output.append(contentsOf: UnsafeBufferPointer(start: start + run, count: length - run))
    }

    /// Whether none of the eight bytes of `word` is escaped by `appendEscaped`: none below a space, and none of `&`,
    /// `<`, `>` (nor `"` in an attribute). Exact for the word as a whole, as `isPlain`.
    @inline(__always)
    static func isUnescaped(_ word: UInt64, attribute: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        var special = hasZero(word ^ (ones &* 0x26)) | hasZero(word ^ (ones &* 0x3C)) | hasZero(word ^ (ones &* 0x3E))
        if attribute { special |= hasZero(word ^ (ones &* 0x22)) }
        return below | special == 0
    }
}
