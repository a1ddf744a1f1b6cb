import Quality
import Testing

/// The text a record's score is staged as (`quality_records.shares` and `findings`), which tallies and reports read
/// back: pinned, so that a faster way of writing it writes the same.
@Suite("Stored score text")
struct StoredScoreTextTests {
    @Test func sharesAreWrittenAsSwiftWritesTheirDoubles() {
        let shares: [Metric: Double] = [.keywords: 1, .themes: 0, .format: 0.5, .licence: 1.0 / 3, .spatial: 2.0 / 3]
        let score = RecordScore(shares: shares, findings: [])
        #expect(score.sharesText == "keywords=1.0;themes=0.0;spatial=0.6666666666666666;format=0.5;licence=0.3333333333333333")
        let expected = Metric.allCases.compactMap { metric in shares[metric].map { "\(metric.rawValue)=\($0)" } }.joined(separator: ";")
        #expect(score.sharesText == expected)
        #expect(RecordScore(sharesText: score.sharesText, openLicence: false).shares == shares)
    }

    @Test func aFindingsLineKeepsItsThreeFieldsOnOneLine() {
        #expect(Finding(metric: .format, location: "distributions[0].format").line == "format\tdistributions[0].format\t")
        #expect(Finding(metric: .licence, location: "license", detail: "see terms").line == "licence\tlicense\tsee terms")
        let messy = Finding(metric: .keywords, location: "keywords[1]", detail: "a\tb\nc\rd\r\ne")
        #expect(messy.line == "keywords\tkeywords[1]\ta b c d e", "CRLF is one Character in Swift, and a line break too")
        #expect(Finding(line: messy.line[...]) == Finding(metric: .keywords, location: "keywords[1]", detail: "a b c d e"))
        #expect(Finding.lines([Finding(metric: .themes, location: "themes"), messy]).split(separator: "\n").count == 2)
    }
}
