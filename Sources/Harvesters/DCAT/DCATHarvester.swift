public import CatalogModel
public import Fetch
import FeedParsing
import Foundation

/// Harvests a DCAT catalogue published as RDF: one document (a dump, a ckanext-dcat `catalog.ttl`, a GeoNetwork
/// or piveau export) or pages linked by `hydra:next` (PartialCollectionView) or `hydra:nextPage` (PagedCollection,
/// ckanext-dcat's `?page=N`). RDF/XML, Turtle, N-Triples, TriG, N-Quads and JSON-LD, chosen by Content-Type, then
/// by the first bytes, then by the URL's extension.
public struct DCATHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "dcat",
        title: "DCAT / DCAT-AP (RDF)",
        summary: "The datasets, series and data services of a DCAT catalogue in RDF/XML, Turtle, N-Triples, TriG or JSON-LD, following hydra paging.",
        exampleURL: "https://data.europa.eu/api/hub/search/ckan/catalog.ttl")

    public static var mapper: any RecordMapper { DCATMapper() }

    /// What the harvester asks for: every syntax it reads, Turtle first (the most compact), HTML never.
    static let accept = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.9, application/n-triples;q=0.8, application/trig;q=0.7, application/n-quads;q=0.6, application/xml;q=0.5, */*;q=0.1"

    public let source: SourceConfig
    /// A listing longer than this many pages is stopped as a loop (`options.max_pages`).
    public let maxPages: Int
    /// Whether datasets a catalogue lists by IRI without describing them are fetched as documents of their own
    /// (`options.follow_links`, default true).
    public let followLinks: Bool

    public init(source: SourceConfig) throws(HarvestError) {
        let url = source.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a DCAT document (for example \(Self.description.exampleURL)).")
        }
        do {
            followLinks = try source.boolOption("follow_links", default: true)
        } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        maxPages = try source.maxPagesOption(default: 100_000)
        if let language = source.options["language"], language.count < 2 || language.count > 3 || !language.allSatisfy(\.isLetter) {
            throw .badSource(sourceID: source.id, reason: "option 'language' is '\(language)', but it must be a two- or three-letter language code such as 'en' or 'de'.")
        }
        self.source = source
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        var cursor = LinkCursor(checkpoint: context.resumeFrom) ?? LinkCursor(next: source.url, pages: 0, received: 0)
        var expected: Int?
        var handout = ListingHandout(sourceID: source.id, duplicateCode: "dcat.duplicate-identifier", noun: "dataset",
                                     mediaType: RDFSyntax.ntriples.mediaType)
        var visited = Set<String>()
        var complete = true
        while true {
            let url = cursor.next
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: url, reason: "more than \(maxPages) pages (option 'max_pages'); the listing looks endless.")
            }
            guard visited.insert(url).inserted else {
                throw .paging(sourceID: source.id, url: url, reason: "the hydra next link points back to a page already read; the listing loops.")
            }
            let number = cursor.pages + 1
            let page = try fetchPage(url, number: number, memo: context.pages[url], using: fetcher, handout: &handout, sink: sink)
            cursor.pages = number
            if let total = page.summary.count { expected = total }
            if page.parsed?.truncated == true { complete = false }
            try handout.hand(preparsed: page.parsed?.records, ids: page.summary.ids, url: url, page: cursor.pages, into: sink)
            cursor.received += page.summary.ids.count
            if followLinks {
                try follow(page.summary.links, from: url, cursor: &cursor, visited: &visited, expected: expected, handout: &handout,
                           complete: &complete, context: context, fetcher: fetcher, sink: sink)
            }
            let next = page.summary.next.flatMap { Self.resolve($0, against: url) }
            if let raw = page.summary.next, next == nil {
                sink.issue(RecordIssue(
                    code: "dcat.paging.bad-next", severity: .warning,
                    message: "Source '\(source.id)': page \(cursor.pages) (\(url)) links to the next page '\(raw)', which is not an http or https URL; the listing stops there and is treated as incomplete.",
                    url: url))
                complete = false
            }
            let checkpoint = next.map { LinkCursor(next: $0, pages: cursor.pages, received: cursor.received).json }
            try sink.page(PageReport(number: cursor.pages, url: url, expectedTotal: expected, unchanged: page.unchanged,
                                     memo: page.memo(url: url), checkpoint: checkpoint))
            guard let next else { break }
            cursor.next = next
        }
        if complete, let total = expected, cursor.pages > 1, cursor.received < total {
            sink.issue(RecordIssue(
                code: "dcat.paging.short-listing", severity: .info,
                message: "Source '\(source.id)': hydra:totalItems says \(total) but the \(cursor.pages) pages held \(cursor.received) datasets (totalItems often counts datasets the pages do not list).",
                url: source.url))
        }
        return GatherOutcome(complete: complete, expectedTotal: expected, pages: cursor.pages)
    }

    /// Fetches the per-dataset documents a catalogue page lists without describing them, before the page's
    /// checkpoint is written (so a resumed run reads them again). One that cannot be read is an error issue and
    /// makes the listing incomplete; the others go on.
    private func follow(_ links: [String], from url: String, cursor: inout LinkCursor, visited: inout Set<String>, expected: Int?,
                        handout: inout ListingHandout, complete: inout Bool, context: GatherContext, fetcher: Fetcher,
                        sink: any HarvestSink) throws(HarvestError) {
        for link in links {
            guard let document = Self.resolve(link, against: url), visited.insert(document).inserted else { continue }
            guard cursor.pages < maxPages else {
                throw .paging(sourceID: source.id, url: document, reason: "more than \(maxPages) pages and documents (option 'max_pages'); the listing looks endless.")
            }
            cursor.pages += 1
            do {
                let page = try fetchPage(document, number: cursor.pages, memo: context.pages[document], using: fetcher, handout: &handout,
                                         sink: sink)
                if page.parsed?.truncated == true { complete = false }
                try handout.hand(preparsed: page.parsed?.records, ids: page.summary.ids, url: document, page: cursor.pages, into: sink)
                cursor.received += page.summary.ids.count
                try sink.page(PageReport(number: cursor.pages, url: document, expectedTotal: expected, unchanged: page.unchanged,
                                         memo: page.memo(url: document)))
            } catch {
                // A stop from outside or the run's deadline ends the run; a bad document is one issue.
                if case .stopped = error { throw error }
                if case .fetch(_, .deadlineExceeded) = error { throw error }
                if case .fetch(_, .retryAfterTooLong) = error { throw error }
                complete = false
                sink.issue(RecordIssue(
                    code: "dcat.linked.unreadable", severity: .error,
                    message: "Source '\(source.id)': the catalogue page \(url) lists the dataset document \(document), which could not be read (\(error.description)); the listing is treated as incomplete and nothing will be deleted.",
                    url: document))
            }
        }
    }

    /// A next link as an absolute http(s) URL, resolved against the page.
    static func resolve(_ next: String, against page: String) -> String? {
        let text = next.trimmed
        guard !text.isEmpty, let base = URL(string: page), let url = URL(string: text, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" || scheme == "file" else { return nil }
        return url.absoluteString
    }

    /// What a changed page gave: its records as N-Triples and whether the document broke off.
    struct Parsed {
        var records: [(pointer: String, payload: [UInt8], preparsed: (any Sendable)?)]
        var truncated: Bool
    }

    /// Fetches and reads one page. A response over 16 MB (a dump) is kept in a file and streamed from it, its records
    /// handed to `handout` as they are cut, so the parsed page holds none; a smaller one is read in memory.
    private func fetchPage(_ url: String, number: Int, memo: PageMemo?, using fetcher: Fetcher, handout: inout ListingHandout,
                           sink: any HarvestSink) throws(HarvestError) -> ConditionalPage<Parsed> {
        try ConditionalPage.fetch(url, memo: memo, sourceID: source.id, using: fetcher, accept: Self.accept, spool: true) {
            (response) throws(HarvestError) in
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            if let file = response.spooled {
                return try streamPage(file, response: response, url: url, number: number, handout: &handout, sink: sink)
            }
            let page: DCATPage
            do throws(DCATPage.Failure) {
                page = try DCATPage.read(response.body, contentType: response.headers["content-type"], url: response.effectiveURL,
                                         blankScope: "p\(number)")
            } catch {
                throw failure(error, url: url)
            }
            report(page, url: url, into: sink)
            let records = page.records.map { (pointer: $0.pointer, payload: $0.payload, preparsed: $0.graph as (any Sendable)?) }
            return (Parsed(records: records, truncated: page.report.fatal != nil),
                    PageSummary(count: page.total, next: page.next, ids: page.records.map { $0.localID ?? "" }, links: page.links))
        }
    }

    /// Reads a spooled page from its file, handing each record over as soon as it is cut.
    private func streamPage(_ file: SpooledBody, response: FetchResponse, url: String, number: Int, handout: inout ListingHandout,
                            sink: any HarvestSink) throws(HarvestError) -> (Parsed, PageSummary) {
        var ids: [String] = []
        var stopped: HarvestError? = nil
        let page: DCATPage
        do throws(DCATPage.Failure) {
            page = try DCATPage.stream(path: file.path, head: file.prefix(8192), contentType: response.headers["content-type"],
                                       url: response.effectiveURL, blankScope: "p\(number)") { found in
                guard stopped == nil else { return }
                let id = found.localID ?? ""
                ids.append(id)
                if found.truncated { sink.issue(tooLarge(found, url: url)) }
                let record = (pointer: found.pointer, payload: found.payload, preparsed: found.graph as (any Sendable)?)
                do throws(HarvestError) { try handout.hand(record, id: id, url: url, page: number, into: sink) } catch { stopped = error }
            }
        } catch {
            throw failure(error, url: url)
        }
        sink.spent(cpuSeconds: page.parserCPU)
        if let stopped { throw stopped }
        report(page, url: url, into: sink)
        if page.lateStatements > 0 {
            sink.issue(RecordIssue(code: "dcat.document.not-grouped", severity: .warning,
                                   message: "Source '\(source.id)' (\(url)): the \(page.syntax.syntax.title) document is not grouped by subject: \(page.lateStatements) statements came after the dataset they describe had been handed over, and were left out (a document over 16 MB is read as a stream, not as one graph); the listing is treated as incomplete and nothing will be deleted.",
                                   url: url))
        }
        return (Parsed(records: [], truncated: page.report.fatal != nil || page.lateStatements > 0),
                PageSummary(count: page.total, next: page.next, ids: ids, links: page.links))
    }

    private func failure(_ error: DCATPage.Failure, url: String) -> HarvestError {
        switch error {
        case .notRDF(let reason):
            return .badResponse(sourceID: source.id, url: url, reason: reason + ".")
        case .unreadable(let choice, let problem):
            return .badResponse(sourceID: source.id, url: url, reason: "it was read as \(choice.syntax.title) (from \(choice.reason)) and is broken at \(problem).")
        }
    }

    private func tooLarge(_ found: DCATRecords.Found, url: String) -> RecordIssue {
        RecordIssue(code: "dcat.dataset.too-large", severity: .warning,
                    message: "Source '\(source.id)' (\(url)): dataset '\(found.localID ?? "")' reaches more than \(DCATRecords.maxTriples) statements; it was cut there.",
                    localID: found.localID, url: url)
    }

    /// The page's syntax problems and odd records, as issues naming the line and column.
    private func report(_ page: DCATPage, url: String, into sink: any HarvestSink) {
        let syntax = page.syntax.syntax.title
        for problem in page.report.problems.prefix(50) {
            sink.issue(RecordIssue(code: "dcat.syntax.skipped", severity: .warning,
                                   message: "Source '\(source.id)' (\(url)): \(syntax) \(problem); the statement was skipped and reading went on.",
                                   location: problem.line > 0 ? "line \(problem.line)" : nil, url: url))
        }
        if page.report.problems.count > 50 {
            sink.issue(RecordIssue(code: "dcat.syntax.skipped", severity: .warning,
                                   message: "Source '\(source.id)' (\(url)): \(page.report.problems.count - 50) more \(syntax) problems were skipped like the ones above.",
                                   url: url))
        }
        if let fatal = page.report.fatal {
            sink.issue(RecordIssue(code: "dcat.syntax.broken", severity: .error,
                                   message: "Source '\(source.id)' (\(url)): the \(syntax) document breaks off at \(fatal); the \(page.count) datasets read before it were kept, the listing is treated as incomplete and nothing will be deleted.",
                                   location: fatal.line > 0 ? "line \(fatal.line)" : nil, url: url))
        }
        if page.anonymous > 0 {
            sink.issue(RecordIssue(code: "dcat.dataset.no-identifier", severity: .warning,
                                   message: "Source '\(source.id)' (\(url)): \(page.anonymous) dataset(s) are blank nodes without dct:identifier, so they cannot be followed from run to run; they were skipped.",
                                   url: url))
        }
        for found in page.records where found.truncated { sink.issue(tooLarge(found, url: url)) }
        if page.count == 0 && page.anonymous == 0 && page.links.isEmpty {
            sink.issue(RecordIssue(code: "dcat.document.no-dataset", severity: .warning,
                                   message: "Source '\(source.id)' (\(url)): the \(syntax) document (read by \(page.syntax.reason)) holds \(page.report.triples) statements but no dcat:Dataset, dcat:DatasetSeries or dcat:DataService.",
                                   url: url))
        }
    }
}
