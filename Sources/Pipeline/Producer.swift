import CatalogModel
import CatalogStore
import Fetch
import Foundation
import Harvesters
import Normalise

/// The harvesting side of a run: fetch, map, normalise and compare, then hand over to the `RecordEncoder`, which encodes,
/// scores and compresses on its own thread before the writer.
struct Producer: Sendable {
    let source: SourceConfig
    let known: [String: StoredHashes]
    let normaliser: Normaliser
    let harvestedAt: Date
    let context: GatherContext
    let gate: HostGate?
    /// Counters of the run before this process took it over (a resumed run).
    let base: FetchCounters
    let onAttempt: (@Sendable (String, FetchAttempt) -> Void)?
    let cancellation: HarvestCancellation?
    /// Where the harvester's thread hands its work to the encoder's.
    /// Items go in chunks (`Sink.chunk`): a lock and a wake-up per record cost more with three threads on two cores.
    let queue: BlockingQueue<[RecordEncoder.Input]>

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
                _ = queue.push([.item(.issue(RecordIssue(
                    code: "fetch.retry", severity: .info,
                    message: "Source '\(sourceID)': attempt \(attempt.number) at \(attempt.url) failed (\(reason)); retrying in \(String(format: "%.1f", delay)) s.",
                    url: attempt.url)))])
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
        if let sink { _ = sink.handOver() }
        queue.finish([.item(.finished(result, counters(fetcher, pages: sink?.pages, unchangedPages: sink?.unchangedPages ?? 0),
                                     cpu: ThreadCPU.seconds() - cpu + (sink?.cpuElsewhere ?? 0), encoderCPU: 0))])
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

    /// Maps and normalises each raw record as it arrives and decides whether it changed.
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
        /// Items not yet handed to the encoder, in order.
        private var pending: [RecordEncoder.Input] = []
        static let chunk = 100

        init(producer: Producer, mapper: any RecordMapper, fetcher: Fetcher) {
            self.producer = producer
            self.mapper = mapper
            self.fetcher = fetcher
            self.context = MappingContext(source: producer.source, harvestedAt: producer.harvestedAt)
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
                try push(.item(.record(StagedRecord(localID: localID, change: .skipped, encoded: nil, raw: nil), issues, nil)))
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
            // The parsed form served the mapper; the encoder needs the payload's bytes only.
            var raw = raw
            raw.preparsed = nil
            try push(.record(RecordEncoder.Prepared(record: normalised, content: content, change: change, raw: raw,
                                              rawChanged: rawChanged, issues: issues)))
        }

        func spent(cpuSeconds: Double) {
            cpuElsewhere += cpuSeconds
        }

        func unchanged(localIDs: [String]) throws(HarvestError) {
            try push(.item(.unchanged(localIDs)))
        }

        func issue(_ issue: RecordIssue) {
            pending.append(.item(.issue(issue)))
        }

        func page(_ report: PageReport) throws(HarvestError) {
            guard pageURLs.insert(report.url).inserted else {
                throw .paging(sourceID: producer.source.id, url: report.url, reason: "this page was already read in this run; the listing loops.")
            }
            if report.unchanged { unchangedPages += 1 }
            pages = report.number
            try push(.item(.page(report, producer.counters(fetcher, pages: report.number, unchangedPages: unchangedPages))))
            if producer.cancellation?.isCancelled == true {
                throw .stopped(sourceID: producer.source.id, reason: "the scheduler was asked to stop; the next run resumes after page \(report.number).")
            }
        }

        private func push(_ item: RecordEncoder.Input) throws(HarvestError) {
            pending.append(item)
            // A page goes at once: the writer commits a slow source's pages as they come.
            if case .item(.page) = item {} else if pending.count < Self.chunk { return }
            guard handOver() else {
                throw .stopped(sourceID: producer.source.id, reason: "the catalogue could not be written")
            }
        }

        /// Hands what is pending to the encoder; false once it takes no more.
        func handOver() -> Bool {
            guard !pending.isEmpty else { return true }
            defer { pending.removeAll(keepingCapacity: true) }
            return producer.queue.push(pending)
        }
    }
}
