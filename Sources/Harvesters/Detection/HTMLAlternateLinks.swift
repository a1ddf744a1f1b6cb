import Foundation

/// `<link rel="alternate" type="…" href="…">` elements of an HTML page that point at a feed or an RDF
/// catalogue (what CKAN, ckanext-dcat and many CMSs put in their pages' heads).
enum HTMLAlternateLinks {
    struct Link: Equatable {
        var type: String
        var href: String
    }

    static let catalogueTypes: Set<String> = [
        "application/atom+xml", "application/rss+xml", "application/rdf+xml", "text/turtle",
        "application/ld+json", "application/n-triples", "application/json",
    ]

    /// The catalogue links of the page's first 256 KB, resolved against `base`, at most three.
    static func find(in html: [UInt8], base: String) -> [Link] {
        let text = String(decoding: html.prefix(256 * 1024), as: UTF8.self)
        var links: [Link] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<link", options: .caseInsensitive), links.count < 3 {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let attributes = Self.attributes(rest[open.upperBound..<close])
            rest = rest[close...]
            guard attributes["rel"]?.lowercased().split(separator: " ").contains("alternate") == true,
                  let type = attributes["type"]?.lowercased(), catalogueTypes.contains(type),
                  let href = attributes["href"], !href.isEmpty,
                  let resolved = URL(string: href, relativeTo: URL(string: base))?.absoluteURL.absoluteString,
                  resolved.hasPrefix("http://") || resolved.hasPrefix("https://") else { continue }
            links.append(Link(type: type, href: resolved))
        }
        return links
    }

    /// `name="value"` and `name='value'` pairs, names lowercased.
    static func attributes(_ tag: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = tag.startIndex
        while index < tag.endIndex {
            while index < tag.endIndex, tag[index].isWhitespace || tag[index] == "/" { index = tag.index(after: index) }
            let nameStart = index
            while index < tag.endIndex, !tag[index].isWhitespace, tag[index] != "=" { index = tag.index(after: index) }
            let name = tag[nameStart..<index].lowercased()
            guard index < tag.endIndex, tag[index] == "=" else { if name.isEmpty { break } else { continue } }
            index = tag.index(after: index)
            guard index < tag.endIndex else { break }
            let quote = tag[index]
            if quote == "\"" || quote == "'" {
                let valueStart = tag.index(after: index)
                let valueEnd = tag[valueStart...].firstIndex(of: quote) ?? tag.endIndex
                result[name] = String(tag[valueStart..<valueEnd])
                index = valueEnd < tag.endIndex ? tag.index(after: valueEnd) : valueEnd
            } else {
                let valueStart = index
                while index < tag.endIndex, !tag[index].isWhitespace { index = tag.index(after: index) }
                result[name] = String(tag[valueStart..<index])
            }
        }
        return result
    }
}
