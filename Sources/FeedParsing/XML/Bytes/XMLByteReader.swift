/// The byte reader met something it leaves to libxml2: a DOCTYPE, another encoding than UTF-8, a name outside
/// ASCII, a limit approached, or anything not well-formed. The document is then read again by `XMLReader`, which
/// reports exactly what it always has.
struct XMLByteReaderFallback: Error {}

/// A pull reader for the common case of a feed page, reading the bytes itself instead of through libxml2: UTF-8 (or
/// ASCII) without a DOCTYPE, well-formed, ASCII names, namespaces declared. For such a document it gives exactly what
/// `XMLReader` gives with its default options (the same events, paths, `outerXMLTree()` bytes and trees); for
/// anything else it stops with `XMLByteReaderFallback` (never with a different answer), and the caller reads the
/// document with `XMLReader`. It expands nothing but the five predefined entities and character references, and
/// accepts only what libxml2 accepts, within tighter limits than `XMLReader.Options`.
///
/// All state lives in a struct behind a pointer this object owns (as `XMLReader` does), so the hot path pays for
/// no exclusivity checks. Not `Sendable`: one thread at a time.
final class XMLByteReader {
    let core: UnsafeMutablePointer<XMLByteReaderCore>
    private let storage: UnsafeMutableBufferPointer<UInt8>

    /// Nil when the document is not one this reader reads (see the type's description), decided from its first
    /// bytes and size; anything found later stops `next()` with `XMLByteReaderFallback`.
    init?(bytes: [UInt8], options: XMLReader.Options) {
        guard !bytes.isEmpty, bytes.count <= min(options.maxDocumentBytes, Int(Int32.max)), !options.keepWhitespace else {
            return nil
        }
        storage = .allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        core = .allocate(capacity: 1)
        core.initialize(to: XMLByteReaderCore(base: UnsafePointer(storage.baseAddress!), count: bytes.count, options: options))
        do throws(XMLByteReaderFallback) {
            try core.pointee.prolog()
        } catch {
            return nil
        }
    }

    deinit {
        core.deinitialize(count: 1)
        core.deallocate()
        storage.deallocate()
    }
}

/// The byte reader's state and its event loop.
struct XMLByteReaderCore {
    typealias Fallback = XMLByteReaderFallback

    struct Frame {
        /// Qualified name id (as written) and resolved name id.
        var qualified: Int32
        var name: Int32
        /// Where its namespace declarations start in `bindings`.
        var bindingStart: Int32
        /// Namespace declarations in scope, counted as `XMLMarkupScan` counts them.
        var inScope: Int32
        /// 1-based index among same-named siblings (for `path`).
        var index: Int32
        /// After `outerXMLTree()`: the offset just past its end tag; -1 before.
        var end: Int = -1
    }

    /// One attribute of the last start tag: qualified and resolved name ids, its decoded value in `values`.
    struct Attribute {
        var qualified: Int32
        var name: Int32 = -1
        var valueStart: Int32
        var valueEnd: Int32
    }

    /// Tighter than libxml2's own limits (50,000-byte names, 10,000,000-byte text, depth 256) and
    /// `XMLReader.Options`' defaults, so a document near any of them is left to libxml2.
    static let maxNameBytes = 1000
    static let maxTextBytes = 1 << 20
    static let maxDepth = 250

    let base: UnsafePointer<UInt8>
    let count: Int
    let options: XMLReader.Options
    var position = 0

    var names = XMLByteNames()
    var frames: [Frame] = []
    /// Namespace declarations of the open elements, in document order: (prefix id or -1 for the default, namespace id).
    var bindings: [(prefix: Int32, namespace: Int32)] = []
    var childCounts = XMLChildCounts()
    /// The last start tag's attributes (namespace declarations left out) and their decoded values.
    var attributes: [Attribute] = []
    var values = XMLByteBuffer(capacity: 1024)
    /// Qualified name ids of the last start tag's attributes, declarations included (duplicate check).
    var written: [Int32] = []
    /// One text node's decoded bytes.
    var text = XMLByteBuffer(capacity: 4096)
    /// `outerXMLTree()`'s output and tree.
    let output = XMLByteBuffer()
    var treeBuilder = XMLElementTreeBuilder()
    /// While `outerXMLTree()` runs: the page's bytes from here to the reading position are the output's next bytes,
    /// still to be copied.
    var copiedUpTo = 0
    /// Whether the last start tag is written exactly as the stored XML writes it (see `startTag()`).
    var lastTagAsWritten = false
    /// The last two qualified names read in start tags (-1 for none), for `XMLByteNames.guess(after:_:)`.
    var earlierName: Int32 = -1
    var lastName: Int32 = -1

    /// An empty element's end, still to be reported.
    var pendingEnd = false
    var currentIsStart = false
    var sawRoot = false
    var rootClosed = false
    var finished = false

    init(base: UnsafePointer<UInt8>, count: Int, options: XMLReader.Options) {
        self.base = base
        self.count = count
        self.options = options
    }

    @inline(__always)
    func byte(_ offset: Int) -> UInt8 { offset < count ? base[offset] : 0 }

    /// The open elements (`XMLReader.path`). Mutating only so that a call through the reader's pointer reads the
    /// state in place instead of copying all of it first.
    mutating func currentPath() -> String {
        if frames.isEmpty { return "/" }
        var result = ""
        for frame in frames {
            result += "/"
            result += names.resolved[Int(frame.name)].name.qualified
            if frame.index > 1 { result += "[\(frame.index)]" }
        }
        return result
    }

    // MARK: Events

    mutating func next() throws(Fallback) -> XMLEvent? {
        if finished { return nil }
        currentIsStart = false
        if pendingEnd {
            pendingEnd = false
            return .endElement(popFrame())
        }
        while true {
            guard position < count else { return try finish() }
            if base[position] == UInt8(ascii: "<") {
                switch byte(position + 1) {
                case UInt8(ascii: "/"):
                    try endTag()
                    return .endElement(popFrame())
                case UInt8(ascii: "?"):
                    _ = try processingInstruction()
                    continue
                case UInt8(ascii: "!"):
                    if try comment() != nil { continue }
                    // A CDATA section starts a text node (the only other `<!` allowed here).
                    guard !frames.isEmpty else { throw Fallback() }
                default:
                    return try startElementEvent()
                }
            } else if frames.isEmpty {
                try skipWhitespace()
                continue
            }
            text.reset()
            if try readText(into: text).nonBlank {
                return .text(String(decoding: UnsafeBufferPointer(start: text.start, count: text.count), as: UTF8.self))
            }
        }
    }

    private mutating func startElementEvent() throws(Fallback) -> XMLEvent {
        if rootClosed { throw Fallback() }
        let isEmpty = try startTag()
        sawRoot = true
        let id = Int(frames[frames.count - 1].name)
        frames[frames.count - 1].index = Int32(childCounts.increment(id))
        childCounts.open()
        var list: [XMLAttribute] = []
        list.reserveCapacity(attributes.count)
        for attribute in attributes {
            list.append(XMLAttribute(name: names.resolved[Int(attribute.name)].name, value: value(of: attribute)))
        }
        pendingEnd = isEmpty
        currentIsStart = true
        return .startElement(names.resolved[id].name, attributes: list, isEmpty: isEmpty)
    }

    func value(of attribute: Attribute) -> String {
        String(decoding: UnsafeBufferPointer(start: values.start + Int(attribute.valueStart),
                                             count: Int(attribute.valueEnd - attribute.valueStart)), as: UTF8.self)
    }

    /// Closes the innermost element (its end tag already read) and returns its name.
    private mutating func popFrame() -> XMLName {
        let frame = frames.removeLast()
        if bindings.count > Int(frame.bindingStart) { bindings.removeSubrange(Int(frame.bindingStart)...) }
        childCounts.close()
        if frames.isEmpty { rootClosed = true }
        return names.resolved[Int(frame.name)].name
    }

    private mutating func finish() throws(Fallback) -> XMLEvent? {
        guard sawRoot, frames.isEmpty else { throw Fallback() }
        finished = true
        return nil
    }

    mutating func skipElement() throws(Fallback) {
        precondition(currentIsStart, "XMLPageReader.skipElement() must directly follow a startElement event")
        if pendingEnd {
            pendingEnd = false
        } else {
            if frames[frames.count - 1].end < 0 { _ = try outerXMLTree() }
            position = frames[frames.count - 1].end
        }
        currentIsStart = false
        _ = popFrame()
    }

    /// Reads the rest of the document without building anything: true when all of it is well-formed as this reader
    /// reads it (a caller that stopped early then knows libxml2 would not have failed later).
    mutating func readToEnd() -> Bool {
        do throws(Fallback) {
            if currentIsStart { try skipElement() }
            while try next() != nil {
                if currentIsStart { try skipElement() }
            }
            return true
        } catch {
            return false
        }
    }

    // MARK: Prolog and whitespace

    /// The BOM and XML declaration: UTF-8 only, version 1.0, and the declaration written exactly as XML requires.
    mutating func prolog() throws(Fallback) {
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
        guard matches("<?xml", at: position), isSpace(byte(position + 5)) else { return }
        var at = position + 5
        skipSpaces(&at)
        guard matches("version", at: at) else { throw Fallback() }
        at += 7
        guard try pseudoAttribute(&at) == "1.0" else { throw Fallback() }
        var spaced = skipSpaces(&at)
        if spaced && matches("encoding", at: at) {
            at += 8
            guard try pseudoAttribute(&at).lowercased() == "utf-8" else { throw Fallback() }
            spaced = skipSpaces(&at)
        }
        if spaced && matches("standalone", at: at) {
            at += 10
            guard ["yes", "no"].contains(try pseudoAttribute(&at)) else { throw Fallback() }
            skipSpaces(&at)
        }
        guard matches("?>", at: at) else { throw Fallback() }
        position = at + 2
    }

    /// `S? = S? "value"` of the XML declaration; the value is ASCII letters, digits, `.`, `-` and `_`.
    private func pseudoAttribute(_ at: inout Int) throws(Fallback) -> String {
        let quote = try openingQuote(&at)
        let start = at
        while at < count && base[at] != quote {
            guard XMLByteClass.isNameByte(base[at]) && base[at] != UInt8(ascii: ":") else { throw Fallback() }
            at += 1
        }
        guard at < count else { throw Fallback() }
        at += 1
        return String(decoding: UnsafeBufferPointer(start: base + start, count: at - 1 - start), as: UTF8.self)
    }

    /// Whitespace outside the root element (anything else there is left to libxml2).
    private mutating func skipWhitespace() throws(Fallback) {
        while position < count && base[position] != UInt8(ascii: "<") {
            guard isSpace(base[position]) else { throw Fallback() }
            position += 1
        }
    }

    @inline(__always)
    func isSpace(_ value: UInt8) -> Bool {
        value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D
    }

    /// Skips whitespace; true when there was some.
    @inline(__always) @discardableResult
    func skipSpaces(_ at: inout Int) -> Bool {
        let start = at
        while at < count && isSpace(base[at]) { at += 1 }
        return at > start
    }

    func matches(_ ascii: StaticString, at offset: Int) -> Bool {
        ascii.withUTF8Buffer { literal in
            guard offset + literal.count <= count else { return false }
            for index in 0..<literal.count where base[offset + index] != literal[index] { return false }
            return true
        }
    }
}
