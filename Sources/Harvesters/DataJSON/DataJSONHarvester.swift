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
        let handout = ListingHandout(sourceID: source.id, duplicateCode: "datajson.duplicate-identifier", noun: "dataset")
        return try SingleDocument.gather(source.url, context: context, fetcher: fetcher, accept: "application/json",
                                         handout: handout, into: sink) { (response) throws(HarvestError) in
            let url = source.url
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            let catalog: DataJSONCatalog
            do throws(DataJSONError) { catalog = try DataJSONCatalog.parse(response.body) } catch {
                let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
                throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
            }
            for issue in catalog.problems {
                sink.issue(RecordIssue(code: issue.code, severity: .warning, message: "Source '\(source.id)' (\(url)): \(issue.message)", url: url))
            }
            return (catalog.datasets, catalog.datasets.map { DataJSONMapper.localID(of: $0.value) ?? "" })
        }
    }
}
