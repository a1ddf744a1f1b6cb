import CatalogModel
import FeedParsing

/// A sitemap (sitemaps.org 0.9): a `<urlset>` of pages or a `<sitemapindex>` of further sitemaps, each given by
/// its `<loc>`. Read with the streaming XML reader, so `&amp;` in URLs is decoded and nothing is fetched.
struct Sitemap: Equatable {
    /// True for a `<sitemapindex>`: `locations` are sitemaps, not pages.
    var isIndex: Bool
    /// The `<loc>` of each `<url>` or `<sitemap>`, in document order.
    var locations: [String]

    /// True when the body starts (after a BOM, blanks, the XML declaration, comments and processing
    /// instructions) with a `<urlset` or `<sitemapindex` element, prefixed or not.
    static func looksLikeSitemap(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        var rest = Substring(head)
        while let open = rest.firstIndex(of: "<") {
            let tag = rest[open...]
            if tag.hasPrefix("<?") || tag.hasPrefix("<!") {
                guard let close = tag.firstIndex(of: ">") else { return false }
                rest = tag[tag.index(after: close)...]
                continue
            }
            let name = tag.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            let local = name.split(separator: ":").last.map(String.init) ?? ""
            return local == "urlset" || local == "sitemapindex"
        }
        return false
    }

    /// Reads a sitemap; throws a sentence when the XML is broken.
    static func parse(_ body: [UInt8], url: String) throws(XMLReadError) -> Sitemap {
        let reader = try XMLReader(bytes: body, url: url)
        var sitemap = Sitemap(isIndex: false, locations: [])
        var depth = 0
        var inLoc = false
        var text = ""
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, _, _):
                depth += 1
                if depth == 1 { sitemap.isIndex = name.local == "sitemapindex" }
                if depth == 3 && name.local == "loc" {
                    inLoc = true
                    text = ""
                }
            case .text(let value):
                if inLoc { text += value }
            case .endElement(let name):
                if inLoc && name.local == "loc" {
                    inLoc = false
                    let location = text.trimmed
                    if !location.isEmpty { sitemap.locations.append(location) }
                }
                depth -= 1
            }
        }
        return sitemap
    }
}
