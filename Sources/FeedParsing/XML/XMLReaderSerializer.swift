internal import CLibXML2

/// Writes an expanded libxml2 element subtree back out as UTF-8 XML, byte for byte from
/// libxml2's (UTF-8) strings: no XML declaration, every namespace in scope declared on the
/// root element, empty elements written as in the document (`<a/>` or `<a></a>`), text and attribute values escaped so that a
/// re-parse gives the same characters (CR, and tab/newline in attributes, as character references).
struct XMLSubtreeWriter {
    /// Where the bytes go (emptied first).
    let output: XMLByteBuffer
    let maxTextBytes: Int
    let url: String?

    init(into output: XMLByteBuffer, maxTextBytes: Int, url: String?) {
        output.reset()
        self.output = output
        self.maxTextBytes = maxTextBytes
        self.url = url
    }

    mutating func writeRoot(_ node: xmlNodePtr) throws(XMLReadError) {
        try writeElement(node, declarations: Self.declarationsInScope(node))
    }

    /// Namespaces in scope at `node`: the element's own declarations, then its ancestors' that are not shadowed
    /// by a nearer declaration of the same prefix (what the root of a written subtree declares).
    static func declarationsInScope(_ node: xmlNodePtr) -> [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)] {
        var declarations: [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)] = []
        var seen: Set<[UInt8]> = []
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            var declaration = element.pointee.nsDef
            while let ns = declaration {
                let key = ns.pointee.prefix.map { Self.bytes($0) } ?? []
                if seen.insert(key).inserted { declarations.append((ns.pointee.prefix, ns.pointee.href)) }
                declaration = ns.pointee.next
            }
            current = element.pointee.parent
        }
        return declarations
    }

    private mutating func writeElement(
        _ node: xmlNodePtr, declarations: [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)]
    ) throws(XMLReadError) {
        output.append(UInt8(ascii: "<"))
        writeQualifiedName(node.pointee.name, node.pointee.ns)
        writeDeclarations(declarations)
        var attribute = node.pointee.properties
        while let current = attribute {
            output.append(UInt8(ascii: " "))
            writeQualifiedName(current.pointee.name, current.pointee.ns)
            try writeAttributeValue(current)
            attribute = current.pointee.next
        }
        guard var child = node.pointee.children else {
            // Written as in the document: libxml2's reader marks elements written `<a/>` with
            // NODE_IS_EMPTY (0x1) in `extra`, the flag xmlTextReaderIsEmptyElement reads.
            if node.pointee.extra & 0x1 != 0 {
                append("/>")
            } else {
                output.append(UInt8(ascii: ">"))
                append("</")
                writeQualifiedName(node.pointee.name, node.pointee.ns)
                output.append(UInt8(ascii: ">"))
            }
            return
        }
        output.append(UInt8(ascii: ">"))
        while true {
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                try writeElement(child, declarations: Self.ownDeclarations(child))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content {
                    if Int(xmlStrlen(content)) > maxTextBytes {
                        throw XMLReadError(reason: .tooLarge(maxTextBytes), url: url, line: Int(xmlGetLineNo(child)))
                    }
                    appendEscaped(content, attribute: false)
                }
            case XML_COMMENT_NODE:
                append("<!--")
                if let content = child.pointee.content { appendRaw(content) }
                append("-->")
            case XML_PI_NODE:
                append("<?")
                if let name = child.pointee.name { appendRaw(name) }
                if let content = child.pointee.content, content.pointee != 0 {
                    output.append(UInt8(ascii: " "))
                    appendRaw(content)
                }
                append("?>")
            case XML_ENTITY_REF_NODE:
                throw entityError(child)
            default:
                break
            }
            guard let next = child.pointee.next else { break }
            child = next
        }
        append("</")
        writeQualifiedName(node.pointee.name, node.pointee.ns)
        output.append(UInt8(ascii: ">"))
    }

    /// The namespaces an element declares itself.
    static func ownDeclarations(_ node: xmlNodePtr) -> [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)] {
        var own: [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)] = []
        var declaration = node.pointee.nsDef
        while let ns = declaration {
            own.append((ns.pointee.prefix, ns.pointee.href))
            declaration = ns.pointee.next
        }
        return own
    }

    /// ` xmlns:prefix="href"` for each declaration.
    mutating func writeDeclarations(_ declarations: [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)]) {
        for (prefix, href) in declarations {
            append(" xmlns")
            if let prefix {
                output.append(UInt8(ascii: ":"))
                appendRaw(prefix)
            }
            append("=\"")
            if let href { appendEscaped(href, attribute: true) }
            output.append(UInt8(ascii: "\""))
        }
    }

    /// `="value"` of an attribute, escaped; an entity reference inside it is an error.
    mutating func writeAttributeValue(_ attribute: UnsafeMutablePointer<xmlAttr>) throws(XMLReadError) {
        append("=\"")
        var child = attribute.pointee.children
        while let part = child {
            guard part.pointee.type == XML_TEXT_NODE else { throw entityError(part) }
            if let content = part.pointee.content { appendEscaped(content, attribute: true) }
            child = part.pointee.next
        }
        output.append(UInt8(ascii: "\""))
    }

    func entityError(_ node: xmlNodePtr) -> XMLReadError {
        let name = node.pointee.name.map { String(cString: $0) } ?? "?"
        return XMLReadError(reason: .notWellFormed("Entity '\(name)' not defined"), url: url,
                            line: Int(xmlGetLineNo(node)))
    }

    private mutating func writeQualifiedName(_ name: UnsafePointer<xmlChar>?, _ ns: UnsafeMutablePointer<xmlNs>?) {
        if let prefix = ns?.pointee.prefix {
            appendRaw(prefix)
            output.append(UInt8(ascii: ":"))
        }
        if let name { appendRaw(name) }
    }

    mutating func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    mutating func appendRaw(_ string: UnsafePointer<xmlChar>) {
        output.append(contentsOf: UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string))))
    }

    /// Appends `string` with the characters XML needs escaped as references; runs of other bytes are copied whole.
    mutating func appendEscaped(_ string: UnsafePointer<xmlChar>, attribute: Bool) {
        var run = string
        var position = string
        while true {
            let byte = position.pointee
            // Every byte that ends a run is below 0x3F: one comparison passes most text.
            if byte >= 0x3F || (byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                                && (byte != UInt8(ascii: "\"") || !attribute)) {
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\n") && !attribute || byte == UInt8(ascii: "\t") && !attribute {
                position += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: run, count: position - run))
            switch byte {
            case 0: return
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\r"): append("&#13;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "\t"): append("&#9;")
            case UInt8(ascii: "\n"): append("&#10;")
            default: output.append(byte)   // other control characters are written as they are
            }
            position += 1
            run = position
        }
    }

    private static func bytes(_ string: UnsafePointer<xmlChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string))))
    }
}
