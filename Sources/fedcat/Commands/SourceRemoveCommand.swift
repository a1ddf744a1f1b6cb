import ArgumentParser
import CatalogStore
import Foundation
import SourceRegistry

extension SourceCommand {
    /// `fedcat source remove ID [--purge]`: deletes the file, and with --purge the source's data.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a source's file; with --purge also its records, raw records, keys, issues and runs.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source id.") var id: String
        @Flag(help: "Also delete everything the catalogue holds of the source, in one transaction, and re-cluster the rest.")
        var purge = false

        func run() throws {
            let registry = global.registry
            let exists = FileManager.default.fileExists(atPath: registry.path(for: id).path)
            let hasDatabase = FileManager.default.fileExists(atPath: global.databasePath)
            guard exists || (purge && hasDatabase) else {
                throw Failure.usage(SourceFileError.unknownSource(id: id, directory: registry.directory.path,
                                                                  known: registry.loadAll().sources.map(\.id)).description)
            }
            if purge && hasDatabase {
                let counts: PurgeCounts
                let store = try global.openStore()
                do { counts = try store.purge(sourceID: id) } catch { throw Failure.io(error.description) }
                print("Purged '\(id)' from \(global.databasePath): \(counts.records) records, \(counts.rawRecords) raw records, "
                      + "\(counts.keys) match keys, \(counts.issues) issues, \(counts.runs) runs, \(counts.pages) remembered pages; "
                      + "\(counts.reclustered) records of other sources clustered again.")
            }
            if exists {
                do { try registry.remove(id) } catch { throw Failure.failed(error.description) }
                print("Removed \(registry.path(for: id).path)." + (purge ? "" : " Its records stay in the catalogue; 'fedcat source remove \(id) --purge' deletes them."))
            }
        }
    }

    /// `fedcat source lint [--json]`: every file under harvesters/ and schedules/, for CI.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every file under harvesters/ and schedules/ (exit 1 on any problem); for CI.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON: {\"files\": [...], \"problems\": [{\"file\", \"line\", \"key\", \"message\"}]}.") var json = false

        struct Output: Encodable {
            var files: [String]
            var problems: [LintProblem]
        }

        func run() throws {
            let (files, problems) = RegistryLint(registry: global.registry).run()
            if json {
                print(Terminal.json(Output(files: files, problems: problems)))
            } else {
                for problem in problems { print(problem.message) }
                print("\(files.count) file\(files.count == 1 ? "" : "s") checked, \(problems.count) problem\(problems.count == 1 ? "" : "s").")
            }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
