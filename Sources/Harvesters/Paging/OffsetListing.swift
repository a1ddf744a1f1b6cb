import CatalogModel
import Fetch
import FeedParsing

/// When an offset-paged listing (`offset`/`limit`) is over, and whether it was complete.
enum OffsetListing {
    /// The outcome once the page just read ends the listing, else nil. An empty page before the announced total
    /// is a count that lies: the listing is incomplete (so nothing is deleted) and `shortCode` says so.
    static func end(ids: [String], offset: Int, expected: Int?, limit: Int, pages: Int, url: String, sourceID: String,
                    shortCode: String, into sink: any HarvestSink) -> GatherOutcome? {
        if ids.isEmpty {
            if let total = expected, offset < total {
                sink.issue(RecordIssue(
                    code: shortCode, severity: .warning,
                    message: "Source '\(sourceID)': the portal says it holds \(total) datasets but page \(pages) at offset=\(offset) is empty; the listing is treated as incomplete and nothing will be deleted.",
                    url: url))
                return GatherOutcome(complete: false, expectedTotal: expected, pages: pages)
            }
            return GatherOutcome(complete: true, expectedTotal: expected, pages: pages)
        }
        if let total = expected, offset >= total { return GatherOutcome(complete: true, expectedTotal: expected, pages: pages) }
        if expected == nil && ids.count < limit { return GatherOutcome(complete: true, expectedTotal: nil, pages: pages) }
        return nil
    }
}

/// Where an offset-paged listing stands: the next `offset` and the pages read. Written as the run's checkpoint.
struct OffsetCursor: Equatable {
    var offset = 0
    var pages = 0

    /// A cursor at the start, or at a checkpoint written by `json`.
    init(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint) else { return }
        offset = value["offset"]?.number?.int64.map(Int.init) ?? 0
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
    }

    var json: String { JSONWriter.string(["offset": .number(JSONNumber(offset)), "pages": .number(JSONNumber(pages))]) }
}
