/// One element of a small immutable XML tree (a stored record is a few kilobytes): its name, attributes, child
/// elements and own character data, exactly as `XMLReader` reports them as events.
///
/// Built by `XMLReader.outerXMLTree()` from the subtree libxml2 already holds while it re-serialises an element,
/// so a record read from a page is not parsed again, or by `XMLElementNode.parse(_:url:)` from bytes; both give
/// the same tree for the same element. A node is a position in its tree's flat storage, shared by all its
/// nodes, so building a tree allocates a few arrays rather than an object per element. Immutable once built,
/// so it may cross threads.
public struct XMLElementNode: Sendable, Equatable {
    let tree: XMLElementTree
    let index: Int

    /// The element's name.
    public var name: XMLName { tree.names[Int(tree.nodes[index].name)] }

    /// The local part of the element's name.
    public var local: String { tree.names[Int(tree.nodes[index].name)].local }

    /// Its attributes in document order (namespace declarations are not attributes).
    public var attributes: XMLElementTree.Attributes {
        let node = tree.nodes[index]
        return XMLElementTree.Attributes(tree: tree, range: Int(node.attributeStart)..<Int(node.attributeEnd))
    }

    /// Its child elements in document order.
    public var children: XMLElementTree.Children { XMLElementTree.Children(tree: tree, first: Int(tree.nodes[index].firstChild)) }

    /// The text and CDATA directly inside it, concatenated, untrimmed; whitespace-only text nodes are left out
    /// unless the reader keeps whitespace.
    public var text: String {
        let node = tree.nodes[index]
        return tree.text.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(node.textStart)..<Int(node.textEnd)]), as: UTF8.self)
        }
    }

    /// Whether `other` is this very element of this very tree (not merely an equal one).
    public func isSame(as other: XMLElementNode?) -> Bool {
        guard let other else { return false }
        return tree === other.tree && index == other.index
    }

    /// Two elements are equal when their names (prefix included), attributes, text and children are.
    public static func == (lhs: XMLElementNode, rhs: XMLElementNode) -> Bool {
        if lhs.isSame(as: rhs) { return true }
        return lhs.name == rhs.name && lhs.name.prefix == rhs.name.prefix && lhs.attributes.elementsEqual(rhs.attributes)
            && lhs.text == rhs.text && lhs.children.elementsEqual(rhs.children)
    }

    /// Reads `bytes` (one XML document, read with `XMLReader`'s safety, to its end) into a tree; the root is the
    /// document's root element.
    public static func parse(_ bytes: [UInt8], url: String?) throws(XMLReadError) -> XMLElementNode {
        let reader = try XMLReader(bytes: bytes, url: url)
        var root: XMLElementNode?
        while let event = try reader.next() {
            guard case .startElement = event, root == nil else { continue }
            root = try reader.core.pointee.withExpandedElement { node, core throws(XMLReadError) in try core.tree(of: node) }
            try reader.skipElement()
        }
        guard let root else { throw XMLReadError(reason: .empty, url: url) }
        return root
    }
}
