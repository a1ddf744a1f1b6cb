import FeedParsing

/// Recognises a udata portal: a `/api/1/datasets/` page at the URL itself, or `/api/1/site/` answering the
/// site's id, title and metrics (then `/api/1/datasets/` answering a page).
struct UdataDetection: KindDetector {
    let kind = "udata"
    let name = "udata"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard look.json != nil, let said = Self.describePage(look) else { return nil }
        return match(look.url, "the URL answered \(said)")
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        if let site = try prober.get(look.origin + "/api/1/site/", accept: "application/json") {
            if let object = site.json?.object, object["id"] != nil, object["title"] != nil, object["metrics"] != nil {
                let title = object["title"]?.scalarText ?? "?"
                return match(look.origin, "/api/1/site/ answered the site '\(title)' with its metrics")
            }
            prober.note(site.summary)
        }
        let path = "/api/1/datasets/?page_size=1"
        guard let page = try prober.get(look.origin + path, accept: "application/json") else { return nil }
        if let said = Self.describePage(page) { return match(look.origin, "/api/1/datasets/ answered \(said)") }
        prober.note(page.summary)
        return nil
    }

    /// A `/api/1/datasets/` page: `data` with `page`, `page_size` and `total`.
    static func describePage(_ look: FirstLook) -> String? {
        guard let object = look.json?.object, object["page"] != nil, object["page_size"] != nil,
              let page = try? UdataPage.parse(look.response.body) else { return nil }
        return "a datasets page" + (page.total.map { " with total \($0)" } ?? "")
    }
}
