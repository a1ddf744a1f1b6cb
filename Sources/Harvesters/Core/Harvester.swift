public import CatalogModel
public import Fetch
public import Foundation

/// What a harvester kind is, shown by `fedcat source kinds` and used in error messages.
public struct HarvesterDescription: Sendable, Hashable {
    /// The `kind:` value in a source file (`ckan`).
    public var kind: String
    public var title: String
    public var summary: String
    /// A URL that shows what `url:` should look like.
    public var exampleURL: String

    public init(kind: String, title: String, summary: String, exampleURL: String) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.exampleURL = exampleURL
    }
}

/// A harvester kind: lists and fetches a source's records as raw payloads.
///
/// Every implementation guarantees:
/// - it never touches the store: it only calls `sink`;
/// - one bad record becomes an issue through `sink.issue`, never a thrown error;
/// - it throws only when the listing itself cannot go on (the source is down, a page is unreadable);
/// - after each page it reports a checkpoint from which `gather` can resume, and what to remember of the page;
/// - a page that has not changed since the last run (304, or the same body) is not parsed again: its record
///   ids go to `sink.unchanged`;
/// - it defends its paging: a repeated page or an endless listing stops with an error.
public protocol Harvester: SendableMetatype {
    /// The kind's name, title, summary and example.
    static var description: HarvesterDescription { get }
    /// Turns this kind's raw payloads into records.
    static var mapper: any RecordMapper { get }
    /// Checks the source's URL and options; throws a sentence naming the bad option.
    init(source: SourceConfig) throws(HarvestError)
    /// Lists and fetches every record of the source, handing each to `sink` as it arrives.
    func gather(using fetcher: Fetcher, context: GatherContext, into sink: any HarvestSink) throws(HarvestError) -> GatherOutcome
}

/// What a harvester knows besides its source: where to resume, and the pages of the last complete run.
public struct GatherContext: Sendable {
    /// The checkpoint of an unfinished run to go on from, as the harvester wrote it.
    public var resumeFrom: String?
    /// The pages remembered from the last committed run, by URL.
    public var pages: [String: PageMemo]
    /// When the last run with a complete listing started: an incremental harvest asks only for what changed since.
    public var lastCompleteRun: Date?
    /// The local ids the catalogue holds for this source.
    public var knownIDs: Set<String>

    public init(resumeFrom: String? = nil, pages: [String: PageMemo] = [:], lastCompleteRun: Date? = nil, knownIDs: Set<String> = []) {
        self.resumeFrom = resumeFrom
        self.pages = pages
        self.lastCompleteRun = lastCompleteRun
        self.knownIDs = knownIDs
    }
}

/// Receives what a harvester finds, as it finds it.
public protocol HarvestSink {
    /// One record; throwing stops the harvest (the run was cancelled or the store failed).
    func record(_ raw: RawRecord) throws(HarvestError)
    /// Records of a page that has not changed since the last run: listed, not parsed again.
    func unchanged(localIDs: [String]) throws(HarvestError)
    /// A problem with a page or record that does not stop the harvest.
    func issue(_ issue: RecordIssue)
    /// A page is done: everything it held has been handed over.
    func page(_ report: PageReport) throws(HarvestError)
    /// CPU time the harvester spent on threads of its own beside the calling one (DCAT parses a large document on
    /// one while the records cut from it are handed over), so the run's harvester CPU counts it.
    func spent(cpuSeconds: Double)
}

extension HarvestSink {
    public func spent(cpuSeconds: Double) {}
}

/// The end of one page of a listing.
public struct PageReport: Sendable {
    public var number: Int
    public var url: String
    /// How many records the source says it holds.
    public var expectedTotal: Int?
    /// True when the page was skipped as unchanged.
    public var unchanged: Bool
    /// What to remember of the page for the next run.
    public var memo: PageMemo?
    /// Where to resume once this page is stored.
    public var checkpoint: String?

    public init(number: Int, url: String, expectedTotal: Int?, unchanged: Bool = false, memo: PageMemo? = nil, checkpoint: String? = nil) {
        self.number = number
        self.url = url
        self.expectedTotal = expectedTotal
        self.unchanged = unchanged
        self.memo = memo
        self.checkpoint = checkpoint
    }
}

/// How a listing ended.
public struct GatherOutcome: Sendable, Hashable {
    /// True when every page of the listing was read, so records missing from it may be deleted.
    public var complete: Bool
    /// How many records the source said it holds.
    public var expectedTotal: Int?
    public var pages: Int

    public init(complete: Bool, expectedTotal: Int?, pages: Int) {
        self.complete = complete
        self.expectedTotal = expectedTotal
        self.pages = pages
    }
}
