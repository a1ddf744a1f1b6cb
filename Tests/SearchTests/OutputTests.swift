import Foundation
import Testing
@testable import Search

@Suite("Output formats")
struct OutputTests {
    static func results() throws -> SearchResults {
        var results = try CatalogueFixture.engine().search(SearchRequest(text: "quality", facets: [.publisher, .format]))
        results.results[0].title = "Air, \"quality\"\nmeasurements"
        return results
    }

    /// An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    @Test func csvFollowsRFC4180() throws {
        let results = try Self.results()
        let csv = ResultLines.csv(results)
        #expect(csv.hasPrefix("id,title,publisher,sources,modified,score,records,snippet\r\n"))
        let rows = Self.parseCSV(csv)
        #expect(rows.count == results.results.count + 1)
        #expect(rows.allSatisfy { $0.count == ResultLines.csvHeader.count })
        #expect(rows[1][1] == "Air, \"quality\"\nmeasurements")
        #expect(rows.dropFirst().map { $0[0] } == results.results.map(\.id))
    }

    @Test func ndjsonHasOneObjectPerLine() throws {
        let results = try Self.results()
        let lines = ResultLines.ndjson(results).split(separator: "\n")
        #expect(lines.count == results.results.count)
        let decoded = try lines.map { try JSONDecoder().decode(SearchHit.self, from: Data($0.utf8)) }
        #expect(decoded == results.results)
    }

    @Test func jsonCarriesFacets() throws {
        let results = try Self.results()
        let data = try JSONEncoder().encode(results)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let facets = try #require(object["facets"] as? [[String: Any]])
        #expect(facets.map { $0["field"] as? String } == ["publisher", "format"])
        #expect(try JSONDecoder().decode(SearchResults.self, from: data) == results)
    }

    @Test func tableShowsSnippetsFacetsAndColourOnlyWhenAsked() throws {
        let results = try CatalogueFixture.engine().search(SearchRequest(text: "quality", facets: [.publisher, .format]))
        let plain = ResultTable.render(results, width: 80)
        #expect(!plain.contains("\u{1B}"))
        #expect(plain.contains("[quality]"))
        #expect(plain.contains("\npublisher  City 2 · State Office 1\n"))
        #expect(plain.contains("\nformat     CSV 3 · JSON 1\n"))
        for line in plain.split(separator: "\n") { #expect(line.count <= 80) }
        let coloured = ResultTable.render(results, width: 80, colour: true)
        #expect(coloured.contains("\u{1B}[1;33mquality\u{1B}[0m"))
    }
}
