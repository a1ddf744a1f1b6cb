import CatalogModel
public import FeedParsing

/// One fetched Atom feed or RSS channel: its entries as XML, their ids, and what pages it (OpenSearch paging).
public struct AtomFeedPage: Sendable {
    public enum Format: String, Sendable {
        case atom = "Atom feed"
        case rss = "RSS channel"
    }

    /// One entry or item: where it is, its XML, its id and (INSPIRE service feeds) the dataset feed it links.
    public struct Item: Sendable {
        public var pointer: String
        public var payload: [UInt8]
        public var id: String
        public var datasetFeed: String?
        /// Whether the entry has its own `author` and `rights` (else it inherits the feed's).
        var hasAuthor = true
        var hasRights = true
    }

    public var format: Format
    public var title: String?
    public var items: [Item] = []
    /// `link rel="next"` (Atom, or `atom:link` in an RSS channel).
    public var next: String?
    /// `os:totalResults`, `os:startIndex`, `os:itemsPerPage`.
    public var totalResults: Int?
    public var startIndex: Int?
    public var itemsPerPage: Int?
    /// Problems the XML reader reported without stopping (undeclared namespace prefixes).
    public var warnings: [XMLReadWarning] = []

    /// Reads a feed document; throws when it is not XML, or not an Atom feed or RSS channel.
    public static func parse(_ bytes: [UInt8]) throws(AtomFeedError) -> AtomFeedPage {
        var refusal: String?
        let read: AtomFeedPage?
        do throws(XMLReadError) { read = try parse(bytes, refusal: &refusal) } catch { throw .xml(error) }
        guard let read else { throw .notFeed(refusal ?? "") }
        return read
    }

    private static func parse(_ bytes: [UInt8], refusal: inout String?) throws(XMLReadError) -> AtomFeedPage? {
        let reader = try XMLReader(bytes: bytes)
        guard case .startElement(let root, _, _)? = try reader.next() else { throw XMLReadError(reason: .empty) }
        let format: Format
        switch (root.namespace, root.local) {
        case (AtomNS.atom, "feed"): format = .atom
        case (nil, "rss"), ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF"): format = .rss
        case (nil, "feed"):
            refusal = "the root element is <feed> without the Atom namespace \(AtomNS.atom)"
            return nil
        default:
            refusal = "the root element is <\(root.qualified)>, not an Atom <feed> or an RSS <rss> channel"
            return nil
        }
        var page = AtomFeedPage(format: format)
        // Depth below the root; the feed's own fields sit at depth 1 (Atom, RSS 1.0) or 2 (RSS 2.0 channel).
        var stack: [XMLName] = []
        var text = ""
        var sawRSS1Channel = false
        // The feed's own author and rights, which apply to entries that have none (RFC 4287, 4.2.1 and 4.2.10).
        var feedAuthor: [UInt8]?
        var feedRights: [UInt8]?
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, let attributes, _):
                if AtomNS.isFeed(name) && (name.local == "entry" || name.local == "item") {
                    let payload = try reader.outerXML()
                    let pointer = reader.path
                    try reader.skipElement()
                    let entry = try AtomEntry.parse(payload)
                    page.items.append(Item(pointer: pointer, payload: payload, id: entry.localID ?? "", datasetFeed: entry.datasetFeed,
                                           hasAuthor: !entry.authors.isEmpty, hasRights: entry.rights != nil))
                    continue
                }
                if name.local == "link" && (name.namespace == AtomNS.atom || (format == .atom && name.namespace == nil)),
                   attributes.first(where: { $0.name.local == "rel" })?.value.trimmed == "next",
                   let href = attributes.first(where: { $0.name.local == "href" })?.value.trimmed, !href.isEmpty {
                    page.next = page.next ?? href
                }
                if name.matches(AtomNS.rss1, "channel") { sawRSS1Channel = true }
                if stack.isEmpty && format == .atom && (name.matches(AtomNS.atom, "author") || name.matches(AtomNS.atom, "rights")) {
                    let xml = try reader.outerXML()
                    try reader.skipElement()
                    if name.local == "author" { feedAuthor = feedAuthor ?? xml } else { feedRights = feedRights ?? xml }
                    continue
                }
                stack.append(name)
                text = ""
            case .text(let value):
                text += value
            case .endElement(let name):
                // The root's own end tag has no frame.
                guard stack.popLast() != nil else { continue }
                let value = text.trimmed
                text = ""
                guard stack.count <= 2 else { continue }
                if AtomNS.isOpenSearch(name) {
                    switch name.local {
                    case "totalResults": page.totalResults = Int(value)
                    case "startIndex": page.startIndex = Int(value)
                    case "itemsPerPage": page.itemsPerPage = Int(value)
                    default: break
                    }
                } else if name.local == "title" && AtomNS.isFeed(name) && page.title == nil && !value.isEmpty {
                    page.title = value
                }
            }
        }
        if root.local == "RDF" && !sawRSS1Channel {
            refusal = "the root element is <\(root.qualified)> without an RSS 1.0 channel (is this RDF a DCAT catalogue? use kind dcat)"
            return nil
        }
        for index in page.items.indices {
            var inherited: [UInt8] = []
            if !page.items[index].hasAuthor, let feedAuthor { inherited += feedAuthor }
            if !page.items[index].hasRights, let feedRights { inherited += feedRights }
            if !inherited.isEmpty { page.items[index].payload = inherit(inherited, into: page.items[index].payload) }
        }
        page.warnings = reader.warnings
        return page
    }

    /// The entry's XML with `elements` added before its end tag.
    static func inherit(_ elements: [UInt8], into entry: [UInt8]) -> [UInt8] {
        guard let close = entry.lastIndex(of: UInt8(ascii: "<")), close + 1 < entry.count, entry[close + 1] == UInt8(ascii: "/") else {
            return entry   // an empty element `<entry/>`: nothing it could hold would make it a record anyway
        }
        return Array(entry[..<close]) + elements + Array(entry[close...])
    }
}

/// Why a feed page could not be read.
public enum AtomFeedError: Error, Sendable, CustomStringConvertible {
    case xml(XMLReadError)
    case notFeed(String)

    public var description: String {
        switch self {
        case .xml(let error):
            if case .encoding = error.reason {
                return error.description + " Its bytes do not match its declared encoding (UTF-8 when it declares none, or the one its byte-order mark shows)."
            }
            return error.description
        case .notFeed(let detail): return "it is not an Atom feed or RSS channel: \(detail)."
        }
    }
}
