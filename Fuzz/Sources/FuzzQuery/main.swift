// The search query language end to end on an empty catalogue: parse, compile to SQL and FTS5, run. A query
// error is fine; SQLite refusing the SQL or FTS5 expression a parsed query compiled to is a bug, so it traps.
import CatalogStore
import Foundation
import FuzzSupport
import Search

enum Target {
    static let engine: SearchEngine = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-fuzz-query-\(getpid()).db").path
        return SearchEngine(store: try! CatalogStore(path: path))
    }()

    static func test(_ bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix(2000), as: UTF8.self)
        do {
            _ = try engine.search(SearchRequest(text: text, limit: 5, facets: [.format, .year]))
        } catch let error as SearchError {
            if case .store(let message) = error { fatalError("the query '\(text)' compiled to SQL that SQLite refused: \(message)") }
        } catch {
            fatalError("search threw \(error)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Target.test(bytes(data, size))
    return 0
}

runFuzzer(fuzzOne)
