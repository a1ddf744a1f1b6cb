import ArgumentParser
import CatalogModel
import CatalogStore
import Foundation
import Harvesters
import SourceRegistry

/// `fedcat source …`: register and list sources.
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Register sources (harvesters/<id>.yaml) and list them.",
        subcommands: [Add.self, List.self, Kinds.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a portal or feed: writes harvesters/<id>.yaml.",
            discussion: "Example: fedcat source add https://demo.ckan.org --kind ckan --id ckan-demo")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The portal or feed URL (http or https).") var url: String
        @Option(help: ArgumentHelp("The harvester kind (see 'fedcat source kinds').", valueName: "kind")) var kind: String
        @Option(help: ArgumentHelp("The source id (default: made from the URL's host and path).", valueName: "id")) var id: String?
        @Option(help: "A human title for the source.") var title: String?
        @Option(name: .customLong("option"), help: ArgumentHelp("A source option, as name=value (repeatable), e.g. date_order=dmy.", valueName: "name=value"))
        var options: [String] = []

        func validate() throws {
            for option in options where !option.contains("=") || option.hasPrefix("=") {
                throw ValidationError("--option '\(option)' must be written name=value.")
            }
        }

        func run() throws {
            let pairs = Dictionary(options.map { option -> (String, String) in
                let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { _, last in last })
            do {
                let (source, file) = try global.registry.add(url: url, kind: kind, id: id, title: title, options: pairs)
                print("Registered source '\(source.id)' (\(source.kind)) for \(source.url) in \(file.path).")
                print("Harvest it with: fedcat harvest \(source.id)")
            } catch {
                throw Failure.usage(error.description)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered sources with their last run and record count.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        /// One source in `--json` output.
        struct Entry: Encodable {
            var id: String
            var kind: String
            var url: String
            var title: String?
            var records: Int
            var lastRun: RunSummary?

            enum CodingKeys: String, CodingKey { case id, kind, url, title, records, lastRun = "last_run" }
        }

        func run() throws {
            let (sources, errors) = global.registry.loadAll()
            let stats = FileManager.default.fileExists(atPath: global.databasePath)
                ? try global.openStore().sourceStatsOrExit() : [:]
            let entries = sources.map { Entry(id: $0.id, kind: $0.kind, url: $0.url, title: $0.title,
                                              records: stats[$0.id]?.records ?? 0, lastRun: stats[$0.id]?.lastRun) }
            if json {
                print(Terminal.json(entries))
            } else if entries.isEmpty {
                print("No sources in \(global.registry.directory.path). Add one with: fedcat source add URL --kind ckan")
            } else {
                let rows = entries.map { entry -> [String] in
                    let run = entry.lastRun
                    let when = run.map { String(($0.endedAt ?? $0.startedAt).prefix(16)) } ?? "never"
                    return [entry.id, entry.kind, String(entry.records), run?.status ?? "—", when, entry.url]
                }
                print(Columns.render(header: ["ID", "KIND", "RECORDS", "LAST RUN", "WHEN", "URL"], rows: rows))
            }
            for error in errors { Terminal.error("fedcat: \(error.description)") }
            if !errors.isEmpty { throw ExitCode(1) }
        }
    }

    struct Kinds: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the harvester kinds this fedcat knows.")

        func run() {
            for type in HarvesterRegistry.builtIn {
                let description = type.description
                print("\(description.kind): \(description.title). \(description.summary) Example URL: \(description.exampleURL)")
            }
        }
    }
}

extension CatalogStore {
    func sourceStatsOrExit() throws -> [String: SourceStats] {
        do { return try sourceStats() } catch { throw Failure.io(error.description) }
    }
}

/// Left-aligned text columns.
enum Columns {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
