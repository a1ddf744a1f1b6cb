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

    /// Reads the catalogue a dataset at a time: a body over 16 MB is fetched into a file and streamed from it, so
    /// memory holds a window of the document and the datasets on their way to the store, not the document.
    public func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome {
        let handout = ListingHandout(sourceID: source.id, duplicateCode: "datajson.duplicate-identifier", noun: "dataset")
        return try SingleDocument.stream(source.url, context: context, fetcher: fetcher, accept: "application/json", spool: true,
                                         handout: handout, into: sink) { (response, emit) throws(HarvestError) in
            let url = source.url
            guard response.isSuccess else {
                throw .fetch(sourceID: source.id, .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt()))
            }
            var stopped: HarvestError? = nil
            var broken = 0
            let catalog: DataJSONCatalog
            do throws(DataJSONError) {
                catalog = try DataJSONCatalog.read(try Self.body(of: response)) { item in
                    switch item {
                    case .dataset(let pointer, let value):
                        do throws(HarvestError) { try emit(pointer, value, DataJSONMapper.localID(of: value) ?? "") } catch {
                            stopped = error
                            return false
                        }
                    case .broken(let pointer, let code, let message):
                        broken += 1
                        sink.issue(RecordIssue(code: code, severity: .error, message: "Source '\(source.id)' (\(url)): \(message).",
                                               location: pointer, url: url))
                    }
                    return true
                }
            } catch {
                let type = response.headers["content-type"].map { " (Content-Type \($0))" } ?? ""
                throw .badResponse(sourceID: source.id, url: url, reason: error.description + type)
            }
            if let stopped { throw stopped }
            for issue in catalog.problems {
                sink.issue(RecordIssue(code: issue.code, severity: .warning, message: "Source '\(source.id)' (\(url)): \(issue.message)", url: url))
            }
            // A dataset that could not be read has no identifier to keep: nothing is taken as deleted this time.
            return broken == 0
        }
    }

    private static func body(of response: FetchResponse) throws(DataJSONError) -> any JSONByteSource {
        do { return try response.jsonSource() } catch { throw .unreadable(error.description) }
    }
}
