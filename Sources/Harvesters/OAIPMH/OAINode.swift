import FeedParsing

/// A small element tree of one stored `<record>`, enough for the mappers (a record is a few kilobytes).
/// Names are matched by local part, so DataCite kernels 2.2 to 4.5 and unprefixed quirks read alike.
final class OAINode {
    let name: XMLName
    let attributes: [XMLAttribute]
    var children: [OAINode] = []
    var text = ""

    init(name: XMLName, attributes: [XMLAttribute]) {
        self.name = name
        self.attributes = attributes
    }

    var local: String { name.local }

    /// The node's own text, trimmed; nil when empty.
    var value: String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// All text inside the node, trimmed (an ISO `title` holds a `gco:CharacterString`).
    var deepValue: String? {
        var all = text
        for child in children { all += " " + (child.deepValue ?? "") }
        let trimmed = all.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    func attribute(_ local: String) -> String? {
        attributes.first { $0.name.local == local }?.value.trimmed.orNil
    }

    /// `xml:lang`.
    var language: String? {
        attributes.first { $0.name.local == "lang" && ($0.name.prefix == "xml" || $0.name.namespace == "http://www.w3.org/XML/1998/namespace") }?.value.trimmed.orNil
    }

    func child(_ local: String) -> OAINode? { children.first { $0.local == local } }
    func children(_ local: String) -> [OAINode] { children.filter { $0.local == local } }

    /// The first descendant (depth first, self excluded) named `local`.
    func first(_ local: String) -> OAINode? {
        for child in children {
            if child.local == local { return child }
            if let found = child.first(local) { return found }
        }
        return nil
    }

    /// Reads `bytes` into a tree; the root is the document's root element.
    static func parse(_ bytes: [UInt8], url: String?) throws(XMLReadError) -> OAINode {
        let reader = try XMLReader(bytes: bytes, url: url)
        var stack: [OAINode] = []
        var root: OAINode?
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, let attributes, _):
                let node = OAINode(name: name, attributes: attributes)
                if let parent = stack.last { parent.children.append(node) } else { root = node }
                stack.append(node)
            case .text(let text):
                stack.last?.text += text
            case .endElement:
                stack.removeLast()
            }
        }
        guard let root else { throw XMLReadError(reason: .empty, url: url) }
        return root
    }
}

extension String {
    var orNil: String? { isEmpty ? nil : self }
}
