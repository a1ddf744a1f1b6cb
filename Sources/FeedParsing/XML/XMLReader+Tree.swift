internal import CLibXML2

extension XMLReader {
    /// The current element (after its startElement) both as `outerXML()` bytes and as a tree, from one expansion
    /// of its subtree: the tree equals `XMLElementNode.parse` of the bytes, without parsing them again.
    ///
    /// Same contract as `outerXML()`: must directly follow a `startElement` event, and the reader does not move.
    public func outerXMLTree() throws(XMLReadError) -> (xml: [UInt8], tree: XMLElementNode) {
        try core.pointee.withExpandedElement { node, core throws(XMLReadError) in try core.outerXMLAndTree(of: node) }
    }
}

extension XMLReaderCore {
    /// An expanded element as a tree, holding what `next()` would report for it: names and attributes alike,
    /// text and CDATA, whitespace-only text only with `keepWhitespace`.
    mutating func tree(of node: xmlNodePtr) throws(XMLReadError) -> XMLElementNode {
        treeBuilder.begin()
        try addSubtree(node)
        return treeBuilder.finish().root
    }

    private mutating func addSubtree(_ node: xmlNodePtr) throws(XMLReadError) {
        let id = nameID(of: node)
        treeBuilder.open(id, names.entries[id].name)
        var attribute = node.pointee.properties
        while let current = attribute {
            let value = try attributeValue(current)
            let attributeID = nameID(of: current)
            treeBuilder.attribute(attributeID, names.entries[attributeID].name, value: value)
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                try addSubtree(current)
            case XML_TEXT_NODE:
                // The reader reports a blank text node as (significant) whitespace, not as text.
                if options.keepWhitespace || xmlIsBlankNode(current) == 0 { try appendText(current) }
            case XML_CDATA_SECTION_NODE:
                try appendText(current)
            case XML_ENTITY_REF_NODE:
                throw undeclaredEntity(current)
            default:
                break   // comments, processing instructions
            }
            child = current.pointee.next
        }
        treeBuilder.close()
    }

    private mutating func appendText(_ node: xmlNodePtr) throws(XMLReadError) {
        guard let content = node.pointee.content else { return }
        let length = Int(xmlStrlen(content))
        if length > options.maxTextBytes { throw tooLargeText() }
        treeBuilder.append(UnsafeBufferPointer(start: content, count: length))
    }
}
