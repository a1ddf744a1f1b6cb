import FeedParsing
import Foundation

/// What one fetched schema.org source document held.
enum SchemaOrgPage {
    case datasets(records: [(pointer: String, value: JSONValue)], ids: [String])
    case sitemap(Sitemap)

    var ids: [String] {
        if case .datasets(_, let ids) = self { return ids }
        return []
    }

    var records: [(pointer: String, value: JSONValue)]? {
        if case .datasets(let records, _) = self { return records }
        return nil
    }
}

extension ConditionalPage where Parsed == SchemaOrgPage {
    /// True for a sitemap, read now or remembered (a remembered page with links was a sitemap).
    var isSitemap: Bool {
        if let parsed { if case .sitemap = parsed { return true } else { return false } }
        return !summary.links.isEmpty
    }

    /// The Datasets of a changed page; nil for an unchanged page (whose ids are handed over as unchanged).
    var records: [(pointer: String, value: JSONValue)]? { parsed.map { $0.records ?? [] } }
}

/// The order a sitemap harvest visits documents in: the root's locations first, then those of the sitemaps a
/// sitemap index lists (at most 3 levels deep), each URL once, resolved against the sitemap that lists it.
struct SitemapCrawl {
    struct Entry {
        var url: String
        /// The sitemap that listed the URL.
        var from: String
        var depth: Int
    }

    private var queue: [Entry] = []
    private var position = 0
    private var seen: Set<String>
    /// Documents fetched, the root included.
    var pages = 1
    var complete = true

    init(root: String, links: [String]) {
        seen = [root]
        add(links, from: Entry(url: root, from: root, depth: 0))
    }

    mutating func next() -> Entry? {
        guard position < queue.count else { return nil }
        defer { position += 1 }
        return queue[position]
    }

    mutating func add(_ links: [String], from sitemap: Entry) {
        guard sitemap.depth < 3 else { return }
        for link in links {
            guard let url = Self.resolve(link, against: sitemap.url), seen.insert(url).inserted else { continue }
            queue.append(Entry(url: url, from: sitemap.url, depth: sitemap.depth + 1))
        }
    }

    static func resolve(_ link: String, against page: String) -> String? {
        guard let base = URL(string: page), let url = URL(string: link, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), ["http", "https", "file"].contains(scheme) else { return nil }
        return url.absoluteString
    }
}
