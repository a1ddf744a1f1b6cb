public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests an OGC CSW 2.0.2 catalogue (GeoNetwork, pycsw, Esri Geoportal, deegree) with GetRecords over
/// HTTP GET, paged by `startPosition` and the response's `nextRecord`. Records are asked for in ISO 19139
/// (`gmd:MD_Metadata`) unless `output_schema` names CSW's own Dublin Core, and are stored as their element.
public struct CSWHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "csw",
        title: "OGC CSW 2.0.2 (ISO 19139 / Dublin Core)",
        summary: "Every record of an OGC Catalogue Service for the Web through GetRecords (startPosition/nextRecord paging; ISO 19139 gmd:MD_Metadata or csw:Record Dublin Core).",
        exampleURL: "https://example.org/geonetwork/srv/eng/csw")

    public static var mapper: any RecordMapper { CSWMapper() }

    static let isoSchema = "http://www.isotc211.org/2005/gmd"
    static let accept = "application/xml, text/xml;q=0.9, */*;q=0.1"
    /// The query parameters fedcat sets itself; others in the source URL are kept.
    static let ownParameters: Set<String> = ["service", "version", "request", "typenames", "resulttype", "elementsetname",
                                              "outputschema", "startposition", "maxrecords"]

    public let source: SourceConfig
    /// The endpoint without fedcat's own parameters, with any others the source URL carries.
    public let baseURL: String
    /// `options.output_schema` (default ISO 19139 `http://www.isotc211.org/2005/gmd`).
    public let outputSchema: String
    /// `options.max_records` (default 50): records asked for per page.
    public let maxRecords: Int
    /// `options.max_pages`: a listing longer than this is stopped as a loop.
    public let maxPages: Int
    /// Query parameters of the source URL other than fedcat's.
    let extraQuery: [URLQueryItem]

    public init(source: SourceConfig) throws(HarvestError) {
        var text = source.url.trimmed
        if let cut = text.firstIndex(of: "#") { text = String(text[..<cut]) }
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), let components = URLComponents(string: text),
              let host = components.host, !host.isEmpty else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a CSW endpoint (for example \(Self.description.exampleURL)).")
        }
        do {
            maxRecords = try source.intOption("max_records", default: 50)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        guard maxRecords >= 1 else {
            throw .badSource(sourceID: source.id, reason: "option 'max_records' is \(maxRecords), but it must be at least 1.")
        }
        maxPages = try source.maxPagesOption(default: 100_000)
        let schema = source.options["output_schema"]?.trimmed ?? ""
        outputSchema = schema.isEmpty ? Self.isoSchema : schema
        extraQuery = (components.queryItems ?? []).filter { !Self.ownParameters.contains($0.name.lowercased()) }
        baseURL = text.firstIndex(of: "?").map { String(text[..<$0]) } ?? text
        self.source = source
    }

    /// The GetRecords URL of the page starting at `start` (1-based), every value percent-encoded.
    func url(start: Int, size: Int) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let own: [(String, String)] = [("service", "CSW"), ("version", "2.0.2"), ("request", "GetRecords"), ("typeNames", "csw:Record"),
                                       ("resultType", "results"), ("elementSetName", "full"), ("outputSchema", outputSchema),
                                       ("startPosition", String(start)), ("maxRecords", String(size))]
        let pairs = extraQuery.map { ($0.name, $0.value ?? "") } + own
        let query = pairs.map { "\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }
            .joined(separator: "&")
        return baseURL + "?" + query
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = CSWCursor(checkpoint: context.resumeFrom) ?? CSWCursor(pageSize: maxRecords)
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "csw.paging.duplicate", noun: "record", mediaType: "application/xml")
        var warnedWhitespace = false
        while true {
            var url = self.url(start: cursor.start, size: cursor.pageSize)
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            let page: ConditionalPage<CSWResponse>
            do {
                page = try fetchPage(url, memo: context.pages[url], using: fetcher)
            } catch {
                // A page that fails is asked for once more with half as many records (servers time out or run out of memory on large ISO pages).
                guard cursor.pageSize > 1, Self.retriable(error) else { throw error }
                let smaller = max(1, cursor.pageSize / 2)
                sink.issue(RecordIssue(code: "csw.paging.smaller-page", severity: .warning,
                                       message: "Source '\(source.id)': the page at startPosition \(cursor.start) failed (\(error.description)); it is asked for again with maxRecords=\(smaller) instead of \(cursor.pageSize).",
                                       url: url))
                cursor.pageSize = smaller
                url = self.url(start: cursor.start, size: cursor.pageSize)
                page = try fetchPage(url, memo: context.pages[url], using: fetcher)
            }
            cursor.pages += 1
            if page.parsed?.leadingWhitespace == true && !warnedWhitespace {
                warnedWhitespace = true
                sink.issue(RecordIssue(code: "csw.response.leading-whitespace", severity: .warning,
                                       message: "Source '\(source.id)': the response to \(url) has whitespace before its XML declaration, which XML does not allow; it was read anyway.",
                                       url: url))
            }
            if let matched = page.summary.count { cursor.matched = matched }
            let ids = page.summary.ids
            cursor.listed += ids.count
            try handout.hand(preparsed: page.parsed?.records.map { (pointer: $0.pointer, payload: $0.payload, preparsed: $0.tree) }, ids: ids, url: url,
                             page: cursor.pages, into: sink)
            let next = page.summary.next.flatMap { Int($0) } ?? 0
            let ended = next <= 0 || (cursor.matched.map { next > $0 } ?? false) || ids.isEmpty
            if !ended && next <= cursor.start {
                throw .paging(sourceID: source.id, url: url, reason: "the response gives nextRecord=\(next), which does not move past startPosition=\(cursor.start); the listing loops.")
            }
            if !ended { cursor.start = next }
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: cursor.matched, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: ended ? nil : cursor.json))
            if ended {
                if let matched = cursor.matched, cursor.listed < matched {
                    sink.issue(RecordIssue(
                        code: "csw.paging.short-listing", severity: .warning,
                        message: "Source '\(source.id)': the catalogue announced numberOfRecordsMatched=\(matched) but the listing ended after \(cursor.listed) records (page \(cursor.pages) at \(url) gives nextRecord=\(next)); the listing is treated as incomplete and nothing will be deleted.",
                        url: url))
                    return GatherOutcome(complete: false, expectedTotal: matched, pages: cursor.pages)
                }
                return GatherOutcome(complete: true, expectedTotal: cursor.matched ?? cursor.listed, pages: cursor.pages)
            }
        }
    }

    /// Errors a smaller page may cure: the server's own errors and failed or unreadable responses.
    static func retriable(_ error: HarvestError) -> Bool {
        switch error {
        case .portalError, .badResponse, .fetch: return true
        default: return false
        }
    }

    /// Fetches one page with the validators of its last fetch; a 304 or an identical body is not parsed again.
    private func fetchPage(_ url: String, memo: PageMemo?, using fetcher: Fetcher) throws(HarvestError) -> ConditionalPage<CSWResponse> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher, accept: Self.accept) { (response) throws(HarvestError) in
            let parsed = try Self.read(response, url: url, sourceID: source.id)
            guard parsed.root == "GetRecordsResponse" else {
                throw .badResponse(sourceID: source.id, url: url, reason: "it answers <\(parsed.root)>, not <csw:GetRecordsResponse>.")
            }
            let summary = PageSummary(count: parsed.matched, next: parsed.nextRecord.map(String.init), ids: parsed.records.map { $0.id ?? "" })
            return (parsed, summary)
        }
    }

    /// Reads a response; an ExceptionReport is the portal's error, with its code and text.
    static func read(_ response: FetchResponse, url: String, sourceID: String) throws(HarvestError) -> CSWResponse {
        let parsed: CSWResponse
        do throws(CSWResponseError) { parsed = try CSWResponse.parse(response.body, url: url) } catch {
            guard response.isSuccess else {
                throw .fetch(sourceID: sourceID, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: sourceID, url: url, reason: error.description + type)
        }
        if parsed.isException {
            let text = parsed.exceptions.map { exception in
                let code = exception.code.isEmpty ? "" : exception.code
                let locator = exception.locator.map { " (locator \($0))" } ?? ""
                return "\(code)\(locator)\(exception.text.isEmpty ? "" : ": \(exception.text)")"
            }.joined(separator: "; ")
            throw .portalError(sourceID: sourceID, url: url, message: "CSW exception \(text.isEmpty ? "(no exception given)" : text)")
        }
        guard response.isSuccess else {
            throw .fetch(sourceID: sourceID, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
        }
        return parsed
    }
}
