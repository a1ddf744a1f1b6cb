public import CatalogModel
import Fetch
import Foundation
public import Harvesters
public import Normalise

/// Harvests the first page of a source without touching the catalogue: maps and normalises up to
/// `maxRecords` records and collects the issues found, to show what a harvest would give.
public struct SourcePreview: Sendable {
    public var source: SourceConfig
    public var normaliser: Normaliser = .standard
    public var scoring: any PreviewScoring = MQAPreviewScoring()
    /// Records mapped and shown.
    public var maxRecords = 20
    /// Pages read at most (a sitemap's landing pages count as pages).
    public var maxPages = 5
    /// Seconds the whole preview may take.
    public var timeLimit: Double = 120

    public init(source: SourceConfig) {
        self.source = source
    }

    /// Runs the preview; throws when the source cannot be read at all (the sentence names source and URL).
    public func run() throws(HarvestError) -> PreviewReport {
        let type: any Harvester.Type
        do { type = try HarvesterRegistry.harvesterType(for: source.kind) } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        let harvester = try type.init(source: source)
        var options: FetchOptions
        do { options = try FetchOptions.forSource(source, startedAt: Date()) } catch {
            throw .badSource(sourceID: source.id, reason: error.description)
        }
        options.runDeadline = Date().addingTimeInterval(timeLimit)
        options.retry.maxAttempts = min(options.retry.maxAttempts, 2)
        let fetcher = Fetcher(options: options)
        let sink = PreviewSink(preview: self, mapper: type.mapper)
        var complete = false
        var stoppedEarly: String?
        do {
            let outcome = try harvester.gather(using: fetcher, context: GatherContext(), into: sink)
            complete = outcome.complete
            if sink.announced == nil { sink.announced = outcome.expectedTotal }
        } catch {
            // Records already mapped still make a preview (the time limit ran out on a slow source); none do not.
            guard sink.stopped || !sink.records.isEmpty else { throw error }
            if !sink.stopped { stoppedEarly = error.description }
        }
        let issues = sink.issues
        return PreviewReport(source: source, announced: sink.announced, listed: sink.listed, pages: sink.pages,
                             listingComplete: complete, records: sink.records, issues: issues,
                             score: scoring.score(sink.records, issues: issues), requests: fetcher.stats.requests,
                             stoppedEarly: stoppedEarly)
    }
}

/// What a preview found.
public struct PreviewReport: Sendable {
    public var source: SourceConfig
    /// How many datasets the source says it holds, when it says.
    public var announced: Int?
    /// Records listed on the pages read (mapped or not).
    public var listed: Int
    public var pages: Int
    /// True when the pages read were the whole listing.
    public var listingComplete: Bool
    /// The records mapped and normalised, at most `maxRecords`.
    public var records: [CatalogRecord]
    /// Every issue found on the pages read and in the mapped records.
    public var issues: [RecordIssue]
    public var score: PreviewScore?
    public var requests: Int
    /// Why the harvest stopped before the preview had its first page, when it did (the records read are shown).
    public var stoppedEarly: String?

    /// Issue codes with their severity and count, errors first, then by count.
    public var issueCounts: [(code: String, severity: RecordIssue.Severity, count: Int)] {
        let grouped = Dictionary(grouping: issues, by: \.code)
        return grouped.map { (code: $0.key, severity: $0.value.map(\.severity).min() ?? .info, count: $0.value.count) }
            .sorted { ($0.severity, -$0.count, $0.code) < ($1.severity, -$1.count, $1.code) }
    }

    /// True when the preview found records to show.
    public var succeeded: Bool { !records.isEmpty }
}

/// Maps the records of the first pages and stops the harvest once it has enough.
final class PreviewSink: HarvestSink {
    let preview: SourcePreview
    let mapper: any RecordMapper
    let context: MappingContext
    let normalisation: NormalisationContext
    var records: [CatalogRecord] = []
    var issues: [RecordIssue] = []
    var listed = 0
    var pages = 0
    var announced: Int?
    /// True when the sink stopped the harvest itself (enough records or pages).
    var stopped = false

    init(preview: SourcePreview, mapper: any RecordMapper) {
        self.preview = preview
        self.mapper = mapper
        context = MappingContext(source: preview.source, harvestedAt: Date())
        normalisation = NormalisationContext(
            dateOrder: preview.source.options["date_order"].flatMap(NormalisationContext.DateOrder.init(rawValue:)) ?? .unknown)
    }

    func record(_ raw: RawRecord) throws(HarvestError) {
        listed += 1
        guard records.count < preview.maxRecords else { return }
        let mapped = mapper.map(raw, context: context)
        issues += mapped.issues
        guard let record = mapped.record else { return }
        let (normalised, found) = preview.normaliser.normalise(record, context: normalisation)
        issues += found
        records.append(normalised)
    }

    func unchanged(localIDs: [String]) throws(HarvestError) {
        listed += localIDs.count
    }

    func issue(_ issue: RecordIssue) {
        issues.append(issue)
    }

    func page(_ report: PageReport) throws(HarvestError) {
        pages += 1
        if let total = report.expectedTotal { announced = total }
        if !records.isEmpty || pages >= preview.maxPages {
            stopped = true
            throw .stopped(sourceID: preview.source.id, reason: "the preview has read enough")
        }
    }
}
