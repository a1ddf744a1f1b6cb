public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests a Socrata portal through the Discovery API (`/api/catalog/v1?domains=…&only=datasets`, offset/limit
/// paging until `resultSetSize` is reached), or one `/api/views/<id>.json` metadata document.
public struct SocrataHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "socrata",
        title: "Socrata Discovery API",
        summary: "Every dataset of a Socrata domain through /api/catalog/v1 (offset/limit paging), or one /api/views/<id>.json document.",
        exampleURL: "https://data.cityofchicago.org")

    public static var mapper: any RecordMapper { SocrataMapper() }

    public let source: SourceConfig
    /// The host the Discovery API is asked for (`options.domain`, default the URL's host).
    public let domain: String
    /// Where `/api/catalog/v1` is served (the URL without any `/api/...` path), or nil for a single views document.
    public let catalogBase: String?
    /// Datasets asked for per page (`options.limit`, 1–1000, default 100).
    public let limit: Int
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int

    public init(source: SourceConfig) throws(HarvestError) {
        var text = source.url.trimmed
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let host = Self.host(of: text) else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a Socrata portal (for example \(Self.description.exampleURL)).")
        }
        do {
            limit = try source.intOption("limit", default: 100)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        maxPages = try source.maxPagesOption(default: 10_000)
        guard (1...1000).contains(limit) else {
            throw .badSource(sourceID: source.id, reason: "option 'limit' is \(limit), but the Socrata Discovery API serves 1 to 1000 datasets a page.")
        }
        if let option = source.options["domain"]?.trimmed, !option.isEmpty {
            guard !option.contains("/"), !option.contains(" ") else {
                throw .badSource(sourceID: source.id, reason: "option 'domain' is '\(option)', but it must be a host name such as data.cityofchicago.org.")
            }
            domain = option.lowercased()
        } else {
            domain = host
        }
        if lower.contains("/api/views/") {
            catalogBase = nil
        } else {
            if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
            while text.hasSuffix("/") { text.removeLast() }
            if let api = text.range(of: "/api/", options: .caseInsensitive) {
                text = String(text[..<api.lowerBound])
            } else if text.lowercased().hasSuffix("/api") {
                text.removeLast(4)
            }
            catalogBase = text
        }
        self.source = source
    }

    /// The Discovery API URL of the page starting at `offset`.
    public func pageURL(offset: Int) -> String {
        let base = catalogBase ?? ""
        return "\(base)/api/catalog/v1?domains=\(CKANEndpoint.encode(domain))&only=datasets&offset=\(offset)&limit=\(limit)"
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        guard catalogBase != nil else { return try gatherView(using: fetcher, context: context, into: sink) }
        var cursor = OffsetCursor(checkpoint: context.resumeFrom)
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "socrata.paging.duplicate", noun: "dataset")
        var previousIDs: [String] = []
        while true {
            let url = pageURL(offset: cursor.offset)
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            let page = try fetchPage(url, memo: context.pages[url], using: fetcher, discovery: true)
            cursor.pages += 1
            if let count = page.summary.count { expected = count }
            let ids = page.summary.ids
            if !ids.isEmpty && ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page (the portal ignores 'offset').")
            }
            previousIDs = ids
            try handout.hand(page.parsed?.datasets, ids: ids, url: url, page: cursor.pages, into: sink)
            cursor.offset += ids.count
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: cursor.json))
            if let outcome = OffsetListing.end(ids: ids, offset: cursor.offset, expected: expected, limit: limit, pages: cursor.pages,
                                               url: url, sourceID: source.id, shortCode: "socrata.paging.short-listing", into: sink) {
                return outcome
            }
        }
    }

    /// One `/api/views/<id>.json` (or `/api/views.json`) document: a single page.
    private func gatherView(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let url = source.url
        let page = try fetchPage(url, memo: context.pages[url], using: fetcher, discovery: false)
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "socrata.paging.duplicate", noun: "dataset")
        let ids = page.summary.ids
        try handout.hand(page.parsed?.datasets, ids: ids, url: url, page: 1, into: sink)
        try sink.page(PageReport(number: 1, url: url, expectedTotal: ids.count, unchanged: page.unchanged, memo: page.memo(url: url)))
        return GatherOutcome(complete: true, expectedTotal: ids.count, pages: 1)
    }

    /// Fetches a page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher, discovery: Bool) throws(HarvestError) -> ConditionalPage<SocrataPage> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher) { (response) throws(HarvestError) in
            let parsed = try PageRead.parse(response, url: url, sourceID: source.id, portalMessage: { (error: SocrataPageError) in
                if case .portalError(let message) = error { return message }
                return nil
            }, SocrataPage.parse)
            if discovery && parsed.shape != .discovery {
                throw .badResponse(sourceID: source.id, url: url, reason: "it is not a Discovery API page (no 'results' list).")
            }
            return (parsed, PageSummary(count: parsed.resultSetSize, ids: parsed.datasets.map { SocrataMapper.localID(of: $0.value) ?? "" }))
        }
    }

    /// The lowercased host of an http(s) URL.
    static func host(of url: String) -> String? {
        guard let host = URLComponents(string: url.trimmed)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host
    }
}
