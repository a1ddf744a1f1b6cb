import ArgumentParser
import CatalogStore
import Fetch
import Foundation
import Pipeline
import Quality

/// `fedcat report`: metadata quality scores per source, their trend, and what would raise them.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rank sources by metadata quality (data.europa.eu MQA weights), or show one source's scores and fixes.",
        discussion: """
        Scores are computed at the end of every harvest run from the source's records; --recompute scores the \
        latest run of each source again (with --check-links, requesting every access and download URL). \
        Exit codes: 1 no scores for the source asked for; 64 bad usage; 74 the database or the HTML file could not be written.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Show this source in detail: dimensions, spread of record scores, worst records, fixes.") var source: String?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also write a self-contained HTML report (inline SVG charts) to this file.", valueName: "path")) var html: String?
    @Flag(help: "Score the latest run of each source (or of SOURCE) again before reporting.") var recompute = false
    @Flag(help: "With --recompute: request every access and download URL (rate limited per host) to score accessibility.") var checkLinks = false
    @Option(help: "Worst records shown per source (0-1000).") var worst = 10

    func validate() throws {
        if checkLinks && !recompute { throw ValidationError("--check-links needs --recompute (scores of past runs are not recomputed silently).") }
        if !(0...1000).contains(worst) { throw ValidationError("--worst must be between 0 and 1000, not \(worst).") }
    }

    func run() throws {
        let store = try recompute ? global.openStore() : global.openStoreForReading()
        let report: QualityReport
        do {
            if let source, try !store.knownSourceIDs().contains(source) {
                throw Failure.failed("There is no source '\(source)' in \(global.databasePath).")
            }
            if recompute {
                let checker = checkLinks ? LinkChecker(store: store, gate: HostGate()) : nil
                let scored = try QualityReports.recompute(store: store, sourceID: source, checkLinks: checker)
                if !json { Terminal.error("fedcat: scored \(scored.count) source\(scored.count == 1 ? "" : "s") again\(checkLinks ? ", links checked" : "").") }
            }
            report = try QualityReports.load(store: store, sourceID: source, worst: source == nil && html == nil ? 0 : worst)
        } catch let error as StoreError {
            throw Failure.io(error.description)
        }
        if let html {
            do { try HTMLReport.render(report).write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw Failure.io("The HTML report could not be written to \(html): \(error.localizedDescription)")
            }
            if !json { Terminal.error("fedcat: wrote the HTML report of \(report.sources.count) source\(report.sources.count == 1 ? "" : "s") to \(html)") }
        }
        if let source {
            guard let detail = report.sources.first else {
                throw Failure.failed("Source '\(source)' has no quality scores yet: harvest it, or run 'fedcat report --recompute \(source)'.")
            }
            if json { print(Terminal.json(QualityJSON.source(detail, detail: true))) } else { show(TerminalReport.detail(detail)) }
            return
        }
        if json {
            print(Terminal.json(QualityJSON.overview(report)))
        } else if report.sources.isEmpty {
            print("No quality scores yet: harvest a source, or run 'fedcat report --recompute'.")
        } else {
            show(TerminalReport.overview(report))
        }
    }

    private func show(_ blocks: [TerminalReport.Block]) {
        print(blocks.map { block -> String in
            switch block {
            case .text(let text): return text
            case .table(let title, let header, let rows): return (title.map { $0 + "\n" } ?? "") + Columns.render(header: header, rows: rows)
            }
        }.joined(separator: "\n\n"))
    }
}
