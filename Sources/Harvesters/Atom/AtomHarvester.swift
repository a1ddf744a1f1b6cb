public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests an Atom feed or RSS 2.0 channel: entries become records. Follows OpenSearch paging
/// (`link rel="next"`, `os:totalResults`) and INSPIRE download service feeds (each entry's dataset feed, read
/// once, gives the dataset's files).
public struct AtomHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "atom",
        title: "Atom / RSS feed (INSPIRE download services, OpenSearch)",
        summary: "Every entry of an Atom feed or item of an RSS 2.0 channel, following link rel=\"next\" pages and INSPIRE dataset feeds.",
        exampleURL: "https://example.org/inspire/download/service-feed.xml")

    public static var mapper: any RecordMapper { AtomMapper() }

    static let accept = "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.7, */*;q=0.1"

    public let source: SourceConfig
    /// Read the dataset feed each INSPIRE service-feed entry links to (`options.follow_dataset_feeds`, default true).
    public let followDatasetFeeds: Bool
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int
    /// The feed shows only its latest entries (`options.window`, default false): a run is never a complete
    /// listing, so entries that left the feed are not deleted.
    public let window: Bool

    public init(source: SourceConfig) throws(HarvestError) {
        let url = source.url.trimmed.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: source.url.trimmed)?.host?.isEmpty == false else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of an Atom feed or RSS channel (for example \(Self.description.exampleURL)).")
        }
        do {
            followDatasetFeeds = try source.boolOption("follow_dataset_feeds", default: true)
            window = try source.boolOption("window", default: false)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        maxPages = try source.maxPagesOption(default: 10_000)
        self.source = source
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = LinkCursor(checkpoint: context.resumeFrom) ?? LinkCursor(next: source.url.trimmed, pages: 0, received: 0)
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "atom.paging.duplicate", noun: "entry", mediaType: "application/xml")
        var visited = Set<String>()
        var datasetFeeds: [String: [UInt8]?] = [:]
        var previousIDs: [String] = []
        while true {
            let url = cursor.next
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the feed looks endless.")
            }
            guard visited.insert(url).inserted else {
                throw .paging(sourceID: source.id, url: url, reason: "link rel=\"next\" points back to a page already read; the feed's paging loops.")
            }
            var memo = context.pages[url]
            // A service feed is read again every run: its dataset feeds can change while it does not.
            if followDatasetFeeds, let remembered = memo.flatMap({ PageSummary(json: $0.pageJSON) }), !remembered.links.isEmpty { memo = nil }
            let page = try fetchPage(url, memo: memo, using: fetcher, into: sink)
            cursor.pages += 1
            if let total = page.summary.count { expected = total }
            let ids = page.summary.ids
            if !ids.isEmpty && ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page's entries (the server ignores its own next link).")
            }
            previousIDs = ids
            var payloads: [(pointer: String, payload: [UInt8])]?
            if let feed = page.parsed {
                payloads = feed.items.map { item in
                    guard followDatasetFeeds, let link = item.datasetFeed, let target = Self.resolve(link, against: url), target != url else {
                        return (item.pointer, item.payload)
                    }
                    if datasetFeeds[target] == nil { datasetFeeds[target] = datasetFeed(target, entry: item.id, serviceFeed: url, using: fetcher, into: sink) }
                    guard let feedXML = datasetFeeds[target] ?? nil else { return (item.pointer, item.payload) }
                    return (item.pointer, Self.bundle(entry: item.payload, datasetFeed: feedXML))
                }
            }
            try handout.hand(payloads: payloads, ids: ids, url: url, page: cursor.pages, into: sink)
            cursor.received += ids.count
            let next = page.summary.next.flatMap { Self.resolve($0, against: url) }
            if let raw = page.summary.next, next == nil {
                sink.issue(RecordIssue(
                    code: "atom.paging.bad-next", severity: .warning,
                    message: "Source '\(source.id)': page \(cursor.pages) (\(url)) links rel=\"next\" to '\(raw)', which is not an http or https URL; the listing stops there and is treated as incomplete.",
                    url: url))
            }
            let checkpoint = next.map { LinkCursor(next: $0, pages: cursor.pages, received: cursor.received).json }
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: checkpoint))
            guard let next else {
                if page.summary.next != nil { return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages) }
                if let total = expected, cursor.received < total {
                    sink.issue(RecordIssue(
                        code: "atom.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the feed says it holds \(total) results (os:totalResults) but the listing ended after \(cursor.received) (page \(cursor.pages) at \(url) has no link rel=\"next\"); the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
                }
                return GatherOutcome(complete: !window, expectedTotal: expected ?? cursor.received, pages: cursor.pages)
            }
            cursor.next = next
        }
    }

    /// An INSPIRE dataset as stored: the service feed's entry, then the dataset feed's root element.
    static func bundle(entry: [UInt8], datasetFeed: [UInt8]) -> [UInt8] {
        Array("<fedcat:inspire-dataset xmlns:fedcat=\"\(AtomNS.fedcat)\">".utf8) + entry + datasetFeed + Array("</fedcat:inspire-dataset>".utf8)
    }

    /// A link as an absolute http(s) URL, resolved against the page it is on.
    static func resolve(_ link: String, against page: String) -> String? {
        let text = link.trimmed
        guard !text.isEmpty, let base = URL(string: page), let url = URL(string: text, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return url.absoluteString
    }

    /// Reads a feed page, or throws a sentence naming the source and URL.
    static func readPage(_ body: [UInt8], url: String, sourceID: String) throws(HarvestError) -> AtomFeedPage {
        do throws(AtomFeedError) { return try AtomFeedPage.parse(body) } catch {
            throw .badResponse(sourceID: sourceID, url: url, reason: error.description)
        }
    }

    /// Fetches one page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher, into sink: any HarvestSink) throws(HarvestError) -> ConditionalPage<AtomFeedPage> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher, accept: Self.accept) { (response) throws(HarvestError) in
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let feed = try Self.readPage(response.body, url: url, sourceID: source.id)
            for warning in feed.warnings {
                sink.issue(RecordIssue(code: "atom.xml.warning", severity: .warning,
                                       message: "Source '\(source.id)': the \(feed.format.rawValue) at \(url) is read despite an XML problem at \(warning.description).",
                                       url: url))
            }
            var links: [String] = []
            if followDatasetFeeds {
                for item in feed.items {
                    if let link = item.datasetFeed.flatMap({ Self.resolve($0, against: url) }), !links.contains(link) { links.append(link) }
                }
            }
            return (feed, PageSummary(count: feed.totalResults, next: feed.next, ids: feed.items.map(\.id), links: links))
        }
    }

    /// The dataset feed's root element as XML, or nil after an issue (the entry is then kept without its files).
    private func datasetFeed(_ url: String, entry: String, serviceFeed: String, using fetcher: Fetcher, into sink: any HarvestSink) -> [UInt8]? {
        func problem(_ detail: String) -> [UInt8]? {
            sink.issue(RecordIssue(code: "atom.inspire.dataset-feed", severity: .warning,
                                   message: "Source '\(source.id)', entry '\(entry)' (\(serviceFeed)): its dataset feed \(url) could not be read: \(detail) The dataset is kept without its files.",
                                   localID: entry.isEmpty ? nil : entry, url: url))
            return nil
        }
        let response: FetchResponse
        do { response = try fetcher.fetch(url, headers: [("Accept", Self.accept)]) } catch { return problem(error.description) }
        guard response.isSuccess else { return problem("HTTP \(response.status).") }
        do throws(XMLReadError) {
            let reader = try XMLReader(bytes: response.body)
            guard case .startElement(let root, _, _)? = try reader.next() else { return problem("it holds no element.") }
            guard root.matches(AtomNS.atom, "feed") else { return problem("its root element is <\(root.qualified)>, not an Atom feed.") }
            return try reader.outerXML()
        } catch {
            return problem(error.description)
        }
    }
}
