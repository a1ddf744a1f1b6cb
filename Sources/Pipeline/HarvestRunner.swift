public import CatalogModel
public import CatalogStore
import Fetch
import Foundation
import Harvesters
public import Normalise

/// Runs one source's harvest end to end: the harvester fetches, parses, maps and normalises on its own
/// thread while this thread writes to the store, so parsing overlaps with SQLite's writing.
public struct HarvestRunner: Sendable {
    public let store: CatalogStore
    public var normaliser: Normaliser = .standard
    /// Records written per transaction.
    public var batchSize = 500

    public init(store: CatalogStore) {
        self.store = store
    }

    /// Harvests `source`. Never throws for a source's failure: the report says `failed` with the reason,
    /// and the catalogue keeps that source's previous records. Throws only when the store itself fails.
    public func run(_ source: SourceConfig, progress: (@Sendable (HarvestProgress) -> Void)? = nil) throws(StoreError) -> HarvestReport {
        let started = Date()
        let configJSON = (try? String(decoding: JSONEncoder().encode(source), as: UTF8.self)) ?? "{}"
        let runID = try store.beginRun(source: source, configJSON: configJSON, at: started)
        let known = try store.storedHashes(sourceID: source.id)
        let queue = BlockingQueue<Item>(capacity: 2 * batchSize)
        let producer = Producer(source: source, known: known, normaliser: normaliser, harvestedAt: started, queue: queue)
        let thread = Thread { producer.run() }
        thread.stackSize = 8 << 20
        thread.start()

        var tally = Tally()
        var batch: [StagedRecord] = []
        var batchIssues: [RecordIssue] = []
        var result: Result<GatherOutcome, HarvestError>?
        var storeFailure: StoreError?
        func flush() {
            guard storeFailure == nil, !batch.isEmpty || !batchIssues.isEmpty else { return }
            do { try store.stage(runID: runID, sourceID: source.id, records: batch, issues: batchIssues) } catch {
                storeFailure = error
                queue.cancel()
            }
            batch.removeAll(keepingCapacity: true)
            batchIssues.removeAll(keepingCapacity: true)
        }
        while result == nil {
            switch queue.pop() {
            case .record(let staged, let issues, let skipped):
                tally.count(staged.change, skipped: skipped)
                tally.issues += issues.count
                batch.append(staged)
                batchIssues += issues
                if batch.count >= batchSize { flush() }
            case .unidentified(let issues):
                tally.seen += 1
                tally.skipped += 1
                tally.issues += issues.count
                batchIssues += issues
            case .issue(let issue):
                tally.issues += 1
                batchIssues.append(issue)
            case .page(let number, let expected):
                tally.pages = number
                tally.expected = expected
                progress?(HarvestProgress(sourceID: source.id, pages: number, expected: expected, seen: tally.seen,
                                          issues: tally.issues, seconds: Date().timeIntervalSince(started)))
            case .finished(let outcome):
                result = outcome
            }
        }
        flush()
        if let storeFailure { throw storeFailure }

        var report = HarvestReport(sourceID: source.id, runID: runID, status: "failed", pages: tally.pages, expected: tally.expected,
                                   seen: tally.seen, added: 0, updated: 0, unchanged: 0, deleted: 0, skipped: tally.skipped,
                                   issues: tally.issues, seconds: 0)
        var outcome = RunOutcome(listingComplete: false, pages: tally.pages, expected: tally.expected, seen: tally.seen,
                                 added: tally.added, updated: tally.updated, unchanged: tally.unchanged, skipped: tally.skipped)
        switch result! {
        case .failure(let error):
            report.error = error.description
            let issue = RecordIssue(code: "harvest.failed", severity: .error,
                                    message: error.description + " The catalogue keeps this source's previous records.")
            report.issues += 1
            try store.failRun(runID: runID, sourceID: source.id, error: error.description, outcome: outcome,
                              issues: [issue], issueCount: report.issues, at: Date())
        case .success(let gathered):
            outcome.listingComplete = gathered.complete
            outcome.pages = gathered.pages
            outcome.expected = gathered.expectedTotal
            outcome.maxDeleteFraction = (try? source.doubleOption("max_delete_fraction", default: 0.5)) ?? 0.5
            let commit = try store.commitRun(runID: runID, sourceID: source.id, outcome: outcome, issueCount: tally.issues, at: Date())
            report.status = commit.status
            report.pages = gathered.pages
            report.expected = gathered.expectedTotal
            report.added = tally.added
            report.updated = tally.updated
            report.unchanged = tally.unchanged
            report.deleted = commit.deleted
            report.deletionsHeld = commit.deletionsHeld
            if commit.deletionsHeld != nil { report.issues += 1 }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Counts as the run goes.
    private struct Tally {
        var pages = 0, expected: Int?, seen = 0, added = 0, updated = 0, unchanged = 0, skipped = 0, issues = 0

        mutating func count(_ change: StagedRecord.Change, skipped wasSkipped: Bool) {
            seen += 1
            if wasSkipped { skipped += 1; return }
            switch change {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            }
        }
    }
}

/// What the harvesting thread hands the writing thread.
enum Item: Sendable {
    /// A listed record; `skipped` when it could not be mapped (the stored version, if any, is kept).
    case record(StagedRecord, [RecordIssue], skipped: Bool)
    /// A listed record without any id, which could not be mapped.
    case unidentified([RecordIssue])
    case issue(RecordIssue)
    case page(number: Int, expected: Int?)
    case finished(Result<GatherOutcome, HarvestError>)
}
