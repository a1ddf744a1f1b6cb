/// What the reader saw.
///
/// Every `startElement` is matched by exactly one `endElement` (an empty element `<a/>`
/// gives `startElement(isEmpty: true)` followed at once by `endElement`), so consumers can
/// keep a simple stack.
public enum XMLEvent: Sendable, Equatable {
    /// An element's start tag, with its attributes in document order (namespace
    /// declarations `xmlns` / `xmlns:p` are not attributes and are left out).
    case startElement(XMLName, attributes: [XMLAttribute], isEmpty: Bool)
    /// An element's end tag; also emitted right after the start of an empty element.
    case endElement(XMLName)
    /// Character data: text, CDATA sections (merged with adjacent text) and decoded
    /// character and predefined entity references. Whitespace-only text is skipped unless
    /// `XMLReader.Options.keepWhitespace` is set.
    case text(String)
}

/// An element or attribute name: namespace URI, local part and the prefix the document used.
///
/// Two names are equal when their namespace and local part are equal (the XML "expanded
/// name"); the prefix is kept for display, paths and re-serialisation but takes no part in
/// `==` or hashing. A prefix that is not declared (a namespace error, which the reader
/// reports as a warning) stays part of `local`, e.g. `itunes:subtitle` with no namespace.
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    /// The namespace URI, or nil when the name is in no namespace.
    public var namespace: String?
    /// The local part, e.g. `title` for `dc:title`.
    public var local: String
    /// The prefix used in the document, e.g. `dc` for `dc:title`; nil for the default namespace.
    public var prefix: String?

    /// Creates a name.
    public init(namespace: String? = nil, local: String, prefix: String? = nil) {
        self.namespace = namespace
        self.local = local
        self.prefix = prefix
    }

    /// The name as written in the document: `prefix:local`, or `local` without a prefix.
    public var qualified: String {
        if let prefix, !prefix.isEmpty { return prefix + ":" + local }
        return local
    }

    /// `{namespace}local` (Clark notation), or the bare local part without a namespace.
    public var description: String {
        if let namespace { return "{" + namespace + "}" + local }
        return local
    }

    /// Whether this name has the given namespace and local part (the prefix is ignored).
    public func matches(_ namespace: String?, _ local: String) -> Bool {
        self.local == local && self.namespace == namespace
    }

    public static func == (lhs: XMLName, rhs: XMLName) -> Bool {
        lhs.local == rhs.local && lhs.namespace == rhs.namespace
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(local)
        hasher.combine(namespace)
    }
}

/// One attribute of a start tag, its value with entity and character references decoded
/// and whitespace normalised as XML requires (namespace declarations are never attributes).
public struct XMLAttribute: Sendable, Hashable {
    /// The attribute's name; unprefixed attributes are in no namespace.
    public var name: XMLName
    /// The attribute's value.
    public var value: String

    /// Creates an attribute.
    public init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}

/// A problem libxml2 reported that did not stop reading, e.g. an undeclared namespace
/// prefix or a namespace URI that is not a valid URI.
public struct XMLReadWarning: Sendable, Equatable, CustomStringConvertible {
    /// libxml2's message, on one line, without a final newline.
    public var message: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int

    /// Creates a warning.
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// "line 3, column 7: Namespace prefix itunes on subtitle is not defined".
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
