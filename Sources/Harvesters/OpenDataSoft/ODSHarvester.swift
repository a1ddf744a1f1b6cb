public import CatalogModel
public import Fetch
import FeedParsing

/// Harvests an OpenDataSoft portal through the Explore API v2.1 catalogue (`/api/explore/v2.1/catalog/datasets`),
/// paging with `limit`/`offset` until `total_count` is reached. A catalogue larger than the API's offset cap
/// (10,000) is read whole from the catalogue export (`/catalog/exports/json`) instead.
public struct ODSHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "opendatasoft",
        title: "OpenDataSoft Explore API",
        summary: "Every dataset of an OpenDataSoft portal through the Explore API v2.1 catalogue (limit/offset paging, optional 'where' filter).",
        exampleURL: "https://data.opendatasoft.com")

    public static var mapper: any RecordMapper { ODSMapper() }

    /// The Explore API refuses `offset + limit` beyond this for a plain listing.
    public static let offsetCap = 10_000

    public let source: SourceConfig
    public let endpoint: ODSEndpoint
    /// Datasets asked for per page (`options.limit`, 1–100, default 100: the API caps at 100).
    public let limit: Int
    /// An ODSQL filter passed through as `where` (`options.where`).
    public let filter: String?
    /// An ODSQL ordering passed through as `order_by` (`options.order_by`).
    public let orderBy: String?
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int

    public init(source: SourceConfig) throws(HarvestError) {
        guard let endpoint = ODSEndpoint(url: source.url) else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of an OpenDataSoft portal (for example \(Self.description.exampleURL)).")
        }
        do {
            limit = try source.intOption("limit", default: 100)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        guard (1...100).contains(limit) else {
            throw .badSource(sourceID: source.id, reason: "option 'limit' is \(limit), but the OpenDataSoft Explore API serves 1 to 100 datasets a page.")
        }
        maxPages = try source.maxPagesOption(default: 10_000)
        filter = source.options["where"].map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        orderBy = source.options["order_by"].map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        self.source = source
        self.endpoint = endpoint
    }

    public func pageURL(offset: Int) -> String {
        endpoint.catalogPage(limit: limit, offset: offset, where: filter, orderBy: orderBy)
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = OffsetCursor(checkpoint: context.resumeFrom)
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "ods.paging.duplicate", noun: "dataset")
        var previousIDs: [String] = []
        while true {
            let url = pageURL(offset: cursor.offset)
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            if cursor.offset + limit > Self.offsetCap {
                sink.issue(RecordIssue(
                    code: "ods.paging.offset-cap", severity: .warning,
                    message: "Source '\(source.id)': the Explore API serves at most \(Self.offsetCap) datasets through offset paging; the listing stopped at offset \(cursor.offset) of \(expected.map(String.init) ?? "an unknown total") and is treated as incomplete (use option 'where' to split the catalogue).",
                    url: url))
                return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
            }
            let page = try fetchPage(url, memo: context.pages[url], using: fetcher)
            if cursor.offset == 0, page.parsed?.shape == .v21, let total = page.summary.count, total > Self.offsetCap {
                return try gatherExport(announced: total, using: fetcher, context: context, into: sink)
            }
            cursor.pages += 1
            if let total = page.summary.count { expected = total }
            let ids = page.summary.ids
            if !ids.isEmpty && ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page (the portal ignores 'offset').")
            }
            previousIDs = ids
            if let envelope = page.parsed {
                for (index, dataset) in envelope.datasets.enumerated() where ids[index].isEmpty {
                    sink.issue(RecordIssue(
                        code: "ods.catalog.missing-id", severity: .warning,
                        message: "Source '\(source.id)': the entry at \(dataset.pointer) of page \(cursor.pages) has no 'dataset_id'; the mapper will skip it.",
                        location: dataset.pointer, url: url))
                }
            }
            try handout.hand(page.parsed?.datasets, ids: ids, url: url, page: cursor.pages, into: sink)
            cursor.offset += ids.count
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: cursor.json))
            if let outcome = OffsetListing.end(ids: ids, offset: cursor.offset, expected: expected, limit: limit, pages: cursor.pages,
                                               url: url, sourceID: source.id, shortCode: "ods.paging.short-listing", into: sink) {
                return outcome
            }
        }
    }

    /// The whole catalogue from the export endpoint, as one page: for catalogues the offset cap would cut short.
    /// The export is one JSON list of every dataset, read a dataset at a time (from a file when it is over 16 MB).
    /// A count that differs from the listing's `total_count` is said (the catalogue changed between the two).
    private func gatherExport(announced: Int, using fetcher: Fetcher, context: GatherContext,
                              into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let url = endpoint.catalogExport(where: filter, orderBy: orderBy)
        let handout = ListingHandout(sourceID: source.id, duplicateCode: "ods.paging.duplicate", noun: "dataset")
        let outcome = try SingleDocument.stream(url, context: context, fetcher: fetcher, accept: "application/json", spool: true,
                                                handout: handout, into: sink) { (response, emit) throws(HarvestError) in
            guard response.isSuccess else { _ = try parsePage(response, url: url); return false }
            return try readExport(response, url: url, emit: emit, into: sink)
        }
        if let total = outcome.expectedTotal, total != announced {
            sink.issue(RecordIssue(
                code: "ods.export.count-differs", severity: .info,
                message: "Source '\(source.id)': the listing announced \(announced) datasets and the catalogue export holds \(total); the export is what was harvested.",
                url: url))
        }
        return outcome
    }

    /// Hands over each dataset of the export; false when one could not be read (it is an issue).
    private func readExport(_ response: FetchResponse, url: String, emit: (String, JSONValue, String) throws(HarvestError) -> Void,
                            into sink: any HarvestSink) throws(HarvestError) -> Bool {
        var stopped: HarvestError? = nil
        var whole = true
        let outline: JSONStream.Outline
        do throws(JSONStreamError) {
            outline = try JSONStream.read(try response.jsonSource(), streaming: "") { place, element in
                guard case .bytes(let bytes) = element, let value = try? JSONParser.parse(bytes) else {
                    whole = false
                    sink.issue(RecordIssue(code: "ods.export.unreadable-dataset", severity: .error,
                                           message: "Source '\(source.id)' (\(url)): the export's entry at \(place.pointer) (byte \(place.offset)) is not JSON or is larger than 64 MB; it was skipped and nothing is taken as deleted this run.",
                                           location: place.pointer, url: url))
                    return true
                }
                do throws(HarvestError) { try emit(place.pointer, value, ODSMapper.localID(of: value) ?? "") } catch {
                    stopped = error
                    return false
                }
                return true
            }
        } catch {
            throw .badResponse(sourceID: source.id, url: url, reason: "the catalogue export cannot be read: \(error.description)")
        }
        if let stopped { throw stopped }
        guard case .array = outline.root else {
            throw .badResponse(sourceID: source.id, url: url, reason: "the catalogue export is not a JSON list of datasets.")
        }
        return whole
    }

    /// Fetches a page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher) throws(HarvestError) -> ConditionalPage<ODSEnvelope> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher) { (response) throws(HarvestError) in
            let envelope = try parsePage(response, url: url)
            return (envelope, PageSummary(count: envelope.totalCount, ids: envelope.datasets.map { ODSMapper.localID(of: $0.value) ?? "" }))
        }
    }

    private func parsePage(_ response: FetchResponse, url: String) throws(HarvestError) -> ODSEnvelope {
        let envelope = try PageRead.parse(response, url: url, sourceID: source.id, portalMessage: { (error: ODSResponseError) in
            if case .portalError(let message) = error { return message }
            return nil
        }, ODSEnvelope.parse)
        guard envelope.shape != .dataset else {
            throw .badResponse(sourceID: source.id, url: url, reason: "it is a single dataset, not a catalogue listing (no 'results' list).")
        }
        return envelope
    }
}
