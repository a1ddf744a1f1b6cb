import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("Normaliser rules")
struct NormaliserTests {
    func record() -> CatalogRecord {
        var record = CatalogRecord(id: "city/1", title: LocalizedText("  Trees \n"),
                                   provenance: Provenance(sourceID: "city", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.description = LocalizedText("   ")
        record.keywords = ["Trees", " trees", "", "Parks"]
        record.issued = CatalogDate(raw: "2017-08-08T16:50:26.263353")
        record.modified = CatalogDate(raw: "last tuesday")
        record.temporal = [TemporalCoverage(start: CatalogDate(raw: " "), end: CatalogDate(raw: "2020"))]
        var distribution = Distribution(accessURL: " https://x.example/a.csv ")
        distribution.byteSize = -5
        record.distributions = [distribution]
        return record
    }

    @Test func cleansTextKeywordsDatesAndDistributions() {
        let (record, issues) = Normaliser.standard.normalise(record())
        #expect(record.title.value == "Trees")
        #expect(record.description == nil)
        #expect(record.keywords == ["Trees", "Parks"])
        #expect(record.issued?.iso == "2017-08-08T16:50:26")
        #expect(record.modified?.iso == nil)
        #expect(record.modified?.raw == "last tuesday")
        #expect(record.temporal.first?.start == nil)
        #expect(record.temporal.first?.end?.iso == "2020")
        #expect(record.distributions.first?.accessURL == "https://x.example/a.csv")
        #expect(record.distributions.first?.byteSize == nil)
        #expect(issues.map(\.code).sorted() == ["date.unreadable", "distribution.negative-size"])
        let dateIssue = issues.first { $0.code == "date.unreadable" }
        #expect(dateIssue?.message.contains("Source 'city'") == true)
        #expect(dateIssue?.message.contains("'last tuesday'") == true)
        #expect(dateIssue?.location == "modified")
    }
}

@Suite("Trimming")
struct TrimmedTests {
    @Test("trims Unicode white space like Foundation does", arguments: [
        ("plain", "plain"), ("  both  ", "both"), ("\n\tlines\r\n", "lines"), ("", ""), ("   ", ""),
        ("\u{00A0}nbsp\u{2003}", "nbsp"), ("Qualité ", "Qualité"), (" é", "é"), ("inner  space", "inner  space"),
        ("\u{3000}全角\u{3000}", "全角"), ("x\u{0085}", "x"),
    ])
    func trims(input: String, expected: String) {
        #expect(input.trimmed == expected)
        #expect(input.trimmed == input.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
