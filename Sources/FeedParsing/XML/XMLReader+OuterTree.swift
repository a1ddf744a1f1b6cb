internal import CLibXML2

/// `outerXMLTree()` in one walk of the expanded subtree: the bytes `write(_:)` gives and the tree `tree(of:)` gives,
/// with names written from the name table (each name's bytes built once per reader) and the namespaces of the
/// subtree interned once per walk instead of once per element.
extension XMLReaderCore {
    /// The element's stored bytes and tree. When anything in the subtree is refused, the two separate passes run
    /// instead, so the error is the one they report (the writer's first, then the tree's).
    mutating func outerXMLAndTree(of node: xmlNodePtr) throws(XMLReadError) -> (xml: [UInt8], tree: XMLElementNode) {
        var writer = XMLSubtreeWriter(into: writeBuffer, maxTextBytes: options.maxTextBytes, url: url)
        namespaces.removeAll(keepingCapacity: true)
        attributeNames.removeAll(keepingCapacity: true)
        treeBuilder.begin()
        var completed = false
        do throws(XMLReadError) {
            try walk(node, declarations: XMLSubtreeWriter.declarationsInScope(node), writer: &writer)
            completed = true
        } catch {}
        guard completed else { return (try write(node), try tree(of: node)) }
        return (writeBuffer.bytes, treeBuilder.finish().root)
    }

    private mutating func walk(_ node: xmlNodePtr, declarations: [(prefix: UnsafePointer<xmlChar>?, href: UnsafePointer<xmlChar>?)],
                               writer: inout XMLSubtreeWriter) throws(XMLReadError) {
        let (href, prefix) = internedNamespace(node.pointee.ns)
        let id = names.id(local: node.pointee.name, namespace: href, prefix: prefix)
        treeBuilder.open(id, names.entries[id].name)
        writer.output.append(UInt8(ascii: "<"))
        writeName(id, to: &writer)
        writer.writeDeclarations(declarations)
        var attribute = node.pointee.properties
        while let current = attribute {
            writer.output.append(UInt8(ascii: " "))
            let attributeID = attributeNameID(current)
            writeName(attributeID, to: &writer)
            try writer.writeAttributeValue(current)
            treeBuilder.attribute(attributeID, names.entries[attributeID].name, value: try attributeValue(current))
            attribute = current.pointee.next
        }
        guard var child = node.pointee.children else {
            // As XMLSubtreeWriter: `<a/>` when the document wrote it so (NODE_IS_EMPTY in `extra`).
            if node.pointee.extra & 0x1 != 0 {
                writer.append("/>")
            } else {
                writer.output.append(UInt8(ascii: ">"))
                writer.append("</")
                writeName(id, to: &writer)
                writer.output.append(UInt8(ascii: ">"))
            }
            treeBuilder.close()
            return
        }
        writer.output.append(UInt8(ascii: ">"))
        while true {
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                try walk(child, declarations: XMLSubtreeWriter.ownDeclarations(child), writer: &writer)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = child.pointee.content {
                    let length = Int(xmlStrlen(content))
                    if length > options.maxTextBytes { throw tooLargeText() }
                    writer.appendEscaped(content, attribute: false)
                    // The reader reports a blank text node as (significant) whitespace, not as text.
                    if child.pointee.type == XML_CDATA_SECTION_NODE || options.keepWhitespace || xmlIsBlankNode(child) == 0 {
                        treeBuilder.append(UnsafeBufferPointer(start: content, count: length))
                    }
                }
            case XML_COMMENT_NODE:
                writer.append("<!--")
                if let content = child.pointee.content { writer.appendRaw(content) }
                writer.append("-->")
            case XML_PI_NODE:
                writer.append("<?")
                if let name = child.pointee.name { writer.appendRaw(name) }
                if let content = child.pointee.content, content.pointee != 0 {
                    writer.output.append(UInt8(ascii: " "))
                    writer.appendRaw(content)
                }
                writer.append("?>")
            case XML_ENTITY_REF_NODE:
                throw undeclaredEntity(child)
            default:
                break
            }
            guard let next = child.pointee.next else { break }
            child = next
        }
        writer.append("</")
        writeName(id, to: &writer)
        writer.output.append(UInt8(ascii: ">"))
        treeBuilder.close()
    }

    private func writeName(_ id: Int, to writer: inout XMLSubtreeWriter) {
        names.entries[id].written.withUnsafeBufferPointer { writer.output.append(contentsOf: $0) }
    }

    /// A namespace's URI and prefix interned in the reader's dictionary, looked up once per walk: the subtree is
    /// alive for the whole walk, so its namespace structures are the same ones throughout.
    private mutating func internedNamespace(_ ns: UnsafeMutablePointer<xmlNs>?) -> (UnsafePointer<xmlChar>?, UnsafePointer<xmlChar>?) {
        guard let ns else { return (nil, nil) }
        for entry in namespaces where entry.ns == ns { return (entry.href, entry.prefix) }
        let href = ns.pointee.href.flatMap { xmlTextReaderConstString(reader, $0) }
        let prefix = ns.pointee.prefix.flatMap { xmlTextReaderConstString(reader, $0) }
        namespaces.append((ns, href, prefix))
        return (href, prefix)
    }

    /// `nameID(of:)` for an attribute, its name interned once per walk by the address of its text.
    private mutating func attributeNameID(_ attribute: UnsafeMutablePointer<xmlAttr>) -> Int {
        let raw = attribute.pointee.name
        var local: UnsafePointer<xmlChar>?
        if let raw {
            var found = false
            for entry in attributeNames where entry.raw == raw {
                local = entry.interned
                found = true
                break
            }
            if !found {
                local = xmlTextReaderConstString(reader, raw)
                attributeNames.append((raw, local))
            }
        }
        let (href, prefix) = internedNamespace(attribute.pointee.ns)
        return names.id(local: local, namespace: href, prefix: prefix)
    }
}
