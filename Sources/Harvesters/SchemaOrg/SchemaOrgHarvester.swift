public import CatalogModel
public import Fetch
public import FeedParsing

/// Harvests schema.org `Dataset` descriptions from one URL: a JSON-LD document (a Dataset, a list of them, an
/// `@graph`, or a `DataCatalog` with `dataset`), an HTML landing page with `<script type="application/ld+json">`
/// blocks, or a sitemap (or sitemap index) whose landing pages are each fetched and read.
public struct SchemaOrgHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "schemaorg",
        title: "schema.org Dataset (JSON-LD)",
        summary: "The schema.org Datasets of a JSON-LD document, of the ld+json scripts of an HTML page, or of every landing page a sitemap lists.",
        exampleURL: "https://example.org/catalog.jsonld")

    public static var mapper: any RecordMapper { SchemaOrgMapper() }

    static let accept = "application/ld+json, application/json;q=0.9, text/html;q=0.8, application/xml;q=0.7, text/xml;q=0.7"

    public let source: SourceConfig
    /// The most documents (sitemaps and landing pages) one sitemap harvest fetches (`options.max_pages`); the
    /// listing is then incomplete.
    public let maxPages: Int

    public init(source: SourceConfig) throws(HarvestError) {
        let url = source.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a JSON-LD document, HTML page or sitemap (for example \(Self.description.exampleURL)).")
        }
        maxPages = try source.maxPagesOption(default: 10_000)
        self.source = source
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "schemaorg.duplicate-identifier", noun: "Dataset",
                                     mediaType: "application/ld+json")
        let root = try fetchPage(source.url, lenient: false, using: fetcher, context: context, sink: sink)
        guard root.isSitemap else {
            try handout.hand(root.records, ids: root.parsed?.ids ?? root.summary.ids, url: source.url, page: nil, into: sink)
            let total = root.records?.count ?? root.summary.ids.count
            try sink.page(PageReport(number: 1, url: source.url, expectedTotal: total, unchanged: root.unchanged, memo: root.memo(url: source.url)))
            return GatherOutcome(complete: true, expectedTotal: total, pages: 1)
        }
        try sink.page(PageReport(number: 1, url: source.url, expectedTotal: nil, unchanged: root.unchanged, memo: root.memo(url: source.url)))
        var crawl = SitemapCrawl(root: source.url, links: root.summary.links)
        while let next = crawl.next() {
            guard crawl.pages < maxPages else {
                crawl.complete = false
                sink.issue(RecordIssue(
                    code: "schemaorg.sitemap.max-pages", severity: .warning,
                    message: "Source '\(source.id)': the sitemap \(source.url) lists more than the \(maxPages) documents fetched (option 'max_pages'); the rest were not read, the listing is treated as incomplete and nothing will be deleted.",
                    url: next.url))
                break
            }
            crawl.pages += 1
            do {
                let page = try fetchPage(next.url, lenient: true, using: fetcher, context: context, sink: sink)
                if page.isSitemap { crawl.add(page.summary.links, from: next) }
                try handout.hand(page.records, ids: page.parsed?.ids ?? page.summary.ids, url: next.url, page: crawl.pages, into: sink)
                try sink.page(PageReport(number: crawl.pages, url: next.url, expectedTotal: nil, unchanged: page.unchanged, memo: page.memo(url: next.url)))
            } catch {
                // A stop from outside or the run's deadline ends the run; a page that fails is one issue.
                if case .stopped = error { throw error }
                if case .fetch(_, .deadlineExceeded) = error { throw error }
                if case .fetch(_, .retryAfterTooLong) = error { throw error }
                crawl.complete = false
                sink.issue(RecordIssue(
                    code: "schemaorg.page.unreadable", severity: .error,
                    message: "Source '\(source.id)': the sitemap \(next.from) lists \(next.url), which could not be read (\(error.description)); the listing is treated as incomplete and nothing will be deleted.",
                    url: next.url))
            }
        }
        return GatherOutcome(complete: crawl.complete, expectedTotal: nil, pages: crawl.pages)
    }

    /// One fetched document: its Datasets, or the locations of a sitemap (kept in the page summary's links, so an
    /// unchanged sitemap's pages are still visited, each answering 304 on its own).
    private func fetchPage(_ url: String, lenient: Bool, using fetcher: Fetcher, context: GatherContext,
                           sink: any HarvestSink) throws(HarvestError) -> ConditionalPage<SchemaOrgPage> {
        try ConditionalPage.fetch(url, memo: context.pages[url], sourceID: source.id, using: fetcher, accept: Self.accept) { (response) throws(HarvestError) in
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            if Sitemap.looksLikeSitemap(response.body) {
                let sitemap: Sitemap
                do throws(XMLReadError) { sitemap = try Sitemap.parse(response.body, url: url) } catch {
                    throw .badResponse(sourceID: source.id, url: url, reason: "the sitemap is not well-formed XML (\(error.description))")
                }
                return (.sitemap(sitemap), PageSummary(ids: [], links: sitemap.locations))
            }
            let page = try readDocument(response, url: url, lenient: lenient, sink: sink)
            var unique = Set<String>()
            return (page, PageSummary(ids: page.ids.filter { !$0.isEmpty && unique.insert($0).inserted }))
        }
    }

    /// The Datasets of a JSON-LD document or HTML page. A landing page without any ld+json (`lenient`) is a warning
    /// and holds no Dataset; for the source's own URL it is an error.
    private func readDocument(_ response: FetchResponse, url: String, lenient: Bool, sink: any HarvestSink) throws(HarvestError) -> SchemaOrgPage {
        let contentType = response.headers["content-type"]?.lowercased() ?? ""
        let document: SchemaOrgDocument
        do throws(SchemaOrgError) {
            document = try SchemaOrgDocument.parse(response.body, html: contentType.contains("html") ? true : nil)
        } catch {
            if lenient, error == .noJSONLD {
                sink.issue(RecordIssue(code: "schemaorg.page.no-jsonld", severity: .warning,
                                       message: "Source '\(source.id)' (\(url)): the landing page has no <script type=\"application/ld+json\"> block, so no Dataset.", url: url))
                return .datasets(records: [], ids: [])
            }
            let type = contentType.isEmpty ? "" : " (Content-Type \(contentType))"
            throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
        }
        for problem in document.problems {
            sink.issue(RecordIssue(code: problem.code, severity: .warning, message: "Source '\(source.id)' (\(url)): \(problem.message)",
                                   location: problem.location, url: url))
        }
        return .datasets(records: document.datasets.map { (pointer: $0.location, value: $0.value) },
                         ids: document.datasets.map { SchemaOrgMapper.localID(of: $0.value) ?? "" })
    }
}

/// The schema.org Datasets of a JSON-LD document or HTML page, each with where it was found.
///
/// Locations are JSON pointers; in an HTML page they are prefixed by the block, `script[2]/@graph/0`.
public struct SchemaOrgDocument: Sendable {
    public var datasets: [(location: String, value: JSONValue)]
    /// Document-level oddities (no Dataset, an unreadable script), reported as warnings.
    public var problems: [(code: String, message: String, location: String?)]

    /// Reads `body` as HTML when `html` is true, as JSON when false, and by its first byte when nil.
    public static func parse(_ body: [UInt8], html: Bool? = nil) throws(SchemaOrgError) -> SchemaOrgDocument {
        var document = SchemaOrgDocument(datasets: [], problems: [])
        var types: [String] = []
        if html ?? JSONLDScripts.looksLikeHTML(body) {
            let blocks = JSONLDScripts.extract(body)
            guard !blocks.isEmpty else { throw .noJSONLD }
            var readable = 0
            for block in blocks {
                let prefix = "script[\(block.number)]"
                do {
                    let root = try JSONParser.parse(block.body)
                    readable += 1
                    document.collect(root, pointer: "", prefix: prefix, depth: 0, types: &types)
                } catch {
                    document.problems.append(("schemaorg.script.invalid-json",
                                              "ld+json script \(block.number) (byte \(block.offset)) is not valid JSON (\(error.description)); it was skipped.",
                                              prefix))
                }
            }
            if readable == 0 { throw .notJSON("none of the page's \(blocks.count) ld+json scripts is valid JSON") }
        } else {
            let root: JSONValue
            do { root = try JSONParser.parse(body) } catch { throw .notJSON(error.description) }
            guard root.object != nil || root.array != nil else { throw .notJSONLD("the top level is a \(root.typeName)") }
            document.collect(root, pointer: "", prefix: "", depth: 0, types: &types)
        }
        if document.datasets.isEmpty {
            let found = types.isEmpty ? "no typed node" : "only \(Set(types).sorted().joined(separator: ", "))"
            document.problems.append(("schemaorg.document.no-dataset", "the document holds no schema.org Dataset (\(found)).", nil))
        }
        return document
    }

    /// Walks arrays, `@graph` and `DataCatalog.dataset` for Dataset nodes; nested Datasets (isPartOf, hasPart) are not records.
    private mutating func collect(_ value: JSONValue, pointer: String, prefix: String, depth: Int, types: inout [String]) {
        guard depth < 8 else { return }
        if let array = value.array {
            for (index, item) in array.enumerated() {
                collect(item, pointer: "\(pointer)/\(index)", prefix: prefix, depth: depth + 1, types: &types)
            }
            return
        }
        guard let object = value.object else { return }
        let nodeTypes = SchemaOrgMapper.types(of: value)
        types += nodeTypes
        if SchemaOrgMapper.isDataset(value) {
            datasets.append((prefix + pointer, value))
            return
        }
        if let graph = object["@graph"] {
            collect(graph, pointer: "\(pointer)/@graph", prefix: prefix, depth: depth + 1, types: &types)
        }
        if nodeTypes.contains(where: { $0.lowercased() == "datacatalog" }), let list = object["dataset"] {
            collect(list, pointer: "\(pointer)/dataset", prefix: prefix, depth: depth + 1, types: &types)
        }
    }
}

/// Why a schema.org document could not be read.
public enum SchemaOrgError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case notJSONLD(String)
    case noJSONLD

    public var description: String {
        switch self {
        case .notJSON(let detail): return "it is not JSON (\(detail))"
        case .notJSONLD(let detail): return "it is not a JSON-LD document: \(detail)"
        case .noJSONLD: return "it is an HTML page without any <script type=\"application/ld+json\"> block"
        }
    }
}
