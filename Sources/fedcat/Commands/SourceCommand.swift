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
        abstract: "Register, list, explain, check and remove sources (harvesters/<id>.yaml).",
        subcommands: [Add.self, List.self, Show.self, Check.self, Remove.self, Lint.self, Kinds.self])

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
                print("No sources in \(global.registry.directory.path). Add one with: fedcat source add URL")
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
