// The search query language end to end on an empty catalogue: parse, compile to SQL and FTS5, run. A query
// error is fine; SQLite refusing the SQL or FTS5 expression a parsed query compiled to is a bug, so it traps.
import CatalogStore
import Foundation
import FuzzSupport
import Search

let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-fuzz-query-\(getpid()).db").path
let engine = SearchEngine(store: try! CatalogStore(path: path))
run { bytes in
    let text = String(decoding: bytes.prefix(2000), as: UTF8.self)
    do {
        _ = try engine.search(SearchRequest(text: text, limit: 5, facets: [.format, .year]))
    } catch {
        if case .store(let message) = error { fatalError("the query '\(text)' compiled to SQL that SQLite refused: \(message)") }
    }
}
