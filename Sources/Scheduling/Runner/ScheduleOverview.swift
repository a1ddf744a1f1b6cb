public import CatalogModel
public import CatalogStore
public import Foundation
import SourceRegistry

/// One source as the scheduler sees it: its schedule, whether it is due, its state, last run and lock.
public struct ScheduledSource: Sendable {
    public var assignment: Assignment
    /// nil when the source follows no schedule.
    public var plan: DuePlan?
    public var state: ScheduleState?
    public var lastRun: RunSummary?
    public var lock: LockHolder?

    public var source: SourceConfig { assignment.source }
    public var schedule: Schedule? { assignment.schedule }
}

/// Every registered source with its schedule and plan at one instant, and the files that could not be read.
public struct ScheduleOverview: Sendable {
    public var now: Date
    public var sources: [ScheduledSource]
    /// Broken schedule files, broken source files, unknown ids named by schedules, ambiguous selections.
    public var problems: [String]

    /// Reads the registry, the schedule files and the store.
    public static func read(root: URL, store: CatalogStore, now: Date) throws(StoreError) -> ScheduleOverview {
        let loaded = SourceRegistry(root: root).loadAll()
        let book = ScheduleBook.load(root: root)
        let states = try store.scheduleStates()
        let starts = try store.lastRunStarts()
        let lastRuns = try store.lastRuns()
        let locks = try store.locks()
        var problems = book.errors.map(\.description) + loaded.errors.map(\.description)
        problems += book.unknownSources(known: Set(loaded.sources.map(\.id)))
        var sources: [ScheduledSource] = []
        for source in loaded.sources {
            let assignment = book.assignment(for: source)
            if let problem = assignment.problem { problems.append(problem) }
            let plan = assignment.schedule.map {
                DuePlan.plan(schedule: $0, state: states[source.id], lastRunStart: starts[source.id], now: now)
            }
            sources.append(ScheduledSource(assignment: assignment, plan: plan, state: states[source.id],
                                           lastRun: lastRuns[source.id], lock: locks[source.id]))
        }
        return ScheduleOverview(now: now, sources: sources, problems: problems)
    }

    /// The sources due now, the longest-waiting first.
    public var due: [ScheduledSource] {
        sources.filter { $0.plan?.isDue == true }.sorted { a, b in
            (a.state?.lastSlot ?? .distantPast, a.source.id) < (b.state?.lastSlot ?? .distantPast, b.source.id)
        }
    }

    /// The earliest instant a scheduled source that is not due now will be.
    public var nextWake: Date? {
        sources.compactMap { $0.plan?.isDue == false ? $0.plan?.nextRun(now: now) : nil }.min()
    }
}
