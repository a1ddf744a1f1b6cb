internal import CLibXML2

/// A streaming pull reader for untrusted XML over libxml2's xmlTextReader: events, no tree.
///
/// Security: libxml2 runs with `FC_XML_SAFE_OPTIONS` only (no network, no entity
/// substitution, no DTD loading or default attributes, no XInclude, libxml2's size and depth
/// limits kept), and a deny-all external entity loader is installed once per process. A
/// DOCTYPE that declares entities is refused with `.doctypeWithEntities` (attribute lists
/// with `.doctypeWithAttributeLists`) twice over: a lexical pass over the raw bytes refuses it
/// before libxml2 parses anything, and the parsed DOCTYPE node is inspected again before
/// anything after it is reported. The same pass refuses the shapes on which libxml2 2.9 takes
/// quadratic time (`maxAttributes`, `maxNamespaces`, `maxNames`) and encodings it cannot read
/// markup in. References to undeclared entities are errors. Errors are collected per reader
/// through libxml2's structured error handler, never through global state.
///
/// Not `Sendable`: use one reader on one thread at a time. Distinct readers may run on
/// different threads.
public final class XMLReader {
    /// Limits and choices for one reader.
    public struct Options: Sendable {
        /// Largest accepted input, in bytes (at most `Int32.max`, libxml2's limit).
        public var maxDocumentBytes = 512 << 20
        /// Deepest accepted element nesting (the root element is depth 1). libxml2 refuses
        /// more than 256 levels whatever this says.
        public var maxDepth = 256
        /// Largest accepted text node or attribute value, in bytes of UTF-8. libxml2 refuses
        /// a text node over 10,000,000 bytes whatever this says.
        public var maxTextBytes = 64 << 20
        /// Report whitespace-only text between elements as `.text` events.
        public var keepWhitespace = false
        /// Most attributes in one start tag, namespace declarations included (real catalogue
        /// records use at most about 30). Guards against libxml2 2.9's quadratic duplicate check.
        public var maxAttributes = 128
        /// Most namespace declarations in scope at one element (real records: at most about 40).
        public var maxNamespaces = 128
        /// Most distinct element names, attribute names and namespace URIs in one document
        /// (real records: a few hundred). Guards against libxml2 2.9's name dictionary slowing
        /// down quadratically.
        public var maxNames = 10_000

        /// The defaults.
        public init() {}
    }

    /// libxml2 set up once per process: parser globals initialised and the deny-all
    /// external entity loader installed (Swift runs this initialiser exactly once, thread-safely).
    static let libraryReady: Bool = {
        xmlInitParser()
        fc_xml_install_deny_loader()
        return true
    }()

    /// The reader's own copy of the input: xmlReaderForMemory reads the buffer in place for
    /// the reader's whole life, so it must not move, which a Swift array does not promise.
    /// Nil when reading a file (`init(path:url:options:)`), which streams from its descriptor.
    private let storage: UnsafeMutableRawBufferPointer?
    /// All mutable state, in one struct behind a pointer this object owns: the hot path then
    /// pays for no dynamic exclusivity checks (the reader is single-threaded by contract and
    /// never re-entered).
    let core: UnsafeMutablePointer<XMLReaderCore>

    /// Prepares to read `bytes` (any encoding libxml2 detects or the XML declaration names).
    /// `url` is used in error messages only; it is never given to libxml2.
    ///
    /// Throws at once, before libxml2 parses anything, for an input over `maxDocumentBytes`
    /// (`.tooLarge`), one without any element (`.empty`), a DOCTYPE declaring entities or
    /// attribute lists, an encoding whose markup is not ASCII (`.encoding`), and the limits
    /// `maxAttributes`, `maxNamespaces` and `maxNames`. Everything else is reported by `next()`.
    /// The reader keeps its own copy of `bytes` (libxml2 reads it in place) while it lives.
    public convenience init(bytes: [UInt8], url: String? = nil, options: Options = .init()) throws(XMLReadError) {
        try self.init(bytes: bytes, url: url, options: options, scanMarkup: true)
    }

    /// `scanMarkup: false` skips the lexical pass over the raw bytes, so tests can prove the
    /// second line of defence (the DOCTYPE node check) on its own. Never use it in production.
    convenience init(bytes: [UInt8], url: String?, options: Options, scanMarkup: Bool) throws(XMLReadError) {
        _ = Self.libraryReady
        let limit = min(options.maxDocumentBytes, Int(Int32.max))
        guard bytes.count <= limit else {
            throw XMLReadError(reason: .tooLarge(limit), url: url)
        }
        if scanMarkup {
            let limits = XMLMarkupScan.Limits(maxAttributes: options.maxAttributes, maxNamespaces: options.maxNamespaces,
                                              maxNames: options.maxNames)
            switch bytes.withUnsafeBytes({ XMLMarkupScan.scan($0, limits: limits) }) {
            case .noElement:
                throw XMLReadError(reason: .empty, url: url)
            case .refused(let reason, let line, let column):
                throw XMLReadError(reason: reason, url: url, line: line, column: column)
            case .proceed:
                break
            }
        }
        if bytes.isEmpty { throw XMLReadError(reason: .empty, url: url) }

        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { storage.copyMemory(from: $0) }
        // The URL is deliberately not passed: libxml2 gets no base URI to resolve anything against.
        guard let reader = xmlReaderForMemory(storage.baseAddress!.assumingMemoryBound(to: CChar.self),
                                              Int32(bytes.count), nil, nil, FC_XML_SAFE_OPTIONS) else {
            storage.deallocate()
            throw XMLReadError(reason: .notWellFormed("libxml2 could not create a reader for the document"), url: url)
        }
        self.init(reader: reader, input: .memory(UnsafeRawBufferPointer(storage)), storage: storage, url: url,
                  options: options)
    }

    /// Takes over a libxml2 reader created with `FC_XML_SAFE_OPTIONS` over `input`; `storage`
    /// (the memory libxml2 reads in place, if any) is freed with the reader.
    init(reader: OpaquePointer, input: XMLReaderInput, storage: UnsafeMutableRawBufferPointer?, url: String?,
         options: Options) {
        let diagnostics = XMLReaderDiagnostics()
        diagnostics.attach(to: reader)
        self.storage = storage
        self.core = .allocate(capacity: 1)
        core.initialize(to: XMLReaderCore(reader: reader, diagnostics: diagnostics, url: url, options: options,
                                          input: input))
    }

    deinit {
        xmlFreeTextReader(core.pointee.reader)
        core.deinitialize(count: 1)
        core.deallocate()
        storage?.deallocate()
    }

    /// The next event, or nil at the end of the document. After an error every call throws
    /// the same error again.
    public func next() throws(XMLReadError) -> XMLEvent? {
        try core.pointee.next()
    }

    /// The line of the node behind the last event (for an end tag: the line of its start
    /// tag), 0 before the first event. libxml2 stores node lines up to 65,534; beyond that
    /// this is the line the parser has reached, a little ahead of the node.
    public var line: Int { core.pointee.currentLine }

    /// The open elements, e.g. `/OAI-PMH/ListRecords/record[3]/metadata` after the start of
    /// that `metadata` element, or while reading text inside it. Names are written as in the
    /// document (`prefix:local`). An index counts the element among its earlier same-named
    /// siblings (1-based) and is shown only from 2 on, so the first of several `record`s is
    /// plain `record`. `/` outside the root element.
    public var path: String { core.pointee.path }

    /// Problems libxml2 reported that did not stop reading (undeclared namespace prefixes,
    /// namespace names that are not valid URIs, ...), at most 100.
    public var warnings: [XMLReadWarning] { core.pointee.diagnostics.warnings }

    /// Skips the current element's subtree (after a startElement) without building events.
    ///
    /// Must directly follow a `startElement` event (a programming error otherwise). The next
    /// event is whatever follows the element's end tag; its `endElement` is not reported.
    public func skipElement() throws(XMLReadError) {
        try core.pointee.skipElement()
    }

    /// The whole current element (after its startElement) re-serialised as XML bytes, for RawRecord payloads; namespaces in scope declared on the root.
    ///
    /// Must directly follow a `startElement` event (a programming error otherwise). The
    /// output is UTF-8 without an XML declaration; every namespace in scope at the element
    /// (declared on it or on an ancestor) is declared on its start tag, so the bytes stand
    /// alone, including QName values such as `xsi:type="gmd:MD_Metadata_Type"`. The reader
    /// does not move: the element's content events follow, or call `skipElement()`.
    /// libxml2 holds the element's subtree in memory while this runs.
    public func outerXML() throws(XMLReadError) -> [UInt8] {
        try core.pointee.outerXML()
    }
}

/// The reader's state and logic.
struct XMLReaderCore {
    private struct Frame {
        /// The element's id in `names`.
        var id: Int
        /// 1-based index among same-named siblings.
        var index: Int
    }

    let reader: OpaquePointer
    let diagnostics: XMLReaderDiagnostics
    let url: String?
    let options: XMLReader.Options
    /// The input (bytes owned by the XMLReader, or the open file), for error locations.
    private let input: XMLReaderInput

    private var frames: [Frame] = []
    private var childCounts = XMLChildCounts()
    var names = XMLNameTable()
    /// Where `outerXML()` writes, reused from one element to the next.
    let writeBuffer = XMLByteBuffer()
    /// Builds `outerXMLTree()`'s trees, reused from one to the next.
    var treeBuilder = XMLElementTreeBuilder()
    /// One `outerXMLTree()` walk's namespaces and attribute names, interned in the reader's dictionary.
    var namespaces: [(ns: UnsafeMutablePointer<xmlNs>, href: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?)] = []
    var attributeNames: [(raw: UnsafePointer<xmlChar>, interned: UnsafePointer<xmlChar>?)] = []
    /// The end of an empty element, still to be reported.
    private var pendingEnd: XMLName?
    /// Whether the last event was a `startElement` (skipElement / outerXML allowed).
    private var currentIsStart = false
    /// The libxml2 reader already stands on a node not yet turned into an event (after skipElement).
    private var positioned = false
    /// libxml2 has reported the end of the input.
    private var atEnd = false
    private var finished = false
    private var failure: XMLReadError?
    private var sawElement = false
    private(set) var currentLine = 0

    init(reader: OpaquePointer, diagnostics: XMLReaderDiagnostics, url: String?, options: XMLReader.Options,
         input: XMLReaderInput) {
        self.reader = reader
        self.diagnostics = diagnostics
        self.url = url
        self.options = options
        self.input = input
    }

    var path: String {
        if frames.isEmpty { return "/" }
        var result = ""
        for frame in frames {
            result += "/"
            result += names.entries[frame.id].qualified
            if frame.index > 1 { result += "[\(frame.index)]" }
        }
        return result
    }

    mutating func next() throws(XMLReadError) -> XMLEvent? {
        if let failure { throw failure }
        if finished { return nil }
        currentIsStart = false
        if let end = pendingEnd {
            pendingEnd = nil
            popFrame()
            return .endElement(end)
        }
        do throws(XMLReadError) {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    mutating func skipElement() throws(XMLReadError) {
        precondition(currentIsStart, "XMLReader.skipElement() must directly follow a startElement event")
        if let failure { throw failure }
        currentIsStart = false
        if pendingEnd != nil {
            pendingEnd = nil
            popFrame()
            return
        }
        let status = xmlTextReaderNext(reader)
        popFrame()
        if status < 0 {
            let error = readFailure()
            failure = error
            throw error
        }
        if status == 0 { atEnd = true } else { positioned = true }
    }

    mutating func outerXML() throws(XMLReadError) -> [UInt8] {
        try withExpandedElement { node, core throws(XMLReadError) in try core.write(node) }
    }

    /// Runs `body` on the current element's subtree, expanded by libxml2 (after a startElement only); an error
    /// is kept as the reader's failure.
    mutating func withExpandedElement<Result>(
        _ body: (xmlNodePtr, inout XMLReaderCore) throws(XMLReadError) -> Result
    ) throws(XMLReadError) -> Result {
        precondition(currentIsStart, "XMLReader.outerXML() must directly follow a startElement event")
        if let failure { throw failure }
        do throws(XMLReadError) {
            guard let node = xmlTextReaderExpand(reader) else { throw readFailure() }
            // Expanding parses to the element's end; a fatal error there means the subtree is partial.
            if let fatal = diagnostics.fatal { throw error(from: fatal) }
            return try body(node, &self)
        } catch {
            failure = error
            throw error
        }
    }

    /// An expanded element re-serialised (see `XMLReader.outerXML()`).
    func write(_ node: xmlNodePtr) throws(XMLReadError) -> [UInt8] {
        var writer = XMLSubtreeWriter(into: writeBuffer, maxTextBytes: options.maxTextBytes, url: url)
        try writer.writeRoot(node)
        return writeBuffer.bytes
    }

    // MARK: - Reading

    private mutating func advance() throws(XMLReadError) -> XMLEvent? {
        while true {
            if positioned {
                positioned = false
            } else {
                if atEnd { return try finish() }
                let status = xmlTextReaderRead(reader)
                if status < 0 { throw readFailure() }
                if status == 0 {
                    atEnd = true
                    return try finish()
                }
            }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                return try startElement()
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                guard let frame = popFrame() else {
                    throw XMLReadError(reason: .notWellFormed("an end tag without a start tag"), url: url, line: parserLine)
                }
                if let node = xmlTextReaderCurrentNode(reader) { currentLine = line(of: node) }
                return .endElement(names.entries[frame.id].name)
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                return try text()
            case Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if options.keepWhitespace && !frames.isEmpty { return try text() }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                throw undeclaredEntity()
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                try checkDoctype()
            default:
                continue   // comments, processing instructions, XML declaration
            }
        }
    }

    @discardableResult
    private mutating func popFrame() -> Frame? {
        guard let frame = frames.popLast() else { return nil }
        childCounts.close()
        return frame
    }

    private mutating func finish() throws(XMLReadError) -> XMLEvent? {
        if let fatal = diagnostics.fatal { throw error(from: fatal) }
        if !sawElement { throw XMLReadError(reason: .empty, url: url) }
        if let open = frames.last {
            throw XMLReadError(reason: .notWellFormed("the document ends inside element \(names.entries[open.id].qualified)"),
                               url: url, line: parserLine)
        }
        finished = true
        return nil
    }

    private mutating func startElement() throws(XMLReadError) -> XMLEvent {
        guard let node = xmlTextReaderCurrentNode(reader) else {
            throw XMLReadError(reason: .notWellFormed("libxml2 reported an element without a node"), url: url, line: parserLine)
        }
        currentLine = line(of: node)
        if frames.count + 1 > options.maxDepth {
            throw XMLReadError(reason: .tooDeep(options.maxDepth), url: url, line: currentLine)
        }
        let id = nameID(of: node)
        let name = names.entries[id].name
        let attributes = try attributes(of: node)
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        sawElement = true

        let index = childCounts.increment(id)
        childCounts.open()
        frames.append(Frame(id: id, index: index))
        if isEmpty { pendingEnd = name }
        currentIsStart = true
        return .startElement(name, attributes: attributes, isEmpty: isEmpty)
    }

    /// The id of an element's name in `names`. Element names come back interned in the reader's dictionary;
    /// namespace URIs and prefixes are interned here, so the table can key on pointers.
    mutating func nameID(of node: xmlNodePtr) -> Int {
        let ns = node.pointee.ns
        return names.id(local: node.pointee.name, namespace: ns.flatMap { xmlTextReaderConstString(reader, $0.pointee.href) },
                        prefix: ns.flatMap { xmlTextReaderConstString(reader, $0.pointee.prefix) })
    }

    /// An element's attributes in document order, values checked against `maxTextBytes`.
    private mutating func attributes(of node: xmlNodePtr) throws(XMLReadError) -> [XMLAttribute] {
        var attributes: [XMLAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let value = try attributeValue(current)
            let id = nameID(of: current)
            attributes.append(XMLAttribute(name: names.entries[id].name, value: value))
            attribute = current.pointee.next
        }
        return attributes
    }

    /// The id of an attribute's name in `names` (its name is interned here too).
    mutating func nameID(of attribute: UnsafeMutablePointer<xmlAttr>) -> Int {
        let ns = attribute.pointee.ns
        return names.id(local: xmlTextReaderConstString(reader, attribute.pointee.name),
                        namespace: ns.flatMap { xmlTextReaderConstString(reader, $0.pointee.href) },
                        prefix: ns.flatMap { xmlTextReaderConstString(reader, $0.pointee.prefix) })
    }

    func attributeValue(_ attribute: UnsafeMutablePointer<xmlAttr>) throws(XMLReadError) -> String {
        var child = attribute.pointee.children
        // The usual case: one text node.
        if let only = child, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
            return try checkedString(only.pointee.content)
        }
        var bytes: [UInt8] = []
        while let current = child {
            if current.pointee.type == XML_ENTITY_REF_NODE { throw undeclaredEntity(current) }
            if let content = current.pointee.content {
                let length = Int(xmlStrlen(content))
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
                if bytes.count > options.maxTextBytes { throw tooLargeText() }
            }
            child = current.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func text() throws(XMLReadError) -> XMLEvent {
        if let node = xmlTextReaderCurrentNode(reader) { currentLine = line(of: node) }
        return .text(try checkedString(xmlTextReaderConstValue(reader)))
    }

    private func checkedString(_ pointer: UnsafePointer<xmlChar>?) throws(XMLReadError) -> String {
        guard let pointer else { return "" }
        let length = Int(xmlStrlen(pointer))
        if length > options.maxTextBytes { throw tooLargeText() }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    func tooLargeText() -> XMLReadError {
        XMLReadError(reason: .tooLarge(options.maxTextBytes), url: url, line: currentLine)
    }

    /// Second line of defence: the DOCTYPE node as libxml2 parsed it. Its internal subset
    /// must declare no general or parameter entities and no attribute lists.
    private func checkDoctype() throws(XMLReadError) {
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_DTD_NODE else { return }
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self)
        func hasEntries(_ table: UnsafeMutableRawPointer?) -> Bool {
            guard let table else { return false }
            return xmlHashSize(OpaquePointer(table)) != 0
        }
        if hasEntries(dtd.pointee.entities) || hasEntries(dtd.pointee.pentities) {
            throw XMLReadError(reason: .doctypeWithEntities, url: url)
        }
        if hasEntries(dtd.pointee.attributes) {
            throw XMLReadError(reason: .doctypeWithAttributeLists, url: url)
        }
    }

    /// A reference to an entity that is not declared (declared ones are refused with the DOCTYPE).
    func undeclaredEntity(_ node: xmlNodePtr? = nil) -> XMLReadError {
        if let fatal = diagnostics.fatal { return error(from: fatal) }
        let node = node ?? xmlTextReaderCurrentNode(reader)
        let name = node.flatMap { $0.pointee.name }.map { String(cString: $0) } ?? "?"
        return XMLReadError(reason: .notWellFormed("Entity '\(name)' not defined"), url: url,
                            line: node.map { line(of: $0) } ?? parserLine)
    }

    private func readFailure() -> XMLReadError {
        if let fatal = diagnostics.fatal { return error(from: fatal) }
        return XMLReadError(reason: .notWellFormed("libxml2 stopped reading without giving a reason"), url: url,
                            line: parserLine)
    }

    private func error(from entry: XMLReaderDiagnostics.Entry) -> XMLReadError {
        var reason = XMLReaderDiagnostics.reason(for: entry)
        // At the end of the input libxml2's push parser says "Extra content at the end of the
        // document" when elements are still open; say what it means.
        if entry.code == Int32(XML_ERR_DOCUMENT_END.rawValue), let end = endOfInput,
           end.line == entry.line, end.column == entry.column {
            reason = .notWellFormed("Premature end of data: the document ends before its elements are closed")
        }
        return XMLReadError(reason: reason, url: url, line: entry.line, column: entry.column)
    }

    /// Line and column (in characters) just past the last byte, for inputs in an
    /// ASCII-compatible encoding; nil for UTF-16/UCS-4.
    private var endOfInput: (line: Int, column: Int)? { input.endOfInput }

    private var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    private func line(of node: xmlNodePtr) -> Int {
        let stored = Int(xmlGetLineNo(node))
        if stored > 0 && stored < 65535 { return stored }
        return max(stored, parserLine)
    }
}

/// Reading libxml2 strings.
enum XMLNodeAccess {
    static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))), as: UTF8.self)
    }
}
