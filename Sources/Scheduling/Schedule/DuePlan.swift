public import CatalogStore
public import Foundation

/// Whether a source's scheduled run is due at an instant, computed from its schedule and state alone.
///
/// Runs come from the cron expression, never from "last run + interval": the next run is the first slot after
/// the last one served. A source that missed several slots (the machine was off) runs ONCE when it catches up.
/// A source never harvested is due at once, and so is one whose scheduled run a shutdown stopped.
public enum DuePlan: Sendable, Hashable {
    /// Run now; `slot` is the cron slot (or nil when the source was never harvested) being served.
    case due(slot: Date?)
    case waiting(next: Date)
    /// Due, but failed recently: no run before `until`.
    case backingOff(until: Date, failures: Int)
    /// The expression has no run within 30 years.
    case never

    public static func plan(schedule: Schedule, state: ScheduleState?, lastRunStart: Date?, now: Date) -> DuePlan {
        if state?.resumePending == true { return .due(slot: nil) }
        guard let reference = state?.lastSlot ?? lastRunStart else { return .due(slot: nil) }
        guard let next = schedule.next(after: reference) else { return .never }
        if let until = state?.backoffUntil, until > now, until > next {
            return .backingOff(until: until, failures: state?.failures ?? 0)
        }
        return next <= now ? .due(slot: next) : .waiting(next: next)
    }

    public var isDue: Bool {
        if case .due = self { return true }
        return false
    }

    /// When the source will next run, for `schedule list`.
    public func nextRun(now: Date) -> Date? {
        switch self {
        case .due: now
        case .waiting(let next): next
        case .backingOff(let until, _): until
        case .never: nil
        }
    }
}

extension ScheduleState {
    /// The state after a scheduled run started at `startedAt` ended at `finishedAt`; `error` nil for a success.
    public func after(runStartedAt startedAt: Date, finishedAt: Date, error: String?, backoff: Backoff) -> ScheduleState {
        var next = self
        next.lastSlot = startedAt
        next.lastFinished = finishedAt
        next.resumePending = false
        if let error {
            next.failures = failures + 1
            next.backoffUntil = finishedAt.addingTimeInterval(backoff.delay(afterFailures: next.failures))
            next.lastError = error
        } else {
            next.failures = 0
            next.backoffUntil = nil
            next.lastError = nil
        }
        return next
    }
}
