/// Why and where an XML document could not be read; its description is a full sentence.
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: Sendable, Equatable {
        /// libxml2 found a well-formedness error; the associated value is its message
        /// (one line, no final newline), e.g. "Opening and ending tag mismatch: a line 1 and b".
        /// References to undeclared entities are reported this way too.
        case notWellFormed(String)
        /// The DOCTYPE declares general or parameter entities (`<!ENTITY ...>`), which are
        /// refused outright: they are how entity-expansion bombs and XXE work.
        case doctypeWithEntities
        /// The DOCTYPE declares attribute lists (`<!ATTLIST ...>`), which are refused: libxml2
        /// 2.9 compares every start tag of the element with every declared default (a few
        /// thousand defaults stall it for minutes), and a defaulted `xmlns` silently changes
        /// the namespace of elements.
        case doctypeWithAttributeLists
        /// libxml2 tried to load an external resource (entity, DTD) and the deny-all loader
        /// refused it. Not expected in practice: entity declarations are refused first and
        /// DTDs are never loaded.
        case externalEntityRefused
        /// A size limit was exceeded; the associated value is the limit in bytes
        /// (`Options.maxDocumentBytes`, `Options.maxTextBytes`, or libxml2's own limits of
        /// 10,000,000 bytes for a text node, attribute value, comment or CDATA section and
        /// 50,000 bytes for a name).
        case tooLarge(Int)
        /// Elements are nested deeper than the limit (the associated value): `Options.maxDepth`,
        /// or libxml2's own limit of 256 when that is lower.
        case tooDeep(Int)
        /// A start tag has more attributes (namespace declarations included) than the limit
        /// (`Options.maxAttributes`, the associated value); libxml2 2.9 checks them for
        /// duplicates in quadratic time.
        case tooManyAttributes(Int)
        /// More namespace declarations are in scope at an element than the limit
        /// (`Options.maxNamespaces`); libxml2 searches all of them for every element.
        case tooManyNamespaces(Int)
        /// The document uses more distinct names (element and attribute names, namespace
        /// URIs) than the limit (`Options.maxNames`); libxml2 2.9's name dictionary slows
        /// down quadratically beyond about 100,000.
        case tooManyNames(Int)
        /// The document holds no element: no bytes, or only whitespace, comments,
        /// processing instructions, an XML declaration or a DOCTYPE.
        case empty
        /// The bytes cannot be decoded: an unknown or unsupported declared encoding, or byte
        /// sequences that are invalid in the document's encoding. The associated value is
        /// libxml2's message.
        case encoding(String)
        /// The file given to `XMLReader(path:url:options:)` could not be opened or read; the
        /// associated value says why (the system's message, e.g. "No such file or directory").
        case unreadable(String)
    }

    /// What went wrong.
    public var reason: Reason
    /// The document's URL as given to the reader, for messages only.
    public var url: String?
    /// 1-based line of the problem, 0 when it concerns the whole document.
    public var line: Int
    /// 1-based column of the problem, 0 when unknown or not applicable.
    public var column: Int

    /// Creates an error.
    public init(reason: Reason, url: String? = nil, line: Int = 0, column: Int = 0) {
        self.reason = reason
        self.url = url
        self.line = line
        self.column = column
    }

    /// A full sentence, e.g. "The XML at https://x.example/oai?verb=ListRecords is not
    /// well-formed at line 3, column 7: Opening and ending tag mismatch: a line 1 and b."
    public var description: String {
        let subject = url.map { "The XML at \($0)" } ?? "The XML document"
        let location: String
        if line > 0 {
            location = column > 0 ? " at line \(line), column \(column)" : " at line \(line)"
        } else {
            location = ""
        }
        switch reason {
        case .notWellFormed(let message):
            return "\(subject) is not well-formed\(location): \(Self.sentence(message))"
        case .doctypeWithEntities:
            return "\(subject) declares entities in its DOCTYPE\(location); entity declarations are refused because they enable entity-expansion and external-entity (XXE) attacks."
        case .doctypeWithAttributeLists:
            return "\(subject) declares attribute lists in its DOCTYPE\(location); attribute list declarations are refused because they can stall the parser and change element namespaces."
        case .tooManyAttributes(let limit):
            return "\(subject) has a start tag with too many attributes\(location): the limit is \(limit), namespace declarations included."
        case .tooManyNamespaces(let limit):
            return "\(subject) has too many namespace declarations in scope\(location): the limit is \(limit)."
        case .tooManyNames(let limit):
            return "\(subject) uses too many distinct names\(location): the limit is \(limit) element names, attribute names and namespace URIs."
        case .externalEntityRefused:
            return "\(subject) refers to an external resource\(location), which was refused: documents are never allowed to load files or URLs."
        case .tooLarge(let limit):
            return "\(subject) is too large\(location): it exceeds the limit of \(limit) bytes."
        case .tooDeep(let limit):
            return "\(subject) nests elements too deeply\(location): the limit is \(limit) levels."
        case .empty:
            return "\(subject) is empty: it holds no element."
        case .encoding(let message):
            return "\(subject) cannot be decoded\(location): \(Self.sentence(message))"
        case .unreadable(let message):
            return "\(subject) could not be read: \(Self.sentence(message))"
        }
    }

    /// Ends a libxml2 message with a full stop unless it already ends with punctuation.
    private static func sentence(_ message: String) -> String {
        guard let last = message.last else { return "no details." }
        return ".!?".contains(last) ? message : message + "."
    }
}
