public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests a CKAN portal (2.2–2.11) through `package_search`, paging with `rows`/`start` until `count` is reached.
public struct CKANHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "ckan",
        title: "CKAN Action API",
        summary: "Every package of a CKAN portal through package_search (rows/start paging, sorted by id for stable pages).",
        exampleURL: "https://demo.ckan.org")

    public static var mapper: any RecordMapper { CKANMapper() }

    public let source: SourceConfig
    public let endpoint: CKANEndpoint
    /// Packages asked for per page (`options.rows`, 1–1000, default 100).
    public let rows: Int
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int
    /// Ask only for packages modified since the last complete run, then list ids (`options.incremental`, default true).
    public let incremental: Bool
    /// An extra Solr filter for every listing (`options.fq`, and `options.organization`).
    public let filter: String?

    public init(source: SourceConfig) throws(HarvestError) {
        guard let endpoint = CKANEndpoint(url: source.url) else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a CKAN portal (for example \(Self.description.exampleURL)).")
        }
        do {
            rows = try source.intOption("rows", default: 100)
            incremental = try source.boolOption("incremental", default: true)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        maxPages = try source.maxPagesOption(default: 100_000)
        guard (1...1000).contains(rows) else {
            throw .badSource(sourceID: source.id, reason: "option 'rows' is \(rows), but CKAN serves 1 to 1000 packages a page.")
        }
        let clauses = [source.options["fq"], source.options["organization"].map { "organization:\($0)" }].compactMap { $0 }
        filter = clauses.isEmpty ? nil : clauses.joined(separator: " AND ")
        self.source = source
        self.endpoint = endpoint
    }

    /// The package_search URL of a page of the cursor's listing.
    func pageURL(_ cursor: CKANCursor, since: Date?) -> String {
        var clauses = filter.map { [$0] } ?? []
        var parameters = [("q", "*:*")]
        switch cursor.phase {
        case .all: break
        case .modified:
            // An hour of margin for clocks that disagree.
            let from = (since ?? Date(timeIntervalSince1970: 0)).addingTimeInterval(-3600)
            clauses.append("metadata_modified:[\(from.formatted(.iso8601)) TO *]")
        case .ids:
            parameters.append(("fl", "id,name"))
        }
        if !clauses.isEmpty { parameters.append(("fq", clauses.joined(separator: " AND "))) }
        let rows = cursor.phase == .ids ? 1000 : self.rows
        parameters += [("rows", String(rows)), ("start", String(cursor.start)), ("sort", "id asc")]
        return endpoint.action("package_search", parameters)
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = CKANCursor(checkpoint: context.resumeFrom)
        if context.resumeFrom == nil, incremental, context.lastCompleteRun != nil { cursor.phase = .modified }
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "ckan.paging.duplicate", noun: "package")
        var previousIDs: [String] = []
        var unknown: [String] = []
        while true {
            let url = pageURL(cursor, since: context.lastCompleteRun)
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            let page = try fetchPage(url, memo: cursor.phase == .all ? context.pages[url] : nil, using: fetcher)
            cursor.pages += 1
            if let count = page.summary.count, cursor.phase != .modified { expected = count }
            let ids = page.summary.ids
            if !ids.isEmpty && ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page (the portal ignores 'start').")
            }
            previousIDs = ids
            if cursor.phase == .ids {
                let listed = ids.filter { !$0.isEmpty }
                unknown += listed.filter { !context.knownIDs.contains($0) && !handout.contains($0) }
                try sink.unchanged(localIDs: listed.filter { context.knownIDs.contains($0) })
            } else {
                try handout.hand(preparsed: page.parsed?.packages.lazy.map { (pointer: $0.pointer, payload: $0.payload, preparsed: $0.node) },
                                 ids: ids, url: url, page: cursor.pages, into: sink)
            }
            cursor.start += ids.count
            let total = page.summary.count
            var listingDone = ids.isEmpty || (total.map { cursor.start >= $0 } ?? (ids.count < rows))
            if cursor.phase == .modified && listingDone {
                // The modified packages are in; now list every id to learn which ones are gone.
                cursor.phase = .ids
                cursor.start = 0
                previousIDs = []
                listingDone = false
            }
            let memo = cursor.phase == .all ? page.memo(url: url) : nil
            if listingDone && !unknown.isEmpty {
                // Listed but not in the catalogue (skipped before, or added while a run failed): fetch them one by one.
                try fetchMissing(unknown, using: fetcher, into: sink)
                unknown = []
            }
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: memo, checkpoint: cursor.json))
            if ids.isEmpty, listingDone, let total = expected, cursor.start < total {
                sink.issue(RecordIssue(
                    code: "ckan.paging.short-listing", severity: .warning,
                    message: "Source '\(source.id)': the portal says it holds \(total) packages but page \(cursor.pages) at start=\(cursor.start) is empty; the listing is treated as incomplete and nothing will be deleted.",
                    url: url))
                return GatherOutcome(complete: false, expectedTotal: expected, pages: cursor.pages)
            }
            if listingDone { return GatherOutcome(complete: true, expectedTotal: expected, pages: cursor.pages) }
        }
    }

    /// Fetches packages by id with package_show (those an id listing names but the catalogue does not hold).
    private func fetchMissing(_ ids: [String], using fetcher: Fetcher, into sink: any HarvestSink) throws(HarvestError) {
        for id in ids {
            let url = endpoint.action("package_show", [("id", id)])
            let response: FetchResponse
            do { response = try fetcher.fetch(url, headers: [("Accept", "application/json")]) } catch {
                throw .fetch(sourceID: source.id, error)
            }
            guard let envelope = try? CKANEnvelope.parse(response.body), let package = envelope.packages.first, response.isSuccess else {
                sink.issue(RecordIssue(code: "ckan.package.unavailable", severity: .warning,
                                       message: "Source '\(source.id)': package '\(id)' is listed but package_show answered HTTP \(response.status); it was skipped.",
                                       localID: id, url: url))
                continue
            }
            try sink.record(RawRecord(localID: id, payload: package.payload, mediaType: "application/json",
                                      pageURL: url, location: package.pointer))
        }
    }

    /// Fetches a page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher) throws(HarvestError) -> ConditionalPage<CKANEnvelope> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher) { (response) throws(HarvestError) in
            let envelope = try parsePage(response, url: url)
            return (envelope, PageSummary(count: envelope.count, ids: envelope.packages.map { Self.localID(of: $0.node) ?? "" }))
        }
    }

    private func parsePage(_ response: FetchResponse, url: String) throws(HarvestError) -> CKANEnvelope {
        do {
            let envelope = try CKANEnvelope.parse(response.body)
            guard response.isSuccess else {
                throw HarvestError.fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            guard envelope.shape == .search else {
                throw HarvestError.badResponse(sourceID: source.id, url: url, reason: "it is not a package_search result (no 'result.results' list).")
            }
            return envelope
        } catch let error as CKANResponseError {
            if case .portalError(let message) = error {
                throw .portalError(sourceID: source.id, url: url, message: "HTTP \(response.status), \(message)")
            }
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
        } catch let error as HarvestError {
            throw error
        } catch {
            throw .badResponse(sourceID: source.id, url: url, reason: "\(error)")
        }
    }

    /// The package's `id`, else its `name`.
    static func localID(of package: JSONNode) -> String? {
        CKANFields.text(package["id"]) ?? CKANFields.text(package["name"])
    }

    /// The same for a package as a `JSONValue`.
    static func localID(of package: JSONValue) -> String? {
        CKANFields.text(package["id"]) ?? CKANFields.text(package["name"])
    }
}
