import FeedParsing
import Testing

/// The lookups the XML mappers use give what the plain walks over the tree give.
@Suite("XMLElementNode lookups")
struct XMLElementNodeLookupTests {
    static let record = """
        <r xmlns:a="urn:a" xmlns:b="urn:b"><a:title>  One  </a:title><b:title>\u{A0}Two\u{2003}</b:title><date/>
        <a:x><title>deep</title><y><code>c</code></y></a:x><code>d</code><titles>not a title</titles>
        <title>\n\t\r three \u{85}</title><date>\u{3000}\u{3000}</date><a:title>é</a:title></r>
        """

    static func root() throws -> XMLElementNode { try XMLElementNode.parse(Array(record.utf8), url: nil) }

    /// Every element of the tree, depth first.
    static func all(_ node: XMLElementNode) -> [XMLElementNode] { [node] + node.children.flatMap(all) }

    /// `String.trimmed` of CatalogModel (which FeedParsing does not import): Unicode white space at both ends.
    static func trimmed(_ text: String) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        return String(scalars[first...last])
    }

    @Test("trimmedText is the text without Unicode white space at either end, nil when nothing is left")
    func trimmedText() throws {
        for node in Self.all(try Self.root()) {
            #expect(node.trimmedText == Self.trimmed(node.text), "\(node.name)")
        }
    }

    @Test("firstChild(named:) and children(named:) match the local name, whatever the prefix and length")
    func children() throws {
        let root = try Self.root()
        for local in ["title", "titles", "date", "code", "x", "", "titl"] {
            #expect(root.firstChild(named: local)?.isSame(as: root.children.first { $0.local == local }) ?? (root.children.first { $0.local == local } == nil))
            let found = root.children(named: local), expected = root.children.filter { $0.local == local }
            #expect(found.count == expected.count && zip(found, expected).allSatisfy { $0.isSame(as: $1) }, "\(local)")
        }
    }

    @Test("firstDescendant(named:) is the first match depth first, the element itself left out")
    func descendants() throws {
        func first(_ node: XMLElementNode, _ local: String) -> XMLElementNode? {
            for child in node.children {
                if child.local == local { return child }
                if let found = first(child, local) { return found }
            }
            return nil
        }
        for node in Self.all(try Self.root()) {
            for local in ["title", "code", "y", "r", "x", "date"] {
                let found = node.firstDescendant(named: local), expected = first(node, local)
                #expect(found?.isSame(as: expected) ?? (expected == nil), "\(node.name) \(local)")
            }
        }
    }

    @Test("forEachChild(slot:) visits the children with a slot in order and asks once for each name")
    func slots() throws {
        let root = try Self.root()
        var asked: [String] = []
        var visited: [(Int, String)] = []
        root.forEachChild(slot: { local in
            asked.append(local)
            return local == "title" ? 0 : local == "code" ? 1 : nil
        }, { slot, child in visited.append((slot, child.text)) })
        #expect(visited.map(\.0) == [0, 0, 1, 0, 0])
        #expect(visited.map(\.1) == ["  One  ", "\u{A0}Two\u{2003}", "d", "\n\t\n three \u{85}", "é"])
        // Names are told apart with their namespace: a:title, b:title and title are three names.
        #expect(asked.sorted() == ["code", "date", "title", "title", "title", "titles", "x"])
    }
}
