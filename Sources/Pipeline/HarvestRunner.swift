public import CatalogModel
public import CatalogStore
public import Fetch
import Foundation
import Harvesters
public import Normalise

/// Runs one source's harvest end to end: the harvester fetches, parses, maps and normalises on its own thread, the
/// encoder (`RecordEncoder`) encodes, scores and compresses on another, while this thread writes to the store. Each transaction ends at a page with that page's checkpoint,
/// so a killed or failed run resumes where it stopped: at every page when the harvester is the slower side, and
/// every `batchSize` records or so when the writer is (fewer, larger transactions rewrite fewer index pages).
public struct HarvestRunner: Sendable {
    public let store: CatalogStore
    public var normaliser: Normaliser = .standard
    /// Records per transaction. A transaction ends at the first page that brings it to this many records or to
    /// `batchBytes`, or earlier when the harvester pauses (see `idleFlush`); only a page larger than this is split.
    /// Larger transactions rewrite fewer pages of the indexes whose keys come in no order (ids, match keys, terms by
    /// value), but hold more in memory: harvesting a tenth source of 100,000 CKAN packages into a catalogue of 900,000
    /// took 44.1–44.7 s with 8,000 and 46.7–48.8 s with 4,000, for 601 MB of resident memory instead of 453 MB, and
    /// 100,000 packages into an empty one the same time either way.
    public var batchSize = 4000
    /// Bytes of records (stored JSON and kept payloads) per transaction, at most, so that a source of large records
    /// holds no more in memory than one of CKAN packages (4,000 of them are about 33 MB).
    public var batchBytes = 48 << 20
    /// Records the harvester may get ahead of the writer: one and a half transactions, so that it maps the next batch
    /// while the writer writes this one. With 2,000 (half a batch) the two threads took turns: at 100,000 CKAN
    /// packages the writer waited 14 s of a 67 s harvest for records (timers around its transactions in a scratch build).
    public var queueCapacity = 6000
    /// Records the harvester's thread may get ahead of the encoder's (`RecordEncoder`): about a page of CKAN packages.
    static let preparedCapacity = 1000
    /// Seconds the writer waits for more records after a page before it commits what it has, and the shortest time
    /// between two such commits: a slow portal's pages are committed as they come (at most `commitInterval` late),
    /// while a fast one, which pauses briefly now and then, still fills transactions of `batchSize` records.
    static let idleFlush = 0.2
    static let commitInterval = 2.0
    /// Shared by every run of the process: per-host and global request limits.
    public var gate: HostGate?
    /// Score the source's records (MQA metrics) after each merged run (`fedcat report`).
    public var scoreQuality = true
    /// When set, the score also requests every access and download URL (`--check-links`).
    public var linkChecker: LinkChecker?
    /// Told of every HTTP attempt (for `--verbose`).
    public var onAttempt: (@Sendable (String, FetchAttempt) -> Void)?
    /// When set, runs stop after the page being read (a scheduler shutting down).
    public var cancellation: HarvestCancellation?
    /// A source's first harvest (no records in the catalogue yet) writes its records into the catalogue page by page
    /// as it stages them, overlapping the merge with the fetching; later harvests merge at their end, in one
    /// transaction, so a failed run changes nothing that was there.
    public var streamFirstHarvest = true
    /// A source without a compression dictionary gets one trained on its first records (`CompressionDictionary`).
    public var trainDictionary = true
    /// Records sampled to train it (`DictionaryTrainer.records`).
    public var dictionarySample = DictionaryTrainer.sampledRecords

    public init(store: CatalogStore, gate: HostGate? = nil) {
        self.store = store
        self.gate = gate
    }

    /// Harvests `source`, resuming its unfinished run unless `restart`. Never throws for a source's failure:
    /// the report says `failed` with the reason, the catalogue keeps that source's previous records, and the
    /// staged work waits for the next run. Throws only when the store itself fails.
    public func run(_ source: SourceConfig, restart: Bool = false,
                    progress: (@Sendable (HarvestProgress) -> Void)? = nil) throws(StoreError) -> HarvestReport {
        let started = Date()
        let configJSON = (try? String(decoding: JSONEncoder().encode(source), as: UTF8.self)) ?? "{}"
        let start = try store.beginRun(source: source, configJSON: configJSON, at: started, restart: restart,
                                       streamFirstHarvest: streamFirstHarvest)
        let runID = start.runID
        // The log is copied into the database beside the writer (see `WALCheckpointer`).
        let checkpoints = WALCheckpointer(store: store)
        defer { checkpoints.stop() }
        let base = start.resumed?.counters ?? FetchCounters()
        let known = try store.storedHashes(sourceID: source.id)
        let context = GatherContext(resumeFrom: start.resumed?.checkpoint, pages: try store.pageMemos(sourceID: source.id),
                                    lastCompleteRun: restart ? nil : try store.lastCompleteRunStart(sourceID: source.id),
                                    knownIDs: Set(known.keys))
        let queue = BlockingQueue<Item>(capacity: queueCapacity)
        // A page or so between the harvester's thread and the encoder's: mapped records hold more than encoded ones.
        let prepared = BlockingQueue<[RecordEncoder.Input]>(capacity: Self.preparedCapacity / Producer.Sink.chunk)
        // Records are scored by the encoder's thread while they are in memory; the tally is summed from the rows.
        let scoring = scoreQuality && linkChecker == nil ? RunScoring(sourceID: source.id, startedAt: started) : nil
        let dictionary = try store.compressionDictionary(sourceID: source.id)
        let encoder = RecordEncoder(input: prepared, output: queue, scoring: scoring, dictionary: dictionary,
                              trainer: dictionary == nil && trainDictionary ? DictionaryTrainer(records: dictionarySample) : nil)
        let producer = Producer(source: source, known: known, normaliser: normaliser, harvestedAt: started, context: context,
                                gate: gate, base: base, onAttempt: onAttempt, cancellation: cancellation, queue: prepared)
        let encoding = Thread {
            var encoder = encoder
            encoder.run()
        }
        encoding.stackSize = 8 << 20
        encoding.start()
        let thread = Thread { producer.run() }
        thread.stackSize = 8 << 20
        thread.start()

        let writerCPU = ThreadCPU.seconds()
        var harvesterCPU = 0.0
        var encoderCPU = 0.0
        var batch = StageBatch()
        var seen = start.resumed?.staged ?? 0
        var issues = 0
        var counters = base
        var outcome: Result<GatherOutcome, HarvestError>?
        var storeFailure: StoreError?
        // Whether pages were read since the last transaction: they are written as soon as the harvester pauses, so a
        // slow source commits every page, while a fast one fills transactions of up to `batchSize` records.
        var pagesWaiting = false
        var pageRecords = 0
        var pageBytes = 0
        var batchBytes = 0
        var lastFlush = Date()
        func flush() {
            // Reset even when there is nothing to write, so the writer does not keep waking up for it.
            pagesWaiting = false
            guard storeFailure == nil, !batch.isEmpty else { return }
            do { try store.stage(runID: runID, sourceID: source.id, batch: batch, at: Date(), direct: start.direct) } catch {
                storeFailure = error
                queue.cancel()
            }
            batch = StageBatch()
            batchBytes = 0
            lastFlush = Date()
        }
        while outcome == nil {
            let wait = pagesWaiting ? max(Self.idleFlush, Self.commitInterval - Date().timeIntervalSince(lastFlush)) : nil
            guard let item = queue.pop(waitingAtMost: wait) else {
                flush()
                continue
            }
            switch item {
            case .record(let staged, let found, let quality):
                seen += 1
                issues += found.count
                batch.records.append(staged)
                batchBytes += staged.bytes
                pageBytes += staged.bytes
                if let quality { batch.quality.append(quality) }
                batch.issues += found
                // Transactions end at pages; only a page larger than `batchSize` or `batchBytes` is split.
                pageRecords += 1
                if pageRecords >= batchSize || pageBytes >= self.batchBytes {
                    flush()
                    pageRecords = 0
                    pageBytes = 0
                }
            case .unchanged(let ids):
                seen += ids.count
                batch.records += ids.map { StagedRecord(localID: $0, change: .unchanged, encoded: nil, raw: nil) }
            case .issue(let issue):
                issues += 1
                batch.issues.append(issue)
            case .dictionary(let dictionary):
                batch.dictionaries.append(dictionary)
            case .page(let report, let fetched):
                counters = fetched
                if let memo = report.memo { batch.pages.append(memo) }
                batch.checkpoint = report.checkpoint
                batch.counters = counters
                pagesWaiting = true
                pageRecords = 0
                pageBytes = 0
                if batch.records.count >= batchSize || batchBytes >= self.batchBytes { flush() }
                progress?(HarvestProgress(sourceID: source.id, pages: report.number, expected: report.expectedTotal,
                                          seen: seen, issues: issues, seconds: Date().timeIntervalSince(started)))
            case .finished(let result, let fetched, let cpu, let encoding):
                counters = fetched
                outcome = result
                harvesterCPU = cpu
                encoderCPU = encoding
            }
        }
        flush()
        if let storeFailure { throw storeFailure }
        var phases = ["gather": Date().timeIntervalSince(started), "gather.cpu.harvester": harvesterCPU,
                      "gather.cpu.encoder": encoderCPU, "gather.cpu.writer": ThreadCPU.seconds() - writerCPU]

        var report = HarvestReport(sourceID: source.id, runID: runID, status: "failed", counters: counters,
                                   resumed: start.resumed != nil, seconds: 0)
        report.streamed = start.direct
        switch outcome! {
        case .failure(let error):
            let note = RecordIssue(code: "harvest.failed", severity: .error,
                                   message: error.description + " The catalogue keeps this source's previous records; the next harvest resumes from the last page stored.")
            let failed = try store.failRun(runID: runID, sourceID: source.id, error: error.description, counters: counters,
                                           issues: [note], at: Date())
            report.counts = failed.counts
            report.issues = failed.issues
            report.error = error.description
        case .success(let gathered):
            let merging = Date()
            let maxDelete = (try? source.doubleOption("max_delete_fraction", default: 0.5)) ?? 0.5
            let commit = try store.commitRun(runID: runID, sourceID: source.id,
                                             end: RunEnd(listingComplete: gathered.complete, expected: gathered.expectedTotal,
                                                         counters: counters, maxDeleteFraction: maxDelete),
                                             at: Date(), direct: start.direct)
            report.status = commit.status
            report.expected = gathered.expectedTotal
            report.counts = commit.counts
            report.deleted = commit.deleted
            report.issues = commit.issues
            report.deletionsHeld = commit.deletionsHeld
            phases["merge"] = Date().timeIntervalSince(merging)
            for (step, seconds) in commit.steps { phases["merge." + step] = seconds }
            if scoreQuality {
                let scoringStarted = Date()
                defer { phases["quality"] = Date().timeIntervalSince(scoringStarted) }
                let changed = commit.counts.added + commit.counts.updated + commit.deleted > 0
                report.quality = try QualityScorer(store: store).scoreAfterRun(sourceID: source.id, runID: runID, changedRecords: changed,
                                                                              links: linkChecker, scoredInRun: scoring != nil).percent
            }
        }
        if !report.failed, report.added + report.updated + report.deleted > 0 {
            // Harvests add index segments; past a few, every search visits them all (see `FullTextCompaction`).
            let compacting = Date()
            if try store.compactFullTextIndex() != nil { phases["index.compact"] = Date().timeIntervalSince(compacting) }
        }
        report.seconds = Date().timeIntervalSince(started)
        report.phases = phases
        return report
    }
}

/// What the harvesting thread hands the writing thread.
enum Item: Sendable {
    /// A listed record, mapped or skipped, with the issues found in it and, when mapped and scored, its quality row.
    case record(StagedRecord, [RecordIssue], QualityRecordRow?)
    /// The records of a page that did not change since the last run.
    case unchanged([String])
    case issue(RecordIssue)
    /// A page is done; the fetch counters so far.
    case page(PageReport, FetchCounters)
    /// A compression dictionary trained on the source's first records, to write before the records that need it.
    case dictionary(CompressionDictionary)
    /// The harvester ended; the fetch counters, and the CPU seconds its threads and the encoder's used.
    case finished(Result<GatherOutcome, HarvestError>, FetchCounters, cpu: Double, encoderCPU: Double)
}
