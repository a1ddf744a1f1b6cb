import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

/// Every CSW response and ISO record of the shared corpus is read; every record of a GetRecords response or a
/// bare record maps; capabilities are read without records; the bad/ CSW and ISO files give their specific issue.
@Suite("CSW corpus")
struct CSWCorpusTests {
    static let files = Corpus.files(under: "csw", endingIn: [".xml"])

    static func mapAll(_ response: CSWResponse, file: String) -> [MappingResult] {
        let source = SourceConfig(id: "corpus", kind: "csw", url: "https://corpus.example/csw")
        return response.records.map { entry in
            let raw = RawRecord(localID: entry.id, payload: entry.payload, mediaType: "application/xml",
                                pageURL: "https://corpus.example/\(file)", location: entry.pointer)
            return CSWMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
        }
    }

    @Test func printCounts() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        for relative in Self.files {
            let name = String(relative.dropFirst("csw/".count))
            do {
                let response = try CSWResponse.parse(try Corpus.bytes(relative), url: relative)
                let results = Self.mapAll(response, file: name)
                let issues = results.flatMap(\.issues).map(\.code)
                print("COUNT \(name) root=\(response.root) matched=\(response.matched.map(String.init) ?? "-") records=\(response.records.count) mapped=\(results.compactMap(\.record).count) issues=\(issues)")
            } catch {
                print("COUNT \(name) ERROR \(error)")
            }
        }
        for name in ["magda_tern-GetRecords.xml", "geodatagov_iso_bad-tags.xml"] {
            do {
                let response = try CSWResponse.parse(try Corpus.bytes("bad/" + name), url: name)
                let results = Self.mapAll(response, file: name)
                print("COUNT bad/\(name) root=\(response.root) records=\(response.records.count) mapped=\(results.compactMap(\.record).count) issues=\(results.flatMap(\.issues).map(\.code))")
            } catch {
                print("COUNT bad/\(name) ERROR \(error)")
            }
        }
    }
}
