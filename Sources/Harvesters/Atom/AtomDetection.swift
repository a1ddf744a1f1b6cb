/// Recognises an Atom feed or RSS channel at the URL itself (or linked from an HTML page's head).
struct AtomDetection: KindDetector {
    let kind = "atom"
    let name = "Atom"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard let root = look.xmlRoot else { return nil }
        let isFeed = (root.namespace == AtomNS.atom && root.local == "feed") || (root.namespace == nil && root.local == "rss")
            || (root.local == "RDF" && look.text.contains("http://purl.org/rss/1.0/"))
        guard isFeed, let page = try? AtomFeedPage.parse(look.response.body) else { return nil }
        let noun = page.format == .atom ? "entr" + (page.items.count == 1 ? "y" : "ies") : "item" + (page.items.count == 1 ? "" : "s")
        let title = page.title.map { " '\($0)'" } ?? ""
        return match(look.url, "the URL answered an \(page.format.rawValue)\(title) with \(page.items.count) \(noun)"
                     + (page.next != nil ? " and a rel=\"next\" page" : ""))
    }
}
