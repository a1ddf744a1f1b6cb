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
        try stream(url, context: context, fetcher: fetcher, accept: accept, spool: false, handout: handout, into: sink) {
            (response, emit) throws(HarvestError) in
            let document = try read(response)
            for (index, record) in document.records.enumerated() { try emit(record.pointer, record.value, document.ids[index]) }
            return true
        }
    }

    /// The same for a document read a record at a time: `read` hands each record to `emit` (its pointer, value and
    /// id, empty when it has none) as soon as it is read, and returns false when some could not be read (then the
    /// records missing from the document are not taken as deleted). With `spool`, a large body is fetched into a
    /// file (`FetchResponse.spooled`) for `read` to stream from.
    static func stream(_ url: String, context: GatherContext, fetcher: Fetcher, accept: String, spool: Bool, handout: ListingHandout,
                       into sink: any HarvestSink,
                       read: (FetchResponse, _ emit: (String, JSONValue, String) throws(HarvestError) -> Void) throws(HarvestError) -> Bool)
        throws(HarvestError) -> GatherOutcome {
        var handout = handout
        var whole = true
        let page = try ConditionalPage.fetch(url, memo: context.pages[url], sourceID: handout.sourceID, using: fetcher,
                                             accept: accept, spool: spool) { (response) throws(HarvestError) in
            var ids: [String] = []
            var count = 0
            whole = try read(response) { (pointer, value, id) throws(HarvestError) in
                count += 1
                // The parsed value goes along with its bytes, so the mapper does not parse the record again.
                let record = (pointer: pointer, payload: JSONWriter.write(value), preparsed: value as (any Sendable)?)
                if try handout.hand(record, id: id, url: url, page: nil, into: sink), !id.isEmpty { ids.append(id) }
            }
            return (count, PageSummary(ids: ids))
        }
        if page.unchanged { try handout.handUnchanged(ids: page.summary.ids, into: sink) }
        let total = page.parsed ?? page.summary.ids.count
        try sink.page(PageReport(number: 1, url: url, expectedTotal: total, unchanged: page.unchanged, memo: page.memo(url: url)))
        return GatherOutcome(complete: whole, expectedTotal: total, pages: 1)
    }
}
