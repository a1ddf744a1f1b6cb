import ArgumentParser
import CatalogModel
import Fetch
import Foundation
import Harvesters
import Pipeline
import SourceRegistry

extension SourceCommand {
    /// `fedcat source add URL`: detect the kind, preview the first records, write harvesters/<id>.yaml.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a portal or feed: detects its kind, previews its first records, writes harvesters/<id>.yaml.",
            discussion: """
            Without --kind, the URL is asked what it is (its Content-Type and first bytes, then each kind's own \
            endpoints) and the deciding signal is printed. The first page is then harvested without touching the \
            database, and its first 20 records, issues and predicted quality score are shown. The file is written \
            only when the preview worked (or with --force); --dry-run writes nothing.
            Example: fedcat source add https://demo.ckan.org --id ckan-demo
            """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The portal or feed URL (http or https).") var url: String
        @Option(help: ArgumentHelp("The harvester kind (see 'fedcat source kinds'); detected when absent.", valueName: "kind")) var kind: String?
        @Option(help: ArgumentHelp("The source id (default: made from the URL's host and path).", valueName: "id")) var id: String?
        @Option(help: "A human title for the source.") var title: String?
        @Option(help: ArgumentHelp("The schedule (schedules/<name>.yaml) scheduled harvests run the source on.", valueName: "name"))
        var schedule: String?
        @Option(name: .customLong("option"), help: ArgumentHelp("A source option, as name=value (repeatable), e.g. date_order=dmy.", valueName: "name=value"))
        var options: [String] = []
        @Flag(help: "Detect and preview, print the file that would be written, and write nothing.") var dryRun = false
        @Flag(help: "Write the file even when the preview failed.") var force = false

        func validate() throws {
            for option in options where !option.contains("=") || option.hasPrefix("=") {
                throw ValidationError("--option '\(option)' must be written name=value.")
            }
        }

        func run() throws {
            var pairs = Dictionary(options.map { option -> (String, String) in
                let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { _, last in last })
            let registry = global.registry
            // Refuse a bad --kind, URL or taken id before any request.
            if let kind {
                do { _ = try registry.prepare(url: url, kind: kind, id: id, title: title, schedule: schedule, options: pairs) } catch {
                    throw Failure.usage(error.description)
                }
            }
            var sourceURL = url
            var signal: String?
            let sourceKind: String
            if let kind {
                sourceKind = kind
            } else {
                do { _ = try registry.prepare(url: url, kind: "ckan", id: id, title: title, schedule: schedule) } catch {
                    if case .badURL = error { throw Failure.usage(error.description) }
                    if case .alreadyExists = error { throw Failure.usage(error.description) }
                    if case .badID = error { throw Failure.usage(error.description) }
                }
                let local = ["true", "yes", "1", "on"].contains(pairs["local"]?.lowercased() ?? "")
                let fetcher = Fetcher(options: KindDetection.fetchOptions(userAgent: FedcatVersion.userAgent, allowFileURLs: local))
                let found: KindMatch
                do { found = try KindDetection().detect(url, using: fetcher) } catch { throw Failure.failed(error.description) }
                print("Detected \(found.kind): \(found.signal)")
                sourceURL = found.url
                sourceKind = found.kind
                signal = found.signal
                for (key, value) in found.options where pairs[key] == nil { pairs[key] = value }
            }
            let source: SourceConfig
            do {
                source = try registry.prepare(url: sourceURL, kind: sourceKind, id: id ?? (sourceURL != url ? Self.idFrom(url) : nil),
                                              title: title, schedule: schedule, options: pairs)
            } catch {
                throw Failure.usage(error.description)
            }

            var previewFailure: String?
            do {
                let report = try SourcePreview(source: source).run()
                print(report.text(width: Terminal.width))
            } catch {
                previewFailure = error.description
                Terminal.error("fedcat: the preview failed: \(error.description)")
            }

            if dryRun {
                print("\nDry run: nothing was written. harvesters/\(source.id).yaml would be:\n")
                print(registry.render(source, detectedBy: signal), terminator: "")
                if previewFailure != nil { throw ExitCode(1) }
                return
            }
            guard previewFailure == nil || force else {
                throw Failure.failed("nothing was written for '\(source.id)' because the preview failed; fix the URL or options, or add --force to register it anyway.")
            }
            let file: URL
            do { file = try registry.write(source, detectedBy: signal) } catch { throw Failure.usage(error.description) }
            print("\nRegistered source '\(source.id)' (\(source.kind)) for \(source.url) in \(file.path).")
            print("Harvest it with: fedcat harvest \(source.id)")
        }

        /// The id made from the URL as the user typed it (before detection moved it to an API or document URL).
        static func idFrom(_ url: String) -> String? {
            guard let components = URLComponents(string: url), let host = components.host else { return nil }
            return SourceRegistry.suggestID(host: host, path: components.path)
        }
    }
}
