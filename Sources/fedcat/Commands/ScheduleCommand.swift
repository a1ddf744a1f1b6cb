import ArgumentParser
import CatalogModel
import CatalogStore
import Dispatch
import Fetch
import Foundation
import Pipeline
import Scheduling

/// `fedcat schedule …`: harvest sources on their cron schedules (schedules/<name>.yaml).
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Harvest sources on cron schedules (schedules/<name>.yaml): list, run what is due, or run as a daemon.",
        discussion: """
        A source follows the schedule its 'schedule:' key names, else the schedule whose 'sources:' or 'tags:' \
        select it. Next runs come from the cron expression in the schedule's time zone; a missed slot runs once; \
        a failing source backs off (5 min, doubling, at most 24 h); a lock in the database keeps two schedulers \
        from harvesting one source at once.
        """,
        subcommands: [List.self, Run.self, Daemon.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every source's schedule, next run, last outcome and back-off.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try global.openStoreForReading()
            let overview: ScheduleOverview
            do { overview = try ScheduleOverview.read(root: global.registry.root, store: store, now: Date()) } catch {
                throw Failure.io(error.description)
            }
            if json {
                print(Terminal.json(overview.sources.map { ScheduleRow($0, now: overview.now) }))
            } else if overview.sources.isEmpty {
                print("There are no sources in \(global.registry.directory.path); add one with 'fedcat source add URL --kind KIND'.")
            } else {
                let rows = overview.sources.map { ScheduleText.row($0, now: overview.now) }
                print(Columns.render(header: ["SOURCE", "SCHEDULE", "CRON", "NEXT RUN", "LAST RUN", "NOTE"], rows: rows))
            }
            for problem in overview.problems { Terminal.error("fedcat: \(problem)") }
            if !overview.problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Harvest the sources due now, then exit (for a system cron job or a systemd timer).",
            discussion: """
            SIGTERM or SIGINT stops running harvests after their current page; the next run resumes them. \
            Exit code 1 when a harvest failed or a schedule or source file is broken; 0 when nothing was due.
            """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var limits: JobsOption

        func run() throws {
            let cancellation = HarvestCancellation()
            let runner = try ScheduleText.runner(global, cancellation: cancellation)
            let jobs = limits.jobs
            let signals = StopSignals.handle { _ in cancellation.cancel() }
            defer { withExtendedLifetime(signals) {} }
            let overview: ScheduleOverview
            let outcomes: [ScheduledOutcome]
            do {
                overview = try runner.overview()
                for item in overview.sources {
                    if case .backingOff = item.plan { print(ScheduleText.backingOff(item, now: overview.now)) }
                }
                outcomes = try runner.runDue(jobs: jobs) { print(ScheduleText.outcome($0, now: Date())) }
            } catch {
                throw Failure.io(error.description)
            }
            if outcomes.isEmpty {
                let waiting = overview.sources.compactMap { item in
                    item.plan?.isDue == false ? item.plan?.nextRun(now: overview.now).map { (item, $0) } : nil
                }
                if let (item, next) = waiting.min(by: { $0.1 < $1.1 }) {
                    print("Nothing is due; next: \(item.source.id) at \(ScheduleText.time(next, item.schedule?.timeZone)) (in \(ScheduleText.span(next.timeIntervalSince(overview.now)))).")
                } else {
                    print("Nothing is due; no source follows a schedule.")
                }
            }
            for problem in overview.problems { Terminal.error("fedcat: \(problem)") }
            if outcomes.contains(where: { $0.kind == .harvested && $0.report?.failed == true }) || !overview.problems.isEmpty {
                throw ExitCode(1)
            }
        }
    }

    struct Daemon: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run forever, harvesting sources as their slots come; SIGTERM or SIGINT stops after the current page.",
            discussion: "Schedule and source files are read again at least every minute. A second stop signal exits at once.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var limits: JobsOption

        func run() throws {
            ProcessMemory.keepFreedMemoryForReuse()
            let runner = try ScheduleText.runner(global, cancellation: HarvestCancellation())
            let jobs = limits.jobs
            let daemon = ScheduleDaemon(runner: runner, jobs: jobs)
            let signals = StopSignals.handle { count in
                if count > 1 { Foundation.exit(130) }
                ScheduleText.log("stopping: harvests end after their current page and resume on the next run")
                daemon.stop()
            }
            ScheduleText.log("scheduler started (pid \(ProcessInfo.processInfo.processIdentifier), \(jobs) job\(jobs == 1 ? "" : "s"))")
            daemon.run(onStart: { ScheduleText.log("\($0): starting") },
                       onOutcome: { ScheduleText.log(ScheduleText.outcome($0, now: Date())) },
                       onProblem: { Terminal.error("fedcat: \($0)") })
            withExtendedLifetime(signals) {}
            ScheduleText.log("scheduler stopped")
        }
    }
}

/// `--jobs`: how many sources a scheduler harvests at once.
struct JobsOption: ParsableArguments {
    @Option(help: "Sources harvested at the same time (1-32).") var jobs = 4

    func validate() throws {
        if !(1...32).contains(jobs) { throw ValidationError("--jobs must be between 1 and 32, not \(jobs).") }
    }
}

/// SIGTERM and SIGINT turned into a call on a queue (the default action would kill a harvest midway).
enum StopSignals {
    /// Calls `body` with how many stop signals came so far; keep the result alive while it should work.
    static func handle(_ body: @escaping @Sendable (Int) -> Void) -> [any DispatchSourceSignal] {
        let count = SignalCount()
        return ([SIGTERM, SIGINT] as [Int32]).map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { body(count.increment()) }
            source.resume()
            return source
        }
    }
}

/// How many times a signal came.
final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.withLock { count += 1; return count } }
}
