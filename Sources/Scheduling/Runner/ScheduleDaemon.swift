import CatalogStore
public import Foundation

/// `fedcat schedule daemon`: runs due sources as their slots come, `jobs` at a time, until `stop()`.
/// Stopping asks running harvests to end after their current page (they resume on the next run), waits for
/// them, and gives every lock back.
public final class ScheduleDaemon: Sendable {
    public let runner: ScheduleRunner
    let pool: JobPool
    private let stopping = StopFlag()
    /// The longest sleep between looks at the files and the store (new sources, edited schedules).
    public let maximumSleep: TimeInterval

    public init(runner: ScheduleRunner, jobs: Int, maximumSleep: TimeInterval = 60) {
        self.runner = runner
        self.pool = JobPool(width: jobs)
        self.maximumSleep = maximumSleep
    }

    /// Asks the loop to end; safe from a signal handler's queue.
    public func stop() {
        stopping.set()
        runner.harvester.cancellation?.cancel()
        pool.wake()
    }

    /// Runs until `stop()`. `onOutcome` hears of every source started and ended; `onProblem` of broken files
    /// and store failures (the loop goes on after them).
    public func run(onStart: @escaping @Sendable (String) -> Void, onOutcome: @escaping @Sendable (ScheduledOutcome) -> Void,
                    onProblem: @escaping @Sendable (String) -> Void) {
        var reported = Set<String>()
        let lockedBy = LockNotes()
        while !stopping.isSet {
            var wake = Date().addingTimeInterval(maximumSleep)
            do {
                let overview = try runner.overview()
                for problem in overview.problems where reported.insert(problem).inserted { onProblem(problem) }
                for item in overview.due where pool.hasRoom && !pool.isRunning(item.source.id) && !stopping.isSet {
                    guard let schedule = item.schedule else { continue }
                    // A source found locked is tried again once its holder lets go or goes stale, not in a loop.
                    if let holder = item.lock, lockedBy.token(item.source.id) == holder.token,
                       !runner.keeper.owner.isStale(holder, now: overview.now) { continue }
                    onStart(item.source.id)
                    pool.start(item.source.id) { [runner] in
                        do throws(StoreError) {
                            let outcome = try runner.run(item.source, schedule: schedule)
                            lockedBy.set(item.source.id, outcome.kind == .locked ? outcome.holder?.token : nil)
                            onOutcome(outcome)
                        } catch {
                            onProblem(error.description)
                        }
                    }
                }
                if let next = overview.nextWake {
                    // The runner's clock may be ahead of or behind the wall clock (tests); sleep by the difference.
                    wake = min(wake, Date().addingTimeInterval(max(1, next.timeIntervalSince(overview.now))))
                }
            } catch {
                onProblem(error.description)
            }
            pool.sleep(until: wake)
        }
        pool.waitForAll()
        runner.keeper.stop()
    }
}

/// A flag set once, read from any thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func set() { lock.withLock { raised = true } }
    var isSet: Bool { lock.withLock { raised } }
}

/// The lock holder each source was last found locked by.
final class LockNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String: String] = [:]
    func set(_ id: String, _ token: String?) { lock.withLock { tokens[id] = token } }
    func token(_ id: String) -> String? { lock.withLock { tokens[id] } }
}
