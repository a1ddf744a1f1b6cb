public import CatalogModel
public import Fetch
import FeedParsing

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

    public init(source: SourceConfig) throws(HarvestError) {
        guard let endpoint = CKANEndpoint(url: source.url) else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a CKAN portal (for example \(Self.description.exampleURL)).")
        }
        do {
            rows = try source.intOption("rows", default: 100)
            maxPages = try source.intOption("max_pages", default: 100_000)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        guard (1...1000).contains(rows) else {
            throw .badSource(sourceID: source.id, reason: "option 'rows' is \(rows), but CKAN serves 1 to 1000 packages a page.")
        }
        self.source = source
        self.endpoint = endpoint
    }

    public func gather(using fetcher: Fetcher, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var start = 0
        var pages = 0
        var expected: Int?
        var seen = Set<String>()
        var previousIDs: [String] = []
        while true {
            let url = endpoint.action("package_search", [("q", "*:*"), ("rows", String(rows)), ("start", String(start)), ("sort", "id asc")])
            guard pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            let envelope = try fetchPage(url, using: fetcher)
            pages += 1
            if let count = envelope.count { expected = count }
            sink.page(number: pages, url: url, expectedTotal: expected)

            if envelope.packages.isEmpty {
                if let total = expected, start < total {
                    sink.issue(RecordIssue(
                        code: "ckan.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the portal says it holds \(total) packages but page \(pages) at start=\(start) is empty; the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: expected, pages: pages)
                }
                return GatherOutcome(complete: true, expectedTotal: expected, pages: pages)
            }
            let ids = envelope.packages.map { Self.localID(of: $0.value) ?? "" }
            if ids == previousIDs {
                throw .paging(sourceID: source.id, url: url, reason: "the page repeats the previous page (the portal ignores 'start').")
            }
            previousIDs = ids
            for (index, package) in envelope.packages.enumerated() {
                let id = ids[index]
                if !id.isEmpty && !seen.insert(id).inserted {
                    sink.issue(RecordIssue(
                        code: "ckan.paging.duplicate", severity: .info,
                        message: "Source '\(source.id)': package '\(id)' appears a second time in the listing (page \(pages)); the second copy was ignored.",
                        location: package.pointer, localID: id, url: url))
                    continue
                }
                try sink.record(RawRecord(localID: id.isEmpty ? nil : id, payload: JSONWriter.write(package.value),
                                          mediaType: "application/json", pageURL: url, location: package.pointer))
            }
            start += envelope.packages.count
            if let total = expected, start >= total {
                return GatherOutcome(complete: true, expectedTotal: expected, pages: pages)
            }
            if expected == nil && envelope.packages.count < rows {
                return GatherOutcome(complete: true, expectedTotal: nil, pages: pages)
            }
        }
    }

    private func fetchPage(_ url: String, using fetcher: Fetcher) throws(HarvestError) -> CKANEnvelope {
        let response: FetchResponse
        do { response = try fetcher.get(url, headers: [("Accept", "application/json")]) } catch {
            throw .fetch(sourceID: source.id, error)
        }
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
            throw .badResponse(sourceID: source.id, url: url, reason: error.description)
        } catch let error as HarvestError {
            throw error
        } catch {
            throw .badResponse(sourceID: source.id, url: url, reason: "\(error)")
        }
    }

    /// The package's `id`, else its `name`.
    static func localID(of package: JSONValue) -> String? {
        CKANFields.text(package["id"]) ?? CKANFields.text(package["name"])
    }
}
