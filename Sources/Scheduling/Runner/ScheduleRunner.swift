public import CatalogModel
public import CatalogStore
public import Foundation
public import Pipeline

/// What became of one due source.
public struct ScheduledOutcome: Sendable {
    public enum Kind: Sendable, Hashable {
        /// The harvest ran; the report says how it went.
        case harvested
        /// Another scheduler holds the source's lock.
        case locked
        /// Another scheduler served the slot while this one waited for the lock.
        case alreadyServed
        /// The scheduler was asked to stop during the harvest; the next run resumes it.
        case stopped
    }

    public var sourceID: String
    public var kind: Kind
    public var report: HarvestReport?
    /// Who held the lock (`locked`), or whose stale lock was taken over (`harvested`).
    public var holder: LockHolder?
    public var tookOverStaleLock = false
    /// The state written after the run (failures and back-off).
    public var state: ScheduleState?
}

/// Runs due sources: takes each one's lock, checks it is still due, harvests it, records the outcome (and
/// back-off), and gives the lock back. The clock is injected; everything else reads the store and the files.
public final class ScheduleRunner: Sendable {
    public let store: CatalogStore
    public let root: URL
    public let harvester: HarvestRunner
    public let clock: any ScheduleClock
    public let backoff: Backoff
    let keeper: LockKeeper

    public init(store: CatalogStore, root: URL, harvester: HarvestRunner, clock: any ScheduleClock = SystemClock(),
                backoff: Backoff = .standard, owner: LockOwner = LockOwner()) {
        self.store = store
        self.root = root
        self.harvester = harvester
        self.clock = clock
        self.backoff = backoff
        keeper = LockKeeper(store: store, owner: owner, clock: clock)
    }

    deinit { keeper.stop() }

    public func overview() throws(StoreError) -> ScheduleOverview {
        try ScheduleOverview.read(root: root, store: store, now: clock.now())
    }

    /// Runs one source that was due: lock, re-check, harvest, record, unlock.
    public func run(_ source: SourceConfig, schedule: Schedule,
                    progress: (@Sendable (HarvestProgress) -> Void)? = nil) throws(StoreError) -> ScheduledOutcome {
        let attempt = try keeper.acquire(source.id)
        var outcome = ScheduledOutcome(sourceID: source.id, kind: .harvested)
        switch attempt {
        case .held(let holder):
            outcome.kind = .locked
            outcome.holder = holder
            return outcome
        case .tookOver(let holder):
            outcome.holder = holder
            outcome.tookOverStaleLock = true
        case .acquired:
            break
        }
        defer { keeper.release(source.id) }
        // Another process may have served the slot between our look and our lock.
        let startedAt = clock.now()
        let state = try store.scheduleStates()[source.id]
        let plan = DuePlan.plan(schedule: schedule, state: state, lastRunStart: try store.lastRunStarts()[source.id], now: startedAt)
        guard plan.isDue else {
            outcome.kind = .alreadyServed
            return outcome
        }
        let report = try harvester.run(source, progress: progress)
        outcome.report = report
        if report.failed, harvester.cancellation?.isCancelled == true {
            // Not a failure and no slot served: the next scheduler resumes the run at once.
            var pending = state ?? ScheduleState(sourceID: source.id)
            pending.resumePending = true
            try store.saveScheduleState(pending)
            outcome.kind = .stopped
            outcome.state = pending
            return outcome
        }
        let next = (state ?? ScheduleState(sourceID: source.id))
            .after(runStartedAt: startedAt, finishedAt: clock.now(), error: report.failed ? (report.error ?? "the run failed") : nil,
                   backoff: backoff)
        try store.saveScheduleState(next)
        outcome.state = next
        return outcome
    }

    /// Runs every source due now, `jobs` at a time, and returns when they are done; `onOutcome` hears of each
    /// as it ends. Sources with no schedule, not due, or backing off are left alone.
    public func runDue(jobs: Int, onOutcome: @escaping @Sendable (ScheduledOutcome) -> Void = { _ in }) throws(StoreError) -> [ScheduledOutcome] {
        let due = try overview().due
        let pool = JobPool(width: jobs)
        let results = OutcomeList()
        for item in due {
            guard let schedule = item.schedule else { continue }
            pool.waitForRoom()
            pool.start(item.source.id) { [self] in
                let result = Result { () throws(StoreError) -> ScheduledOutcome in try run(item.source, schedule: schedule) }
                results.append(result)
                if case .success(let outcome) = result { onOutcome(outcome) }
            }
        }
        pool.waitForAll()
        return try results.values()
    }
}

/// Outcomes written by several threads.
final class OutcomeList: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ScheduledOutcome, StoreError>] = []

    func append(_ result: Result<ScheduledOutcome, StoreError>) { lock.withLock { results.append(result) } }

    func values() throws(StoreError) -> [ScheduledOutcome] {
        let all = lock.withLock { results }
        var values: [ScheduledOutcome] = []
        for result in all {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            }
        }
        return values.sorted { $0.sourceID < $1.sourceID }
    }
}
