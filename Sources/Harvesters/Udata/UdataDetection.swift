import FeedParsing

/// Recognises a udata portal: a `/api/1/datasets/` page at the URL itself, or `/api/1/site/` answering the
/// site's id, title and metrics (then `/api/1/datasets/` answering a page).
struct UdataDetection: DocumentDetector {
    let kind = "udata"
    let name = "udata"

    func probePaths(for look: FirstLook) -> [String] { ["/api/1/datasets/?page_size=1"] }

    /// `/api/1/site/` first (the site's id, title and metrics), then a datasets page.
    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        if let site = try prober.get(look.origin + "/api/1/site/", accept: accept) {
            if let object = site.json?.object, object["id"] != nil, object["title"] != nil, object["metrics"] != nil {
                let title = object["title"]?.scalarText ?? "?"
                return match(look.origin, "/api/1/site/ answered the site '\(title)' with its metrics")
            }
            prober.note(site.summary)
        }
        return try probeDocuments(look, using: prober)
    }

    /// A `/api/1/datasets/` page: `data` with `page`, `page_size` and `total`.
    func describe(_ look: FirstLook) -> String? {
        guard let object = look.json?.object, object["page"] != nil, object["page_size"] != nil,
              let page = try? UdataPage.parse(look.response.body) else { return nil }
        return "a datasets page" + (page.total.map { " with total \($0)" } ?? "")
    }
}
