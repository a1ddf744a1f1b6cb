public import CatalogModel
public import Fetch
public import FeedParsing
import Foundation

/// Harvests a udata portal (data.gouv.fr and others) through API v1 `/api/1/datasets/`, following `next_page`.
public struct UdataHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "udata",
        title: "udata API v1 (data.gouv.fr)",
        summary: "Every dataset of a udata portal through /api/1/datasets/ (page_size/page paging, following next_page).",
        exampleURL: "https://www.data.gouv.fr")

    public static var mapper: any RecordMapper { UdataMapper() }

    public let source: SourceConfig
    /// Datasets asked for per page (`options.page_size`, 1–100, default 50).
    public let pageSize: Int
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int
    /// The first page's URL.
    public let firstPage: String

    public init(source: SourceConfig) throws(HarvestError) {
        guard let first = Self.firstPageURL(source.url) else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a udata portal (for example \(Self.description.exampleURL)).")
        }
        do {
            pageSize = try source.intOption("page_size", default: 50)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        guard (1...100).contains(pageSize) else {
            throw .badSource(sourceID: source.id, reason: "option 'page_size' is \(pageSize), but udata serves 1 to 100 datasets a page.")
        }
        maxPages = try source.maxPagesOption(default: 100_000)
        self.source = source
        self.firstPage = first + "?page_size=\(pageSize)&page=1"
    }

    /// `https://portal` or `https://portal/api/1/datasets/` → `https://portal/api/1/datasets/` (no query).
    static func firstPageURL(_ url: String) -> String? {
        let trimmed = url.trimmed
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let components = URLComponents(string: trimmed),
              let host = components.host, !host.isEmpty else { return nil }
        var base = trimmed
        if let cut = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<cut]) }
        while base.hasSuffix("/") { base.removeLast() }
        if let range = base.range(of: "/api/1/datasets") { return String(base[..<range.lowerBound]) + "/api/1/datasets/" }
        if base.hasSuffix("/api/1") { return base + "/datasets/" }
        if base.hasSuffix("/api") { return base + "/1/datasets/" }
        return base + "/api/1/datasets/"
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = LinkCursor(checkpoint: context.resumeFrom) ?? LinkCursor(next: firstPage, pages: 0, received: 0)
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "udata.paging.duplicate", noun: "dataset")
        var visited = Set<String>()
        var previousIDs: [String] = []
        while true {
            let url = cursor.next
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            guard visited.insert(url).inserted else {
                throw .paging(sourceID: source.id, url: url, reason: "'next_page' points back to a page already read; the listing loops.")
            }
            let page = try fetchPage(url, memo: context.pages[url], using: fetcher)
            cursor.pages += 1
            if let total = page.summary.count { expected = total }
            let ids = page.summary.ids
            if !ids.isEmpty && ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page (the portal ignores 'page').")
            }
            previousIDs = ids
            try handout.hand(page.parsed?.datasets, ids: ids, url: url, page: cursor.pages, into: sink)
            cursor.received += ids.count
            let next = page.summary.next.flatMap { Self.resolve($0, against: url) }
            if let raw = page.summary.next, next == nil {
                sink.issue(RecordIssue(
                    code: "udata.paging.bad-next-page", severity: .warning,
                    message: "Source '\(source.id)': page \(cursor.pages) gives 'next_page' '\(raw)', which is not an http or https URL; the listing stops there and is treated as incomplete.",
                    location: "/next_page", url: url))
            }
            let checkpoint = next.map { LinkCursor(next: $0, pages: cursor.pages, received: cursor.received).json }
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: checkpoint))
            guard let next else {
                if page.summary.next != nil {
                    return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
                }
                if let total = expected, cursor.received < total {
                    sink.issue(RecordIssue(
                        code: "udata.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the portal says it holds \(total) datasets but the listing ended after \(cursor.received) (page \(cursor.pages) has no 'next_page'); the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
                }
                return GatherOutcome(complete: true, expectedTotal: expected, pages: cursor.pages)
            }
            cursor.next = next
        }
    }

    /// `next_page` as an absolute http(s) URL (udata gives absolute URLs; a relative one is resolved against the page).
    static func resolve(_ next: String, against page: String) -> String? {
        let text = next.trimmed
        guard !text.isEmpty else { return nil }
        guard let base = URL(string: page), let url = URL(string: text, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return url.absoluteString
    }

    /// Fetches a page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher) throws(HarvestError) -> ConditionalPage<UdataPage> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher) { (response) throws(HarvestError) in
            guard response.isSuccess else {
                if let message = (try? JSONParser.parse(response.body))?["message"]?.string {
                    throw .portalError(sourceID: source.id, url: url, message: "HTTP \(response.status), \(message)")
                }
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let envelope: UdataPage
            do throws(UdataPageError) { envelope = try UdataPage.parse(response.body) } catch {
                let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
                throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
            }
            return (envelope, PageSummary(count: envelope.total, next: envelope.nextPage,
                                          ids: envelope.datasets.map { UdataMapper.localID(of: $0.value) ?? "" }))
        }
    }
}

/// One page of `/api/1/datasets/`: `{"data": [...], "page", "page_size", "total", "next_page", "previous_page"}`.
public struct UdataPage: Sendable {
    public var datasets: [(pointer: String, value: JSONValue)]
    public var total: Int?
    public var nextPage: String?

    public static func parse(_ body: [UInt8]) throws(UdataPageError) -> UdataPage {
        let root: JSONValue
        do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
        guard let object = root.object else { throw .notPage("the top level is a \(root.typeName), not an object") }
        guard let data = object["data"] else {
            if let message = object["message"]?.string { throw .notPage("the portal says: \(message)") }
            throw .notPage("there is no 'data' list (is this a udata /api/1/datasets/ URL?)")
        }
        guard let list = data.array else { throw .notPage("'data' is a \(data.typeName), not a list") }
        let total = object["total"]?.number?.int64.map(Int.init)
        let next = object["next_page"]?.string?.trimmed
        return UdataPage(datasets: list.enumerated().map { ("/data/\($0.offset)", $0.element) }, total: total,
                         nextPage: next?.isEmpty == false ? next : nil)
    }
}

/// Why a udata page could not be read.
public enum UdataPageError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notPage(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notPage(let detail): return "it is not a udata dataset page: \(detail)"
        }
    }
}


