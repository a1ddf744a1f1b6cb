import ArgumentParser
import CatalogStore
import Foundation
import Pipeline
import Quality

/// `fedcat issues SOURCE`: the per-record problems of a source's last run, to send to its publisher.
struct IssuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issues",
        abstract: "List the per-record problems of a source's last run (harvest issues and quality findings).",
        discussion: """
        Columns: code, severity, record (the id in the source), location (the field), message, url. Harvest issues \
        come from the source's latest run; quality findings (codes quality.<metric>) from its latest scored run. \
        Exit codes: 1 unknown source; 64 bad usage; 74 the database could not be read.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case all, harvest, quality }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source.") var source: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV (RFC 4180, CRLF line ends, with a header line).") var csv = false
    @Option(help: "Which problems: all, harvest or quality.") var only: Kind = .all

    func validate() throws {
        if json && csv { throw ValidationError("Choose --json or --csv, not both.") }
    }

    func run() throws {
        let store = try global.openStoreForReading()
        let listing: PublisherIssues.Listing
        do {
            guard try store.knownSourceIDs().contains(source) else {
                throw Failure.failed("There is no source '\(source)' in \(global.databasePath).")
            }
            listing = try PublisherIssues.load(store: store, sourceID: source, harvest: only != .quality, quality: only != .harvest)
        } catch let error as StoreError {
            throw Failure.io(error.description)
        }
        if json {
            print(Terminal.json(listing))
        } else if csv {
            FileHandle.standardOutput.write(Data(PublisherIssue.csv(listing.issues).utf8))
        } else if listing.issues.isEmpty {
            print("No problems recorded for '\(source)'.")
        } else {
            print(Columns.render(header: ["CODE", "SEVERITY", "RECORD", "LOCATION", "MESSAGE", "URL"],
                                 rows: listing.issues.map { [$0.code, $0.severity, $0.record, $0.location, $0.message, $0.url] }))
            let runs = [listing.harvestRun.map { "harvest run \($0)" }, listing.qualityRun.map { "quality scored on run \($0)" }].compactMap { $0 }
            print("\(listing.issues.count) problem\(listing.issues.count == 1 ? "" : "s") (\(runs.joined(separator: ", "))).")
        }
    }
}
