import CatalogStore
import Fetch
import Foundation
import Pipeline
import Scheduling

/// What `fedcat schedule` prints.
enum ScheduleText {
    static func runner(_ global: GlobalOptions, cancellation: HarvestCancellation?) throws -> ScheduleRunner {
        let store = try global.openStore()
        var harvester = HarvestRunner(store: store, gate: HostGate())
        harvester.cancellation = cancellation
        return ScheduleRunner(store: store, root: global.registry.root, harvester: harvester)
    }

    /// One row of `schedule list`.
    static func row(_ item: ScheduledSource, now: Date) -> [String] {
        let zone = item.schedule?.timeZone
        let schedule = item.schedule.map { $0.path == nil ? "(own cron)" : $0.name } ?? "—"
        let cron = item.schedule.map { "\($0.cron.text) \($0.zoneName)" } ?? "—"
        var next = "—"
        switch item.plan {
        case .due?: next = "due now"
        case .waiting(let at)?: next = "\(time(at, zone)) (in \(span(at.timeIntervalSince(now))))"
        case .backingOff(let until, _)?: next = "\(time(until, zone)) (in \(span(until.timeIntervalSince(now))))"
        case .never?: next = "never"
        case nil: next = "not scheduled"
        }
        let last = item.lastRun.map { run in "\(run.status) \(run.startedAt.prefix(16).replacingOccurrences(of: "T", with: " "))Z" } ?? "never harvested"
        return [item.source.id, schedule, cron, next, last, note(item, now: now)]
    }

    /// Back-off, failures and locks, in words.
    static func note(_ item: ScheduledSource, now: Date) -> String {
        var notes: [String] = []
        if case .backingOff(let until, let failures)? = item.plan {
            notes.append("backing off after \(failures) failure\(failures == 1 ? "" : "s") until \(time(until, item.schedule?.timeZone))")
        } else if let failures = item.state?.failures, failures > 0 {
            notes.append("\(failures) failure\(failures == 1 ? "" : "s") in a row")
        }
        if let note = item.assignment.note { notes.append(note) }
        if let lock = item.lock {
            notes.append("being harvested by pid \(lock.pid) on \(lock.host) since \(time(lock.acquiredAt, nil))")
        }
        return notes.joined(separator: "; ")
    }

    static func backingOff(_ item: ScheduledSource, now: Date) -> String {
        guard case .backingOff(let until, let failures)? = item.plan else { return "" }
        let error = item.state?.lastError.map { " Last error: \($0)" } ?? ""
        return "\(item.source.id): skipped — backing off after \(failures) failed run\(failures == 1 ? "" : "s") until \(time(until, item.schedule?.timeZone)) (in \(span(until.timeIntervalSince(now)))).\(error)"
    }

    /// The line for one ended (or skipped) source.
    static func outcome(_ outcome: ScheduledOutcome, now: Date) -> String {
        switch outcome.kind {
        case .locked:
            let holder = outcome.holder
            return "\(outcome.sourceID): skipped — locked by another scheduler (pid \(holder?.pid ?? 0) on \(holder?.host ?? "?"), since \(holder.map { time($0.acquiredAt, nil) } ?? "?"))."
        case .alreadyServed:
            return "\(outcome.sourceID): skipped — another scheduler has just run this slot."
        case .stopped:
            return "\(outcome.sourceID): stopped — the next run resumes where this one stopped."
        case .harvested:
            var lines: [String] = []
            if outcome.tookOverStaleLock, let holder = outcome.holder {
                lines.append("\(outcome.sourceID): took over a stale lock of pid \(holder.pid) on \(holder.host) (last heartbeat \(time(holder.heartbeatAt, nil))).")
            }
            if let report = outcome.report {
                lines.append(Summary.line(report))
                if let error = report.error { lines.append("\(outcome.sourceID): \(error)") }
            }
            if let state = outcome.state, state.failures > 0, let until = state.backoffUntil {
                lines.append("\(outcome.sourceID): \(state.failures) failed run\(state.failures == 1 ? "" : "s") in a row; backing off until \(time(until, nil)) (\(Backoff.words(until.timeIntervalSince(now)))).")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `2026-11-22 03:00 +00:00` in the schedule's zone (UTC when nil).
    static func time(_ date: Date, _ zone: TimeZone?) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        return formatter.string(from: date)
    }

    static func span(_ seconds: TimeInterval) -> String { Backoff.words(max(0, seconds)) }

    /// A daemon log line on standard output, with the time.
    static func log(_ text: String) {
        let stamp = Timestamp.text(Date())
        let lines = text.split(separator: "\n").map { "\(stamp) \($0)\n" }.joined()
        FileHandle.standardOutput.write(Data(lines.utf8))
    }
}

/// `schedule list --json`: one object per source.
struct ScheduleRow: Encodable {
    var source: String
    var schedule: String?
    var cron: String?
    var timezone: String?
    var due: Bool
    var nextRun: Date?
    var backoffUntil: Date?
    var failures: Int
    var lastError: String?
    var lastRunStatus: String?
    var lastRunStarted: String?
    var lockedByPID: Int32?
    var lockedByHost: String?

    init(_ item: ScheduledSource, now: Date) {
        source = item.source.id
        schedule = item.schedule?.name
        cron = item.schedule?.cron.text
        timezone = item.schedule?.zoneName
        due = item.plan?.isDue ?? false
        nextRun = item.plan?.nextRun(now: now)
        if case .backingOff(let until, _)? = item.plan { backoffUntil = until }
        failures = item.state?.failures ?? 0
        lastError = item.state?.lastError
        lastRunStatus = item.lastRun?.status
        lastRunStarted = item.lastRun?.startedAt
        lockedByPID = item.lock?.pid
        lockedByHost = item.lock?.host
    }

    enum CodingKeys: String, CodingKey {
        case source, schedule, cron, timezone, due, failures
        case nextRun = "next_run", backoffUntil = "backoff_until", lastError = "last_error", lastRunStatus = "last_run_status"
        case lastRunStarted = "last_run_started", lockedByPID = "locked_by_pid", lockedByHost = "locked_by_host"
    }
}
