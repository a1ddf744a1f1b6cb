import ArgumentParser
import CatalogModel
import Foundation
import Pipeline
import Fetch
import CatalogStore
import SourceRegistry

/// `fedcat harvest`: run harvests and print what changed.
struct HarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Harvest sources into the catalogue.",
        discussion: """
        A run that fails keeps the source's previous records untouched and is resumed from its last stored page \
        by the next harvest (--restart starts over). Pages that did not change since the last run (HTTP 304 or \
        the same body) are not parsed again. Records missing from a complete listing are deleted only when the run \
        succeeds. Sources on different hosts are harvested side by side (--jobs). Exit code 1 when any source failed.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ids of the sources to harvest.") var ids: [String] = []
    @Flag(help: "Harvest every registered source.") var all = false
    @Flag(help: "Print the run reports as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false
    @Flag(name: .shortAndLong, help: "Print every HTTP attempt (URL, status, bytes, time, outcome) on stderr.") var verbose = false
    @Flag(help: "Discard an unfinished run's staged work and start over instead of resuming.") var restart = false
    @Option(help: "Sources harvested at the same time (1-32).") var jobs = 4
    @Flag(help: "Score URL accessibility too: request every access and download URL once, rate limited per host (fedcat report).") var checkLinks = false

    func validate() throws {
        if ids.isEmpty && !all { throw ValidationError("Name at least one source id, or use --all.") }
        if !ids.isEmpty && all { throw ValidationError("Give source ids or --all, not both.") }
        if !(1...32).contains(jobs) { throw ValidationError("--jobs must be between 1 and 32, not \(jobs).") }
    }

    func run() throws {
        ProcessMemory.keepFreedMemoryForReuse()
        let registry = global.registry
        var sources: [SourceConfig] = []
        var broken: [String] = []
        if all {
            let loaded = registry.loadAll()
            sources = loaded.sources
            broken = loaded.errors.map(\.description)
            if sources.isEmpty && broken.isEmpty {
                throw Failure.usage("There are no sources in \(registry.directory.path); add one with 'fedcat source add URL --kind KIND'.")
            }
        } else {
            for id in ids {
                do { sources.append(try registry.source(id)) } catch {
                    if case .unknownSource = error { throw Failure.usage(error.description) }
                    broken.append(error.description)
                }
            }
        }
        for message in broken { Terminal.error("fedcat: \(message)") }
        let store = try global.openStore()
        let gate = HostGate()
        var configured = HarvestRunner(store: store, gate: gate)
        if checkLinks { configured.linkChecker = LinkChecker(store: store, gate: gate) }
        if verbose { configured.onAttempt = { source, attempt in Terminal.error(AttemptLine.text(source, attempt)) } }
        let runner = configured
        let showProgress = !quiet && !json && Terminal.stderrIsTTY
        let progress: (@Sendable (HarvestProgress) -> Void)? = showProgress ? { @Sendable progress in ProgressLine.show(progress) } : nil
        let started = Date()
        let results = Parallel.map(sources, width: jobs) { source in
            Result { () throws(StoreError) -> HarvestReport in try runner.run(source, restart: restart, progress: progress) }
        }
        if showProgress { ProgressLine.clear() }
        var reports: [HarvestReport] = []
        for result in results {
            let report: HarvestReport
            switch result {
            case .success(let value): report = value
            case .failure(let error): throw Failure.io(error.description)
            }
            reports.append(report)
            if !json { print(Summary.line(report)) }
            if let error = report.error, !json { Terminal.error("fedcat: \(error)") }
        }
        if json {
            print(Terminal.json(reports))
        } else if reports.count > 1 {
            print(Summary.total(reports, seconds: Date().timeIntervalSince(started)))
        }
        if reports.contains(where: \.failed) || !broken.isEmpty { throw ExitCode(1) }
    }
}

/// The one-line summaries printed after each run.
enum Summary {
    static func line(_ report: HarvestReport) -> String {
        var parts = ["\(report.added) added", "\(report.updated) updated", "\(report.unchanged) unchanged", "\(report.deleted) deleted"]
        if report.skipped > 0 { parts.append("\(report.skipped) skipped") }
        parts.append("\(report.issues) issue\(report.issues == 1 ? "" : "s")")
        let c = report.counters
        var pages = "\(c.pages) page\(c.pages == 1 ? "" : "s")"
        if c.unchangedPages > 0 { pages += " (\(c.unchangedPages) unchanged)" }
        var requests = "\(c.requests) request\(c.requests == 1 ? "" : "s")"
        var notes: [String] = []
        if c.notModified > 0 { notes.append("\(c.notModified)×304") }
        if c.retries > 0 { notes.append("\(c.retries) retr\(c.retries == 1 ? "y" : "ies")") }
        if !notes.isEmpty { requests += " (\(notes.joined(separator: ", ")))" }
        let status = report.status + (report.resumed ? " (resumed)" : "")
        var text = "\(report.sourceID): \(status) — \(parts.joined(separator: ", ")); \(pages), \(requests) in \(String(format: "%.1f", report.seconds)) s"
        if report.nothingChanged { text += " (nothing changed)" }
        if let held = report.deletionsHeld { text += "; records missing from the listing were kept: \(held)" }
        return text
    }

    static func total(_ reports: [HarvestReport], seconds: Double) -> String {
        let sum = { (path: KeyPath<HarvestReport, Int>) in reports.map { $0[keyPath: path] }.reduce(0, +) }
        let failed = reports.filter(\.failed).count
        return "total: \(reports.count) sources (\(failed) failed) — \(sum(\.added)) added, \(sum(\.updated)) updated, \(sum(\.unchanged)) unchanged, \(sum(\.deleted)) deleted, \(sum(\.issues)) issues in \(String(format: "%.1f", seconds)) s"
    }
}

/// One line per HTTP attempt for `--verbose`.
enum AttemptLine {
    static func text(_ source: String, _ attempt: FetchAttempt) -> String {
        let status = attempt.status.map { "HTTP \($0)" } ?? (attempt.error ?? "no answer")
        let outcome: String
        switch attempt.outcome {
        case .success: outcome = "ok"
        case .notModified: outcome = "not modified"
        case .retrying(let delay, let reason): outcome = "retrying in \(String(format: "%.1f", delay)) s (\(reason))"
        case .failed(let reason): outcome = "failed (\(reason))"
        }
        return "\(source): attempt \(attempt.number) \(attempt.url) — \(status), \(attempt.bytes) bytes, \(String(format: "%.2f", attempt.seconds)) s, \(outcome)"
    }
}

/// The live progress line on stderr.
enum ProgressLine {
    static func show(_ progress: HarvestProgress) {
        let total = progress.expected.map { "/\($0)" } ?? ""
        let text = "\r\u{1B}[K\(progress.sourceID): page \(progress.pages) · \(progress.seen)\(total) records · \(progress.issues) issues · \(String(format: "%.1f", progress.seconds)) s"
        Terminal.write(text)
    }

    static func clear() {
        Terminal.write("\r\u{1B}[K")
    }
}
