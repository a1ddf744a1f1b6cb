import CatalogModel
import Fetch
import FeedParsing

/// Harvests a source that is one document (a data.json, a JSON-LD page): fetched with the validators of its last
/// fetch, its records handed over once, or only their ids when the document has not changed.
enum SingleDocument {
    /// `read` turns a changed document into its records and, aligned with them, their ids (empty when none).
    static func gather(_ url: String, context: GatherContext, fetcher: Fetcher, accept: String, handout: ListingHandout,
                       into sink: any HarvestSink,
                       read: (FetchResponse) throws(HarvestError) -> (records: [(pointer: String, value: JSONValue)], ids: [String]))
        throws(HarvestError) -> GatherOutcome {
        var handout = handout
        let page = try ConditionalPage.fetch(url, memo: context.pages[url], sourceID: handout.sourceID, using: fetcher,
                                             accept: accept) { (response) throws(HarvestError) in
            let document = try read(response)
            var unique = Set<String>()
            return (document, PageSummary(ids: document.ids.filter { !$0.isEmpty && unique.insert($0).inserted }))
        }
        try handout.hand(page.parsed?.records, ids: page.parsed?.ids ?? page.summary.ids, url: url, page: nil, into: sink)
        let total = page.parsed?.records.count ?? page.summary.ids.count
        try sink.page(PageReport(number: 1, url: url, expectedTotal: total, unchanged: page.unchanged, memo: page.memo(url: url)))
        return GatherOutcome(complete: true, expectedTotal: total, pages: 1)
    }
}
