import ArgumentParser
import Foundation
import Search

/// `fedcat search`: ranked full-text search.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the catalogue.",
        discussion: """
        Words must all match (in any field, any case, with or without accents; 'trees' finds 'tree'). \
        "exact phrase", prefix*, -excluded and 'a OR b' work too. An empty query lists everything, newest first.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for.") var query: String
    @Option(help: "Results per page (1-1000).") var limit = 20
    @Option(help: "Results to skip.") var offset = 0
    @Flag(help: "Print JSON: {\"total\": N, \"results\": [...]}.") var json = false

    func validate() throws {
        if !(1...1000).contains(limit) { throw ValidationError("--limit must be between 1 and 1000, not \(limit).") }
        if offset < 0 { throw ValidationError("--offset must not be negative.") }
    }

    func run() throws {
        let engine = SearchEngine(store: try global.openStore())
        let results: SearchResults
        do { results = try engine.search(SearchRequest(text: query, limit: limit, offset: offset)) } catch {
            if case .store = error { throw Failure.io(error.description) }
            throw Failure.usage(error.description)
        }
        print(json ? Terminal.json(results) : ResultTable.render(results, width: Terminal.width), terminator: json ? "\n" : "")
    }
}
