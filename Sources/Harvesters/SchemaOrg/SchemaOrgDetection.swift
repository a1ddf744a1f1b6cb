import FeedParsing

/// Recognises schema.org Dataset markup: JSON-LD at the URL itself, an HTML page whose ld+json blocks
/// describe a `Dataset` or `DataCatalog`, or a sitemap (at the URL, or `/sitemap.xml` whose first page holds
/// such markup).
struct SchemaOrgDetection: KindDetector {
    let kind = "schemaorg"
    let name = "schema.org"

    func recognise(_ look: FirstLook) -> KindMatch? {
        guard look.response.isSuccess else { return nil }
        if look.json != nil, Self.describesDatasets(look.response.body) {
            return match(look.url, "the URL answered schema.org JSON-LD describing a Dataset or DataCatalog")
        }
        if look.isHTML, let blocks = Self.datasetBlocks(look.response.body) {
            return match(look.url, "the URL answered an HTML page with \(blocks) ld+json block\(blocks == 1 ? "" : "s") describing a schema.org Dataset")
        }
        if Sitemap.looksLikeSitemap(look.response.body), let sitemap = try? Sitemap.parse(look.response.body, url: look.url) {
            let noun = sitemap.isIndex ? "sitemap" : "page"
            return match(look.url, "the URL answered a sitemap of \(sitemap.locations.count) \(noun)\(sitemap.locations.count == 1 ? "" : "s")")
        }
        return nil
    }

    func probe(_ look: FirstLook, using prober: Prober) throws(ProbeBudgetSpent) -> KindMatch? {
        let url = look.origin + "/sitemap.xml"
        guard url != look.url, let answer = try prober.get(url, accept: "application/xml, text/xml") else { return nil }
        guard Sitemap.looksLikeSitemap(answer.response.body), let sitemap = try? Sitemap.parse(answer.response.body, url: url),
              !sitemap.isIndex, let first = sitemap.locations.first else {
            prober.note(answer.summary)
            return nil
        }
        guard let page = try prober.get(first, accept: "text/html"), page.isHTML, let blocks = Self.datasetBlocks(page.response.body) else {
            prober.note("a page without schema.org Dataset markup")
            return nil
        }
        return match(url, "/sitemap.xml lists \(sitemap.locations.count) pages and the first, \(first), holds \(blocks) ld+json block\(blocks == 1 ? "" : "s") describing a Dataset")
    }

    /// How many ld+json blocks of an HTML page describe datasets; nil when none does.
    static func datasetBlocks(_ html: [UInt8]) -> Int? {
        let count = JSONLDScripts.extract(html).filter { describesDatasets($0.body) }.count
        return count > 0 ? count : nil
    }

    /// True when JSON-LD text names schema.org and a `Dataset` or `DataCatalog` type.
    static func describesDatasets(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("schema.org") else { return false }
        return ["\"Dataset\"", "\"DataCatalog\"", "schema:Dataset", "schema:DataCatalog", "schema.org/Dataset", "schema.org/DataCatalog"]
            .contains { text.contains($0) }
    }
}
