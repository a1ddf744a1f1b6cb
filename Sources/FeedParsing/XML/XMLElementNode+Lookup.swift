/// Lookups for mappers that read many fields of one record: a child's name is matched by its index in the tree's
/// names and its length before any string is compared, and text is trimmed as bytes before it becomes a string.
extension XMLElementNode {
    /// The element's own text (`text`) without leading and trailing white space (Unicode `White_Space`, as
    /// `String.trimmed` of CatalogModel), nil when nothing is left. ASCII white space is cut from the bytes, so the
    /// string is built once; only text that starts or ends with a non-ASCII character is trimmed as scalars.
    public var trimmedText: String? {
        let node = tree.nodes[index]
        return tree.text.withUnsafeBufferPointer { all -> String? in
            var start = Int(node.textStart), end = Int(node.textEnd)
            while start < end && Self.isASCIISpace(all[start]) { start += 1 }
            while end > start && Self.isASCIISpace(all[end - 1]) { end -= 1 }
            if start == end { return nil }
            let string = String(decoding: UnsafeBufferPointer(rebasing: all[start..<end]), as: UTF8.self)
            guard all[start] >= 0x80 || all[end - 1] >= 0x80 else { return string }
            let scalars = string.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                  let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
            return String(scalars[first...last])
        }
    }

    /// The ASCII characters with the Unicode `White_Space` property: tab, line feed, vertical tab, form feed,
    /// carriage return and space.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Whether the tree's name `name` has the local part `local` (whose UTF-8 length is `length`).
    @inline(__always)
    private func nameHasLocal(_ name: Int, _ local: String, length: Int) -> Bool {
        let candidate = tree.names[name].local
        return candidate.utf8.count == length && candidate == local
    }

    /// The first child element whose local name is `local`.
    public func firstChild(named local: String) -> XMLElementNode? {
        let length = local.utf8.count
        var child = Int(tree.nodes[index].firstChild)
        while child >= 0 {
            if nameHasLocal(Int(tree.nodes[child].name), local, length: length) { return XMLElementNode(tree: tree, index: child) }
            child = Int(tree.nodes[child].nextSibling)
        }
        return nil
    }

    /// The child elements whose local name is `local`, in document order.
    public func children(named local: String) -> [XMLElementNode] {
        let length = local.utf8.count
        var found: [XMLElementNode] = []
        var child = Int(tree.nodes[index].firstChild)
        while child >= 0 {
            if nameHasLocal(Int(tree.nodes[child].name), local, length: length) { found.append(XMLElementNode(tree: tree, index: child)) }
            child = Int(tree.nodes[child].nextSibling)
        }
        return found
    }

    /// The first descendant (depth first, the element itself excluded) whose local name is `local`.
    public func firstDescendant(named local: String) -> XMLElementNode? {
        let length = local.utf8.count
        // The descendants are the nodes from this one's next up to its subtree's end, in document order, which is
        // depth first: the first match among them is the answer.
        let end = Int(tree.nodes[index].subtreeEnd)
        var node = index + 1
        while node < end {
            if nameHasLocal(Int(tree.nodes[node].name), local, length: length) { return XMLElementNode(tree: tree, index: node) }
            node += 1
        }
        return nil
    }

    /// Calls `body` with each child element and its slot, in document order, skipping children for which `slot`
    /// gives nil. `slot` is asked once for each distinct name among the children, not once for each child.
    public func forEachChild(slot: (String) -> Int?, _ body: (Int, XMLElementNode) throws -> Void) rethrows {
        // By the tree's name index: -2 not asked yet, -1 none.
        var slots = [Int](repeating: -2, count: tree.names.count)
        var child = Int(tree.nodes[index].firstChild)
        while child >= 0 {
            let name = Int(tree.nodes[child].name)
            if slots[name] == -2 { slots[name] = slot(tree.names[name].local) ?? -1 }
            if slots[name] >= 0 { try body(slots[name], XMLElementNode(tree: tree, index: child)) }
            child = Int(tree.nodes[child].nextSibling)
        }
    }
}
