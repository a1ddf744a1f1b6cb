import ArgumentParser
import Foundation
import Search

/// `fedcat search`: ranked, fielded full-text search.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the catalogue.",
        discussion: """
        Words must all match (in any field, any case, with or without accents; 'trees' finds 'tree'). \
        "exact phrase", prefix*, -excluded, 'a OR b' and (groups) work too, and fields: title: publisher: keyword: \
        theme: format: license: source: language: modified:>=2023 modified:2020..2022 issued: bbox:minx,miny,maxx,maxy. \
        An empty query lists everything, newest first.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to look for.") var query: String
    @Option(help: "Results per page (1-1000).") var limit = 20
    @Option(help: "Results to skip.") var offset = 0
    @Option(help: "relevance, modified (newest first) or title.") var sort = "relevance"
    @Option(help: "Count the results by these fields: publisher,format,license,theme,source,language,year,keyword.") var facets: String?
    @Flag(help: "Print JSON: {\"total\": N, \"results\": [...], \"facets\": [...]}.") var json = false
    @Flag(help: "Print one JSON object per result and line.") var ndjson = false
    @Flag(help: "Print CSV (RFC 4180) with a header row.") var csv = false
    @Flag(help: "Count every match: past 10,000 datasets the total is otherwise a lower bound (\"at least 10000 results\").") var exactTotal = false

    func validate() throws {
        if !(1...1000).contains(limit) { throw ValidationError("--limit must be between 1 and 1000, not \(limit).") }
        if offset < 0 { throw ValidationError("--offset must not be negative.") }
        if [json, ndjson, csv].filter({ $0 }).count > 1 { throw ValidationError("Choose one of --json, --ndjson and --csv.") }
        if SearchSort(rawValue: sort) == nil { throw ValidationError("--sort must be relevance, modified or title, not '\(sort)'.") }
        if let facets, case .failure(let error) = FacetField.list(facets) { throw ValidationError(error.description) }
    }

    func run() throws {
        let engine = SearchEngine(store: try global.openStoreForReading())
        let fields = (try? facets.map { try FacetField.list($0).get() }) ?? nil
        let request = SearchRequest(text: query, limit: limit, offset: offset, sort: SearchSort(rawValue: sort) ?? .relevance, facets: fields ?? [],
                                    exactTotal: exactTotal)
        let results: SearchResults
        do { results = try engine.search(request) } catch {
            if case .store = error { throw Failure.io(error.description) }
            throw Failure.usage(error.description)
        }
        if json { print(Terminal.json(results)) }
        else if ndjson { print(ResultLines.ndjson(results), terminator: "") }
        else if csv { print(ResultLines.csv(results), terminator: "") }
        else { print(ResultTable.render(results, width: Terminal.width, colour: Terminal.colour), terminator: "") }
    }
}
