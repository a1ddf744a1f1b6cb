import CatalogModel
import CatalogStore
import Fetch
import Foundation
import Harvesters
import Normalise

/// The harvesting side of a run: fetch, map, normalise, encode, compare, score and compress, then hand over to the
/// writer.
struct Producer: Sendable {
    let source: SourceConfig
    let known: [String: StoredHashes]
    let normaliser: Normaliser
    /// Scores each mapped record (MQA metrics) while it is in memory; nil when the run is not scored this way.
    let scoring: RunScoring?
    let harvestedAt: Date
    let context: GatherContext
    let gate: HostGate?
    /// Counters of the run before this process took it over (a resumed run).
    let base: FetchCounters
    let onAttempt: (@Sendable (String, FetchAttempt) -> Void)?
    let cancellation: HarvestCancellation?
    let queue: BlockingQueue<Item>
    /// The source's compression dictionary, or nil when it has none yet.
    let dictionary: CompressionDictionary?
    /// What trains one on the run's first records when the source has none; nil when none is to be trained.
    let trainer: DictionaryTrainer?

    func run() {
        let cpu = ThreadCPU.seconds()
        var fetcher: Fetcher?
        var sink: Sink?
        let result: Result<GatherOutcome, HarvestError>
        do {
            let type: any Harvester.Type
            do { type = try HarvesterRegistry.harvesterType(for: source.kind) } catch {
                throw HarvestError.badSource(sourceID: source.id, reason: error.description)
            }
            let harvester = try type.init(source: source)
            let options: FetchOptions
            do {
                options = try FetchOptions.forSource(source, startedAt: harvestedAt)
                try FetchOptions.politeness(source, gate: gate)
            } catch {
                throw HarvestError.badSource(sourceID: source.id, reason: error.description)
            }
            let sourceID = source.id
            let queue = self.queue
            let observer = onAttempt
            let client = Fetcher(options: options, gate: gate, onAttempt: { attempt in
                observer?(sourceID, attempt)
                guard case .retrying(let delay, let reason) = attempt.outcome else { return }
                _ = queue.push(.issue(RecordIssue(
                    code: "fetch.retry", severity: .info,
                    message: "Source '\(sourceID)': attempt \(attempt.number) at \(attempt.url) failed (\(reason)); retrying in \(String(format: "%.1f", delay)) s.",
                    url: attempt.url)))
            })
            fetcher = client
            let pageSink = Sink(producer: self, mapper: type.mapper, fetcher: client)
            sink = pageSink
            result = .success(try harvester.gather(using: client, context: context, into: pageSink))
        } catch let error as HarvestError {
            result = .failure(error)
        } catch {
            result = .failure(.stopped(sourceID: source.id, reason: "\(error)"))
        }
        queue.finish(.finished(result, counters(fetcher, pages: sink?.pages, unchangedPages: sink?.unchangedPages ?? 0),
                               cpu: ThreadCPU.seconds() - cpu + (sink?.cpuElsewhere ?? 0)))
    }

    /// The run's counters: what it had before this process, plus what this fetcher did.
    func counters(_ fetcher: Fetcher?, pages: Int?, unchangedPages: Int) -> FetchCounters {
        var counters = base
        if let stats = fetcher?.stats {
            counters.requests += stats.requests
            counters.bytes += stats.bytes
            counters.notModified += stats.notModified
            counters.retries += stats.retries
        }
        if let pages { counters.pages = pages }
        counters.unchangedPages += unchangedPages
        return counters
    }

    /// Maps each raw record as it arrives and decides whether it changed.
    final class Sink: HarvestSink {
        let producer: Producer
        let mapper: any RecordMapper
        let context: MappingContext
        let normalisation: NormalisationContext
        let fetcher: Fetcher
        var pages: Int?
        var unchangedPages = 0
        var pageURLs = Set<String>()
        /// CPU time of the harvester's own threads (`spent(cpuSeconds:)`).
        var cpuElsewhere = 0.0
        /// What compresses the records now, and what trains it when the source had none.
        var dictionary: CompressionDictionary?
        var trainer: DictionaryTrainer?

        init(producer: Producer, mapper: any RecordMapper, fetcher: Fetcher) {
            self.producer = producer
            self.mapper = mapper
            self.fetcher = fetcher
            self.context = MappingContext(source: producer.source, harvestedAt: producer.harvestedAt)
            self.dictionary = producer.dictionary
            self.trainer = producer.trainer
            self.normalisation = NormalisationContext(
                dateOrder: producer.source.options["date_order"].flatMap(NormalisationContext.DateOrder.init(rawValue:)) ?? .unknown)
        }

        func record(_ raw: RawRecord) throws(HarvestError) {
            let mapped = mapper.map(raw, context: context)
            var issues = mapped.issues
            guard let record = mapped.record else {
                // A record without any id is staged under a name no record can have, so that it counts as
                // listed and skipped (counts are derived from what a run staged).
                let localID = raw.localID ?? "#unidentified \(raw.location) \(raw.pageURL)"
                try push(.record(StagedRecord(localID: localID, change: .skipped, encoded: nil, raw: nil), issues, nil))
                return
            }
            let (normalised, found) = producer.normaliser.normalise(record, context: normalisation)
            issues += found
            let content = EncodedRecord.Content(normalised)
            let localID = normalised.provenance.originalID
            let stored = producer.known[localID]
            // Hashes stored by an older fedcat are compared in their own algorithm (`ContentHash.matches`).
            let change: StagedRecord.Change = stored == nil ? .added
                : ContentHash.matches(stored!.content, fresh: content.hash, bytes: { content.bytes }) ? .unchanged : .updated
            let rawChanged = !ContentHash.matches(stored?.payload, fresh: raw.payloadHash, bytes: { raw.payload })
            // An unchanged record is not encoded further: its keys, terms and compressed JSON are those stored. On a
            // page re-read because another record on it changed, that is most records.
            let encoded = change == .unchanged ? nil : EncodedRecord(normalised, content: content, dictionary: dictionary)
            // The staged record keeps the payload's stored bytes only, not its parsed form.
            let staged = StagedRecord(localID: localID, change: change, encoded: encoded, raw: rawChanged ? raw : nil,
                                      dictionary: dictionary)
            if trainer != nil { try sample(raw: raw, json: content.bytes) }
            // An unchanged record keeps its score: after the merge it takes its row from the previous run, as the
            // records of unchanged pages do (`completeQualityRows`, which scores every record again when a row is missing).
            try push(.record(staged, issues, change == .unchanged ? nil : producer.scoring?.row(normalised)))
        }

        /// Samples a record for the source's dictionary; once trained, the dictionary is known to this process, goes to
        /// the writer ahead of the records compressed with it, and compresses the rest of the run.
        private func sample(raw: RawRecord, json: [UInt8]) throws(HarvestError) {
            guard let trained = trainer?.add([raw.payload, json]) else {
                if trainer?.isDone == true { trainer = nil }
                return
            }
            trainer = nil
            CompressionDictionaries.register(trained)
            dictionary = trained
            try push(.dictionary(trained))
        }

        func spent(cpuSeconds: Double) {
            cpuElsewhere += cpuSeconds
        }

        func unchanged(localIDs: [String]) throws(HarvestError) {
            try push(.unchanged(localIDs))
        }

        func issue(_ issue: RecordIssue) {
            _ = producer.queue.push(.issue(issue))
        }

        func page(_ report: PageReport) throws(HarvestError) {
            guard pageURLs.insert(report.url).inserted else {
                throw .paging(sourceID: producer.source.id, url: report.url, reason: "this page was already read in this run; the listing loops.")
            }
            if report.unchanged { unchangedPages += 1 }
            pages = report.number
            try push(.page(report, producer.counters(fetcher, pages: report.number, unchangedPages: unchangedPages)))
            if producer.cancellation?.isCancelled == true {
                throw .stopped(sourceID: producer.source.id, reason: "the scheduler was asked to stop; the next run resumes after page \(report.number).")
            }
        }

        private func push(_ item: Item) throws(HarvestError) {
            guard producer.queue.push(item) else {
                throw .stopped(sourceID: producer.source.id, reason: "the catalogue could not be written")
            }
        }
    }
}
