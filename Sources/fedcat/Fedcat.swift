import ArgumentParser
import CatalogModel

/// The `fedcat` command: harvest open-data portals into one searchable catalogue.
@main
struct Fedcat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fedcat",
        abstract: "Harvest open-data portals into one SQLite full-text catalogue and search it.",
        discussion: """
        Exit codes: 0 ok; 1 a source failed, a source file is broken or a record was not found; \
        64 bad usage; 74 the database could not be read or written.
        """,
        version: FedcatVersion.current,
        subcommands: [SourceCommand.self, HarvestCommand.self, ScheduleCommand.self, RunsCommand.self, SearchCommand.self, ShowCommand.self,
                      StatsCommand.self, ExportCommand.self, ReportCommand.self, IssuesCommand.self, ServeCommand.self])
}
