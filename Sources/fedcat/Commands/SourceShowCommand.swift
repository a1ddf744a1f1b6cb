import ArgumentParser
import CatalogModel
import CatalogStore
import Fetch
import Foundation
import Harvesters
import SourceRegistry

extension SourceCommand {
    /// `fedcat source show ID`: the file, its options with their meaning, the last runs and the record count.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a source: its file, options and what they mean, last runs, records.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source id.") var id: String
        @Option(help: "How many recent runs to show.") var runs = 5

        func run() throws {
            let registry = global.registry
            let source: SourceConfig
            do { source = try registry.source(id) } catch {
                if case .unknownSource = error { throw Failure.usage(error.description) }
                throw Failure.failed(error.description)
            }
            print("Source '\(source.id)' (\(source.kind)) in \(registry.path(for: source.id).path)")
            print("  url:      \(source.url)")
            if let title = source.title { print("  title:    \(title)") }
            print("  schedule: \(source.schedule ?? "none (harvested only when asked)")")
            print("\nOptions (set values, then the defaults of kind '\(source.kind)'):")
            let known = SourceOptions.for(kind: source.kind)
            var rows: [[String]] = []
            for key in source.options.keys.sorted() {
                let meaning = known.first { $0.name == key }?.meaning ?? "not an option of this kind (ignored)"
                rows.append(["  " + key, source.options[key]!, "set", meaning])
            }
            for option in known where source.options[option.name] == nil {
                rows.append(["  " + option.name, option.defaultValue ?? "—", "default", option.meaning])
            }
            print(Columns.render(header: ["  OPTION", "VALUE", "", "MEANING"], rows: rows))

            guard FileManager.default.fileExists(atPath: global.databasePath) else {
                print("\nNo catalogue at \(global.databasePath) yet: no runs and no records.")
                return
            }
            let store = try global.openStoreForReading()
            let stats = try store.sourceStatsOrExit()
            let recent: [RunSummary]
            do { recent = try store.runs(sourceID: source.id, limit: runs) } catch { throw Failure.io(error.description) }
            print("\nRecords in the catalogue: \(stats[source.id]?.records ?? 0)")
            if recent.isEmpty {
                print("Runs: none yet (fedcat harvest \(source.id)).")
            } else {
                print("Last runs:")
                let runRows = recent.map { run in
                    ["  " + String(run.id), String((run.endedAt ?? run.startedAt).prefix(16)), run.status, String(run.seen),
                     "+\(run.added) ~\(run.updated) -\(run.deleted)", String(run.issues), run.error ?? ""]
                }
                print(Columns.render(header: ["  RUN", "WHEN", "STATUS", "SEEN", "CHANGES", "ISSUES", "ERROR"], rows: runRows))
            }
        }
    }

    /// `fedcat source check ID`: the file's problems with line and key, then whether the URL is still its kind.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a source: its file (unknown keys, wrong types, version) and whether its URL still answers as its kind.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source id.") var id: String
        @Flag(help: "Check the file only; do not ask the URL.") var noProbe = false

        func run() throws {
            let registry = global.registry
            let file = registry.path(for: id)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw Failure.usage(SourceFileError.unknownSource(id: id, directory: registry.directory.path,
                                                                  known: registry.loadAll().sources.map(\.id)).description)
            }
            let problems = registry.check(file: file)
            for problem in problems { Terminal.error("fedcat: \(problem.description)") }
            guard problems.isEmpty else { throw ExitCode(1) }
            print("\(file.path): the file is valid.")
            guard !noProbe, let source = try? registry.load(file: file) else { return }
            let local = (try? source.boolOption("local", default: false)) ?? false
            let fetcher = Fetcher(options: KindDetection.fetchOptions(userAgent: FedcatVersion.userAgent, allowFileURLs: local))
            do {
                let found = try KindDetection().detect(source.url, using: fetcher)
                guard found.kind == source.kind else {
                    throw Failure.failed("\(source.url) now answers as \(found.kind), not \(source.kind): \(found.signal)")
                }
                print("\(source.url) answers as \(source.kind): \(found.signal)")
            } catch let error as DetectionError {
                throw Failure.failed(error.description)
            }
        }
    }
}
