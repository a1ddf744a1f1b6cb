import ArgumentParser
import CatalogStore
import Foundation

/// `fedcat runs`: what the harvests did.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List harvest runs, newest first, with their status, requests and record counts.",
        discussion: "A failed run says why in one sentence; the next 'fedcat harvest' of its source resumes it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only the runs of this source.") var id: String?
    @Option(help: "How many runs (1-1000).") var limit = 20
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if !(1...1000).contains(limit) { throw ValidationError("--limit must be between 1 and 1000, not \(limit).") }
    }

    func run() throws {
        let store = try global.openStoreForReading()
        let runs: [RunSummary]
        do { runs = try store.runs(sourceID: id, limit: limit) } catch { throw Failure.io(error.description) }
        if json {
            print(Terminal.json(runs))
            return
        }
        guard !runs.isEmpty else {
            print(id.map { "No runs of '\($0)' yet." } ?? "No runs yet.")
            return
        }
        let rows = runs.map { run -> [String] in
            [String(run.id), run.sourceID, run.status + (run.resumes > 0 ? " (resumed \(run.resumes)×)" : ""),
             String(run.startedAt.prefix(16)), run.seconds.map { String(format: $0 < 10 ? "%.2f s" : "%.1f s", $0) } ?? "—",
             "\(run.pages) (\(run.unchangedPages) unchanged)", "\(run.requests) (\(run.notModified)×304, \(run.retries) retries)",
             Self.size(run.bytes), "+\(run.added) ~\(run.updated) =\(run.unchanged) -\(run.deleted)", String(run.issues)]
        }
        print(Columns.render(header: ["RUN", "SOURCE", "STATUS", "STARTED", "TOOK", "PAGES", "REQUESTS", "BYTES", "RECORDS", "ISSUES"],
                             rows: rows))
        for run in runs where run.status == "failed" || run.status == "interrupted" {
            if let error = run.error { print("run \(run.id) (\(run.sourceID)): \(error)") }
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? String(format: "%.1f KB", Double(bytes) / 1024) : "\(bytes) B"
    }
}
