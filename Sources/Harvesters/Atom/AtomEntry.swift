import CatalogModel
public import FeedParsing

/// The namespaces an Atom or RSS entry uses.
enum AtomNS {
    static let atom = "http://www.w3.org/2005/Atom"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let georss = "http://www.georss.org/georss"
    static let inspireDLS = "http://inspire.ec.europa.eu/schemas/inspire_dls/1.0"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    /// The wrapper fedcat stores an INSPIRE dataset in: the service feed's entry, then the dataset feed.
    static let fedcat = "urn:fedcat:atom"

    /// Atom, RSS 2.0 (no namespace) and RSS 1.0 element names all count as the feed's own vocabulary.
    static func isFeed(_ name: XMLName) -> Bool {
        name.namespace == nil || name.namespace == atom || name.namespace == rss1
    }

    /// OpenSearch 1.0 and 1.1 (`os:totalResults`, `opensearch:startIndex`).
    static func isOpenSearch(_ name: XMLName) -> Bool {
        name.namespace?.hasPrefix("http://a9.com/-/spec/opensearch") == true
    }
}

/// One `atom:link`, or an RSS `enclosure` read as a link with `rel="enclosure"`.
public struct AtomLink: Sendable, Equatable {
    public var href: String
    /// `alternate` when absent, as Atom says.
    public var rel: String
    public var type: String?
    public var title: String?
    public var length: String?
    public var hreflang: String?
}

/// One `atom:category` (term, label, scheme) or RSS `category` (text, domain).
public struct AtomCategory: Sendable, Equatable {
    public var term: String
    public var label: String?
    public var scheme: String?
}

/// An Atom entry or RSS item, read field by field; values kept raw (dates, HTML, geometry text).
public struct AtomEntry: Sendable {
    public var id: String?
    public var title: String?
    public var summary: String?
    public var content: String?
    public var updated: String?
    public var published: String?
    public var rights: String?
    public var links: [AtomLink] = []
    public var categories: [AtomCategory] = []
    /// Authors as (name, email).
    public var authors: [(name: String?, email: String?)] = []
    /// GeoRSS Simple as `<georss:box>…</georss:box>`, GeoRSS GML as the XML inside `georss:where`.
    public var geometries: [String] = []
    /// Dublin Core elements (`dc:subject`) and terms (`dcterms:modified`), by prefixed name, in order.
    public var dublinCore: [(name: String, value: String)] = []
    public var inspireCode: String?
    public var inspireNamespace: String?
    /// RSS `link`, `guid`, `pubDate`, `description`.
    public var rssLink: String?
    public var guid: String?
    public var pubDate: String?
    public var rssDescription: String?

    public init() {}

    /// The alternate link: the entry's page (or, in an INSPIRE service feed, its dataset feed).
    public var alternate: AtomLink? { links.first { $0.rel == "alternate" } }

    /// The id the entry is harvested under: `atom:id`, else its link, else the RSS `guid`.
    public var localID: String? { id ?? alternate?.href ?? rssLink ?? guid }

    /// The INSPIRE dataset feed an entry of a download service feed points to.
    public var datasetFeed: String? {
        links.first { $0.rel == "alternate" && ($0.type?.lowercased().contains("atom+xml") ?? false) }?.href
    }

    /// The values of one Dublin Core element (`dc:subject`).
    public func dc(_ name: String) -> [String] { dublinCore.filter { $0.name == name }.map(\.value) }

    /// Reads an entry stored as its own XML element (a RawRecord payload).
    public static func parse(_ bytes: [UInt8]) throws(XMLReadError) -> AtomEntry {
        let reader = try XMLReader(bytes: bytes)
        guard case .startElement = try reader.next() else { throw XMLReadError(reason: .empty) }
        return try read(from: reader)
    }

    /// Reads the rest of an entry whose start tag `reader` has just reported, up to and including its end tag.
    public static func read(from reader: XMLReader) throws(XMLReadError) -> AtomEntry {
        var entry = AtomEntry()
        var stack: [(name: XMLName, attributes: [XMLAttribute], text: String)] = []
        var author: (name: String?, email: String?) = (nil, nil)
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, let attributes, _):
                if stack.count == 1, stack[0].name.matches(AtomNS.georss, "where") {
                    // GeoRSS GML: the geometry element as XML, for the normaliser's GML reader.
                    entry.geometries.append(String(decoding: try reader.outerXML(), as: UTF8.self))
                    try reader.skipElement()
                    continue
                }
                stack.append((name, attributes, ""))
            case .text(let text):
                if !stack.isEmpty { stack[stack.count - 1].text += text }
            case .endElement:
                guard let frame = stack.popLast() else { return entry }
                let text = frame.text.trimmed
                if let parent = stack.last {
                    stack[stack.count - 1].text += frame.text
                    if parent.name.local == "author" && stack.count == 1 && AtomNS.isFeed(frame.name) {
                        if frame.name.local == "name", !text.isEmpty { author.name = text }
                        if frame.name.local == "email", !text.isEmpty { author.email = text }
                    }
                    continue
                }
                if frame.name.local == "author" && AtomNS.isFeed(frame.name) {
                    if author.name == nil && author.email == nil && !text.isEmpty { author = rssAuthor(text) }
                    if author.name != nil || author.email != nil { entry.authors.append(author) }
                    author = (nil, nil)
                    continue
                }
                entry.take(frame.name, frame.attributes, text)
            }
        }
        return entry
    }

    /// RSS `author`: `jane@example.org (Jane Doe)`, or a bare name.
    static func rssAuthor(_ text: String) -> (name: String?, email: String?) {
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let email = String(text[..<open]).trimmed
            let name = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmed
            return (name.isEmpty ? nil : name, email.isEmpty ? nil : email)
        }
        return text.contains("@") && !text.contains(" ") ? (nil, text) : (text, nil)
    }

    /// One direct child of the entry.
    private mutating func take(_ name: XMLName, _ attributes: [XMLAttribute], _ text: String) {
        func attribute(_ local: String) -> String? {
            attributes.first { $0.name.local == local && $0.name.namespace == nil }?.value.trimmed.nonEmpty
        }
        let value = text.nonEmpty
        switch name.namespace {
        case AtomNS.georss:
            if ["box", "point", "polygon", "line"].contains(name.local), let value {
                geometries.append("<georss:\(name.local)>\(value)</georss:\(name.local)>")
            }
        case AtomNS.inspireDLS:
            if name.local == "spatial_dataset_identifier_code" { inspireCode = value }
            if name.local == "spatial_dataset_identifier_namespace" { inspireNamespace = value }
        case AtomNS.dc:
            if let value { dublinCore.append(("dc:" + name.local, value)) }
        case AtomNS.dcterms:
            if let value { dublinCore.append(("dcterms:" + name.local, value)) }
        case AtomNS.content:
            if name.local == "encoded" { content = content ?? value }
        case _ where AtomNS.isFeed(name):
            switch name.local {
            case "id": id = id ?? value
            case "title": title = title ?? value
            case "summary": summary = summary ?? value
            case "content":
                if let source = attribute("src") {
                    links.append(AtomLink(href: source, rel: "enclosure", type: attribute("type")))
                } else {
                    content = content ?? value
                }
            case "updated": updated = updated ?? value
            case "published", "issued": published = published ?? value
            case "rights": rights = rights ?? value
            case "link":
                if let href = attribute("href") {
                    links.append(AtomLink(href: href, rel: attribute("rel") ?? "alternate", type: attribute("type"),
                                          title: attribute("title"), length: attribute("length"), hreflang: attribute("hreflang")))
                } else if let value {
                    rssLink = rssLink ?? value
                }
            case "enclosure":
                if let url = attribute("url") {
                    links.append(AtomLink(href: url, rel: "enclosure", type: attribute("type"), length: attribute("length")))
                }
            case "category":
                if let term = attribute("term") ?? value {
                    categories.append(AtomCategory(term: term, label: attribute("label"), scheme: attribute("scheme") ?? attribute("domain")))
                }
            case "guid": guid = guid ?? value
            case "pubDate": pubDate = pubDate ?? value
            case "description": rssDescription = rssDescription ?? value
            default: break
            }
        default:
            break
        }
    }
}

extension StringProtocol {
    /// The text, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : String(self) }
}
