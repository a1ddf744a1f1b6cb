public import CatalogModel
public import Fetch
import FeedParsing

/// Harvests a DCAT-US `data.json` (Project Open Data 1.0 and 1.1, DCAT-US 3): one document listing every dataset.
public struct DataJSONHarvester: Harvester {
    public static let description = HarvesterDescription(
        kind: "datajson",
        title: "DCAT-US data.json (Project Open Data)",
        summary: "Every dataset of a data.json catalogue (POD 1.0 bare arrays, 1.1 and DCAT-US 3 catalogues), one document.",
        exampleURL: "https://www.dhs.gov/data.json")

    public static var mapper: any RecordMapper { DataJSONMapper() }

    public let source: SourceConfig

    public init(source: SourceConfig) throws(HarvestError) {
        let url = source.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("file://") else {
            throw .badSource(sourceID: source.id, reason: "the url '\(source.url)' is not an http or https URL of a data.json file (for example \(Self.description.exampleURL)).")
        }
        self.source = source
    }

    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let url = source.url
        let memo = context.pages[url]
        let remembered = memo.flatMap { DataJSONSummary(json: $0.pageJSON) }
        let response: FetchResponse
        do {
            response = try fetcher.fetch(url, headers: [("Accept", "application/json")],
                                         validators: remembered == nil ? nil : memo.map { Validators(etag: $0.etag, lastModified: $0.lastModified) })
        } catch {
            throw .fetch(sourceID: source.id, error)
        }
        if response.status == 304, let memo, let remembered {
            try sink.unchanged(localIDs: remembered.ids)
            try sink.page(PageReport(number: 1, url: url, expectedTotal: remembered.ids.count, unchanged: true, memo: memo))
            return GatherOutcome(complete: true, expectedTotal: remembered.ids.count, pages: 1)
        }
        guard response.isSuccess else {
            throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
        }
        let bodyHash = ContentHash.hex(response.body)
        let validators = response.validators
        if let memo, let remembered, memo.bodyHash == bodyHash {
            try sink.unchanged(localIDs: remembered.ids)
            try sink.page(PageReport(number: 1, url: url, expectedTotal: remembered.ids.count, unchanged: true,
                                     memo: PageMemo(url: url, etag: validators?.etag, lastModified: validators?.lastModified,
                                                    bodyHash: bodyHash, pageJSON: memo.pageJSON)))
            return GatherOutcome(complete: true, expectedTotal: remembered.ids.count, pages: 1)
        }
        let catalog: DataJSONCatalog
        do { catalog = try DataJSONCatalog.parse(response.body) } catch {
            let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
            throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
        }
        for issue in catalog.problems {
            sink.issue(RecordIssue(code: issue.code, severity: .warning, message: "Source '\(source.id)' (\(url)): \(issue.message)", url: url))
        }
        var seen = Set<String>()
        var ids: [String] = []
        for dataset in catalog.datasets {
            let id = DataJSONMapper.localID(of: dataset.value)
            if let id, !seen.insert(id).inserted {
                sink.issue(RecordIssue(
                    code: "datajson.duplicate-identifier", severity: .warning,
                    message: "Source '\(source.id)' (\(url)): the identifier '\(id)' is used by more than one dataset; the one at \(dataset.pointer) was ignored.",
                    location: dataset.pointer, localID: id, url: url))
                continue
            }
            if let id { ids.append(id) }
            try sink.record(RawRecord(localID: id, payload: JSONWriter.write(dataset.value), mediaType: "application/json",
                                      pageURL: url, location: dataset.pointer))
        }
        try sink.page(PageReport(number: 1, url: url, expectedTotal: catalog.datasets.count, unchanged: false,
                                 memo: PageMemo(url: url, etag: validators?.etag, lastModified: validators?.lastModified,
                                                bodyHash: bodyHash, pageJSON: DataJSONSummary(ids: ids).json)))
        return GatherOutcome(complete: true, expectedTotal: catalog.datasets.count, pages: 1)
    }
}

/// What a data.json document held, remembered so an unchanged document need not be parsed: its dataset ids.
struct DataJSONSummary {
    var ids: [String]

    init(ids: [String]) { self.ids = ids }

    init?(json: String) {
        guard let value = try? JSONParser.parse(json), let ids = value["ids"]?.array else { return nil }
        self.ids = ids.compactMap(\.string)
    }

    var json: String { JSONWriter.string(["ids": .array(ids.map(JSONValue.string))]) }
}
