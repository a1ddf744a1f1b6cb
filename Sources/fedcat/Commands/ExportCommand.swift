import ArgumentParser
import Export
import Foundation

/// `fedcat export`: the catalogue (or a selection of it) in one format, streamed to a file or standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the catalogue as DCAT-AP, data.json, CSV, NDJSON or an Atom change feed.",
        discussion: """
        Formats: \(ExporterRegistry.builtIn.map { "\($0.format.name) (\($0.format.title))" }.joined(separator: ", ")). \
        One dataset per cluster of records describing the same data; --query, --since and --source pick datasets \
        of which any record matches. -o DIR --paged N writes page-1.<ext> … linked by hydra:PartialCollectionView.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The format: \(ExporterRegistry.names.joined(separator: ", ")).", valueName: "F")) var format: String
    @Option(help: ArgumentHelp("Only datasets matching this search query (the `fedcat search` language).", valueName: "Q")) var query: String?
    @Option(help: ArgumentHelp("Only datasets modified or changed in the catalogue since this date (YYYY-MM-DD or an ISO date-time).", valueName: "DATE"))
    var since: String?
    @Option(help: ArgumentHelp("Only datasets with a record from this source.", valueName: "ID")) var source: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (a folder with --paged); standard output when absent.", valueName: "PATH"))
    var output: String?
    @Option(help: ArgumentHelp("Write a static paged catalogue into the -o folder, N datasets per page.", valueName: "N")) var paged: Int?
    @Option(help: ArgumentHelp("The base of every IRI the export mints (default \(IRIScheme.defaultBase)); the URL it will be served from for paged catalogues.", valueName: "IRI"))
    var base: String?
    @Option(help: ArgumentHelp("data.json: the contact e-mail of datasets none of whose records has one (DCAT-US requires a contact).",
                               valueName: "ADDRESS"))
    var contactEmail: String?
    @Option(help: ArgumentHelp("Report progress on stderr every N datasets.", valueName: "N")) var progressEvery = 10_000
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if let paged, paged < 1 { throw ValidationError("--paged must be at least 1, not \(paged).") }
        if paged != nil && output == nil { throw ValidationError("--paged needs -o DIR, the folder to write the pages into.") }
        if progressEvery < 1 { throw ValidationError("--progress-every must be at least 1.") }
        try ContactEmail.validate(contactEmail)
    }

    func run() throws {
        do {
            let exporter = try ExporterRegistry.exporter(for: format)
            var reader = try ExportReader(store: try global.openStoreForReading(), selection: ExportSelection(query: query, since: since, source: source),
                                          iris: IRIScheme(base: base ?? IRIScheme.defaultBase))
            reader.contactEmail = contactEmail
            let started = Date()
            defer {
                if let missing = reader.gaps.byField["contactPoint.hasEmail"], missing > 0 {
                    Terminal.write("""
                        fedcat export: \(missing) dataset\(missing == 1 ? " has" : "s have") no contact e-mail in any of \(missing == 1 ? "its" : "their") records \
                        and went without contactPoint, which DCAT-US requires; give --contact-email ADDRESS (your own desk) to fill it.

                        """)
                }
            }
            if !quiet {
                let every = progressEvery
                let counter = ProgressCounter()
                reader.progress = { done in
                    guard counter.crossed(done, every: every) else { return }
                    Terminal.write("fedcat export: \(done) datasets written (\(Int(Double(done) / max(0.001, Date().timeIntervalSince(started))))/s)\n")
                }
            }
            if let paged, let output {
                let files = try PagedCatalogue.write(exporter, reader: reader, folder: output, size: paged)
                if !quiet { Terminal.write("fedcat export: wrote \(files.count) page\(files.count == 1 ? "" : "s") into \(output)\n") }
                return
            }
            let sink: FileSink = try output.map { path throws(ExportError) in try FileSink(path: path) }
                ?? FileSink(handle: .standardOutput, name: "standard output")
            try exporter.write(reader, to: sink)
        } catch let error as ExportError {
            switch error {
            case .store: throw Failure.io(error.description)
            case .cannotWrite: throw Failure.io(error.description)
            default: throw Failure.usage(error.description)
            }
        }
    }
}

/// Remembers the last multiple of `every` reported, so progress prints once per step whatever the batch size.
private final class ProgressCounter: @unchecked Sendable {
    private var last = 0
    func crossed(_ done: Int, every: Int) -> Bool {
        guard done / every > last / every else { return false }
        last = done
        return true
    }
}
