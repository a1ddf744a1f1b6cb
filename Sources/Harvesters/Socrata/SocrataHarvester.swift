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
            maxPages = try source.intOption("max_pages", default: 10_000)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
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
        var cursor = SocrataCursor(checkpoint: context.resumeFrom)
        var expected: Int?
        var seen = Set<String>()
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
            try hand(page, ids: ids, url: url, pageNumber: cursor.pages, seen: &seen, into: sink)
            cursor.offset += ids.count
            let memo = ids.isEmpty ? nil : PageMemo(url: url, etag: page.etag, lastModified: page.lastModified,
                                                    bodyHash: page.bodyHash, pageJSON: page.summary.json)
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.parsed == nil,
                                     memo: memo, checkpoint: cursor.json))
            if ids.isEmpty {
                if let total = expected, cursor.offset < total {
                    sink.issue(RecordIssue(
                        code: "socrata.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the portal says it holds \(total) datasets but page \(cursor.pages) at offset=\(cursor.offset) is empty; the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
                }
                return GatherOutcome(complete: true, expectedTotal: expected, pages: cursor.pages)
            }
            if let total = expected, cursor.offset >= total {
                return GatherOutcome(complete: true, expectedTotal: expected, pages: cursor.pages)
            }
            if expected == nil && ids.count < limit {
                return GatherOutcome(complete: true, expectedTotal: nil, pages: cursor.pages)
            }
        }
    }

    /// One `/api/views/<id>.json` (or `/api/views.json`) document: a single page.
    private func gatherView(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let url = source.url
        let page = try fetchPage(url, memo: context.pages[url], using: fetcher, discovery: false)
        var seen = Set<String>()
        let ids = page.summary.ids
        try hand(page, ids: ids, url: url, pageNumber: 1, seen: &seen, into: sink)
        let memo = PageMemo(url: url, etag: page.etag, lastModified: page.lastModified, bodyHash: page.bodyHash, pageJSON: page.summary.json)
        try sink.page(PageReport(number: 1, url: url, expectedTotal: ids.count, unchanged: page.parsed == nil, memo: memo))
        return GatherOutcome(complete: true, expectedTotal: ids.count, pages: 1)
    }

    /// Hands a page's records to the sink (or its ids as unchanged), skipping duplicates across pages.
    private func hand(_ page: Page, ids: [String], url: String, pageNumber: Int, seen: inout Set<String>,
                      into sink: any HarvestSink) throws(HarvestError) {
        guard let parsed = page.parsed else {
            seen.formUnion(ids)
            try sink.unchanged(localIDs: ids.filter { !$0.isEmpty })
            return
        }
        for (index, dataset) in parsed.datasets.enumerated() {
            let id = ids[index]
            if !id.isEmpty && !seen.insert(id).inserted {
                sink.issue(RecordIssue(
                    code: "socrata.paging.duplicate", severity: .info,
                    message: "Source '\(source.id)': dataset '\(id)' appears a second time in the listing (page \(pageNumber)); the second copy was ignored.",
                    location: dataset.pointer, localID: id, url: url))
                continue
            }
            try sink.record(RawRecord(localID: id.isEmpty ? nil : id, payload: JSONWriter.write(dataset.value),
                                      mediaType: "application/json", pageURL: url, location: dataset.pointer))
        }
    }

    /// A page as fetched: parsed when it changed, or only its remembered summary when it did not.
    struct Page {
        var parsed: SocrataPage?
        var summary: SocrataPageSummary
        var etag: String?
        var lastModified: String?
        var bodyHash: String?
    }

    /// Fetches a page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher, discovery: Bool) throws(HarvestError) -> Page {
        let remembered = memo.flatMap { SocrataPageSummary(json: $0.pageJSON) }
        let validators = remembered == nil ? nil : memo.map { Validators(etag: $0.etag, lastModified: $0.lastModified) }
        let response: FetchResponse
        do { response = try fetcher.fetch(url, headers: [("Accept", "application/json")], validators: validators) } catch {
            throw .fetch(sourceID: source.id, error)
        }
        if response.status == 304 {
            guard let memo, let remembered else {
                throw .badResponse(sourceID: source.id, url: url, reason: "the server answered 304 Not Modified to a request that asked for no validation.")
            }
            return Page(parsed: nil, summary: remembered, etag: memo.etag, lastModified: memo.lastModified, bodyHash: memo.bodyHash)
        }
        let bodyHash = ContentHash.hex(response.body)
        let etag = response.validators?.etag, lastModified = response.validators?.lastModified
        if response.isSuccess, let memo, let remembered, memo.bodyHash == bodyHash {
            return Page(parsed: nil, summary: remembered, etag: etag, lastModified: lastModified, bodyHash: bodyHash)
        }
        let parsed: SocrataPage
        do { parsed = try SocrataPage.parse(response.body) } catch {
            if case .portalError(let message) = error {
                throw .portalError(sourceID: source.id, url: url, message: "HTTP \(response.status), \(message)")
            }
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
        }
        guard response.isSuccess else {
            throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
        }
        if discovery && parsed.shape != .discovery {
            throw .badResponse(sourceID: source.id, url: url, reason: "it is not a Discovery API page (no 'results' list).")
        }
        let summary = SocrataPageSummary(count: parsed.resultSetSize,
                                         ids: parsed.datasets.map { SocrataMapper.localID(of: $0.value) ?? "" })
        return Page(parsed: parsed, summary: summary, etag: etag, lastModified: lastModified, bodyHash: bodyHash)
    }

    /// The lowercased host of an http(s) URL.
    static func host(of url: String) -> String? {
        guard let host = URLComponents(string: url.trimmed)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host
    }
}

/// Where a Socrata listing stands: the next `offset` and the pages read. Written as the run's checkpoint.
struct SocrataCursor: Equatable {
    var offset = 0
    var pages = 0

    /// A cursor at the start, or at a checkpoint this harvester wrote.
    init(checkpoint: String?) {
        guard let checkpoint, let value = try? JSONParser.parse(checkpoint) else { return }
        offset = value["offset"]?.number?.int64.map(Int.init) ?? 0
        pages = value["pages"]?.number?.int64.map(Int.init) ?? 0
    }

    var json: String { JSONWriter.string(["offset": .number(JSONNumber(offset)), "pages": .number(JSONNumber(pages))]) }
}

/// What a page held, remembered so an unchanged page need not be parsed: `resultSetSize` and the ids in order.
struct SocrataPageSummary: Equatable {
    var count: Int?
    var ids: [String]

    init(count: Int?, ids: [String]) {
        self.count = count
        self.ids = ids
    }

    init?(json: String) {
        guard let value = try? JSONParser.parse(json), let ids = value["ids"]?.array else { return nil }
        self.count = value["count"]?.number?.int64.map(Int.init)
        self.ids = ids.compactMap(\.string)
    }

    var json: String {
        var object: JSONObject = ["ids": .array(ids.map(JSONValue.string))]
        if let count { object["count"] = .number(JSONNumber(count)) }
        return JSONWriter.string(.object(object))
    }
}
