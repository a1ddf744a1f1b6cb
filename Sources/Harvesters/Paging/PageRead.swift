import Fetch

/// Reads a listing page's body the way every JSON API kind does: a body the portal filled with its own error
/// becomes `portalError` with the portal's words; a body that cannot be read becomes an HTTP status error when
/// the status says so, else a sentence naming the Content-Type; a readable body under a failing status is an
/// HTTP status error too.
enum PageRead {
    static func parse<Page, Failure: Error & CustomStringConvertible>(
        _ response: FetchResponse, url: String, sourceID: String, portalMessage: (Failure) -> String?,
        _ parse: ([UInt8]) throws(Failure) -> Page) throws(HarvestError) -> Page {
        let page: Page
        do throws(Failure) { page = try parse(response.body) } catch {
            if let message = portalMessage(error) {
                throw .portalError(sourceID: sourceID, url: url, message: "HTTP \(response.status), \(message)")
            }
            guard response.isSuccess else {
                throw .fetch(sourceID: sourceID, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: sourceID, url: url, reason: error.description + type)
        }
        guard response.isSuccess else {
            throw .fetch(sourceID: sourceID, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
        }
        return page
    }
}
