import ArgumentParser
import CatalogStore
import Foundation

/// `fedcat stats`: how big the catalogue is, per source.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Record counts and last runs per source.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON: {\"records\": N, \"sources\": {\"<id>\": {\"records\": N, \"last_run\": …}}}.") var json = false

    struct Output: Encodable {
        struct Source: Encodable {
            var records: Int
            var lastRun: RunSummary?
            enum CodingKeys: String, CodingKey { case records, lastRun = "last_run" }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(records, forKey: .records)
                try container.encode(lastRun, forKey: .lastRun)
            }
        }
        var records: Int
        /// Datasets once copies on several portals are merged.
        var clusters: Int
        /// Clusters holding more than one record.
        var merged: Int
        var sources: [String: Source]
    }

    func run() throws {
        let store = try global.openStoreForReading()
        let output: Output
        do {
            let stats = try store.sourceStats()
            output = Output(records: try store.recordCount(), clusters: try store.clusterCount(), merged: try store.mergedClusterCount(),
                            sources: stats.mapValues { Output.Source(records: $0.records, lastRun: $0.lastRun) })
        } catch {
            throw Failure.io(error.description)
        }
        if json {
            print(Terminal.json(output))
            return
        }
        print("\(output.records) records from \(output.sources.count) sources in \(global.databasePath): \(output.clusters) datasets, \(output.merged) of them published on several portals")
        let rows = output.sources.keys.sorted().map { id -> [String] in
            let source = output.sources[id]!
            let run = source.lastRun
            return [id, String(source.records), run?.status ?? "—", run.map { String(($0.endedAt ?? $0.startedAt).prefix(16)) } ?? "never",
                    run.map { "+\($0.added) ~\($0.updated) =\($0.unchanged) -\($0.deleted), \($0.issues) issues" } ?? ""]
        }
        if !rows.isEmpty { print(Columns.render(header: ["SOURCE", "RECORDS", "LAST RUN", "WHEN", "CHANGES"], rows: rows)) }
    }
}
