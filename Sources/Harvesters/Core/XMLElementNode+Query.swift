import FeedParsing

/// What the XML mappers (OAI-PMH, CSW) ask of a record's element tree. Names are matched by local part, so
/// DataCite kernels 2.2 to 4.5 and unprefixed quirks read alike.
extension XMLElementNode {
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

    func child(_ local: String) -> XMLElementNode? { children.first { $0.local == local } }
    func children(_ local: String) -> [XMLElementNode] { children.filter { $0.local == local } }

    /// The first descendant (depth first, self excluded) named `local`.
    func first(_ local: String) -> XMLElementNode? {
        for child in children {
            if child.local == local { return child }
            if let found = child.first(local) { return found }
        }
        return nil
    }
}

extension String {
    var orNil: String? { isEmpty ? nil : self }
}
