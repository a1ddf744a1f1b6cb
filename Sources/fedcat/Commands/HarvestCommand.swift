import ArgumentParser
import CatalogModel
import Foundation
import Pipeline
import SourceRegistry

/// `fedcat harvest`: run harvests and print what changed.
struct HarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Harvest sources into the catalogue.",
        discussion: """
        A run that fails keeps the source's previous records untouched; records missing from a complete \
        listing are deleted only when the run succeeds. Exit code 1 when any source failed.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ids of the sources to harvest.") var ids: [String] = []
    @Flag(help: "Harvest every registered source.") var all = false
    @Flag(help: "Print the run reports as JSON.") var json = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        if ids.isEmpty && !all { throw ValidationError("Name at least one source id, or use --all.") }
        if !ids.isEmpty && all { throw ValidationError("Give source ids or --all, not both.") }
    }

    func run() throws {
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
        let runner = HarvestRunner(store: store)
        let showProgress = !quiet && !json && Terminal.stderrIsTTY
        let progress: (@Sendable (HarvestProgress) -> Void)? = showProgress ? { @Sendable progress in ProgressLine.show(progress) } : nil
        var reports: [HarvestReport] = []
        for source in sources {
            let report: HarvestReport
            do {
                report = try runner.run(source, progress: progress)
            } catch {
                if showProgress { ProgressLine.clear() }
                throw Failure.io(error.description)
            }
            if showProgress { ProgressLine.clear() }
            reports.append(report)
            if !json { print(Summary.line(report)) }
            if let error = report.error, !json { Terminal.error("fedcat: \(error)") }
        }
        if json {
            print(Terminal.json(reports))
        } else if reports.count > 1 {
            print(Summary.total(reports))
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
        var text = "\(report.sourceID): \(report.status) — \(parts.joined(separator: ", ")); \(report.pages) page\(report.pages == 1 ? "" : "s") in \(String(format: "%.1f", report.seconds)) s"
        if report.added == 0 && report.updated == 0 && report.deleted == 0 && !report.failed && report.unchanged > 0 {
            text += " (nothing changed)"
        }
        if let held = report.deletionsHeld { text += "; records missing from the listing were kept: \(held)" }
        return text
    }

    static func total(_ reports: [HarvestReport]) -> String {
        let sum = { (path: KeyPath<HarvestReport, Int>) in reports.map { $0[keyPath: path] }.reduce(0, +) }
        let failed = reports.filter(\.failed).count
        let seconds = reports.map(\.seconds).reduce(0, +)
        return "total: \(reports.count) sources (\(failed) failed) — \(sum(\.added)) added, \(sum(\.updated)) updated, \(sum(\.unchanged)) unchanged, \(sum(\.deleted)) deleted, \(sum(\.issues)) issues in \(String(format: "%.1f", seconds)) s"
    }
}

/// The live progress line on stderr.
enum ProgressLine {
    static func show(_ progress: HarvestProgress) {
        let total = progress.expected.map { "/\($0)" } ?? ""
        let text = "\r\u{1B}[K\(progress.sourceID): page \(progress.pages) · \(progress.seen)\(total) records · \(progress.issues) issues · \(String(format: "%.1f", progress.seconds)) s"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
