import CatalogModel
import Fetch
import FeedParsing

/// A page fetched with the validators of its last fetch: parsed only when it changed. A 304, or a 200 whose
/// body is byte for byte the one remembered, gives the remembered summary and no parsed content.
struct ConditionalPage<Parsed> {
    /// The parsed page; nil when the page has not changed since the last run.
    var parsed: Parsed?
    var summary: PageSummary
    var etag: String?
    var lastModified: String?
    var bodyHash: String?

    /// True when the page was not parsed again.
    var unchanged: Bool { parsed == nil }

    /// What to remember of the page for the next run (nothing for an empty page).
    func memo(url: String) -> PageMemo? {
        summary.ids.isEmpty && summary.links.isEmpty ? nil : PageMemo(url: url, etag: etag, lastModified: lastModified, bodyHash: bodyHash, pageJSON: summary.json)
    }

    /// Fetches `url`, sending the remembered validators; `parse` reads a changed page (and must refuse a
    /// response that is not a success, with the portal's own message when it has one).
    static func fetch(_ url: String, memo: PageMemo?, sourceID: String, using fetcher: Fetcher,
                      accept: String = "application/json", spool: Bool = false,
                      parse: (FetchResponse) throws(HarvestError) -> (Parsed, PageSummary)) throws(HarvestError) -> ConditionalPage {
        let remembered = memo.flatMap { PageSummary(json: $0.pageJSON) }
        let validators = remembered == nil ? nil : memo.map { Validators(etag: $0.etag, lastModified: $0.lastModified) }
        let response: FetchResponse
        do { response = try fetcher.fetch(url, headers: [("Accept", accept)], validators: validators, spool: spool) } catch {
            throw .fetch(sourceID: sourceID, error)
        }
        if response.status == 304 {
            guard let memo, let remembered else {
                throw .badResponse(sourceID: sourceID, url: url, reason: "the server answered 304 Not Modified to a request that asked for no validation.")
            }
            return ConditionalPage(parsed: nil, summary: remembered, etag: memo.etag, lastModified: memo.lastModified, bodyHash: memo.bodyHash)
        }
        let bodyHash: String
        if let file = response.spooled {
            guard let hash = ContentHash.hex(fileAt: file.path) else {
                throw .badResponse(sourceID: sourceID, url: url, reason: "the response, kept in the file \(file.path), could not be read back.")
            }
            bodyHash = hash
        } else {
            bodyHash = ContentHash.hex(response.body)
        }
        let etag = response.validators?.etag, lastModified = response.validators?.lastModified
        if response.isSuccess, let memo, let remembered, ContentHash.matches(memo.bodyHash, fresh: bodyHash, bytes: { response.body }) {
            return ConditionalPage(parsed: nil, summary: remembered, etag: etag, lastModified: lastModified, bodyHash: bodyHash)
        }
        let (parsed, summary) = try parse(response)
        return ConditionalPage(parsed: parsed, summary: summary, etag: etag, lastModified: lastModified, bodyHash: bodyHash)
    }
}
