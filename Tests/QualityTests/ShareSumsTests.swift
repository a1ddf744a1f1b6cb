import Quality
import Testing

@Suite("A source's tally summed from stored shares")
struct ShareSumsTests {
    /// The tally as `RecordScore(sharesText:)` and `SourceTally.add` sum it.
    static func reference(_ rows: [(String, Int, Bool)], checked: Set<Metric>) -> SourceTally {
        var tally = SourceTally(checked: checked)
        for (text, distributions, open) in rows {
            tally.add(RecordScore(sharesText: text, openLicence: open), distributions: distributions)
        }
        return tally
    }

    static func summed(_ rows: [(String, Int, Bool)], checked: Set<Metric>) -> SourceTally {
        var sums = ShareSums(checked: checked)
        for (text, distributions, open) in rows { sums.add(sharesText: text, distributions: distributions, openLicence: open) }
        return sums.adding(to: SourceTally(checked: checked))
    }

    static func close(_ a: SourceTally, _ b: SourceTally, histogram: Bool = true) -> Bool {
        a.records == b.records && a.distributions == b.distributions && a.failing == b.failing && (!histogram || a.histogram == b.histogram)
            && a.openLicences == b.openLicences && a.checked == b.checked && Set(a.passed.keys) == Set(b.passed.keys)
            && a.passed.allSatisfy { abs($0.value - b.passed[$0.key]!) < 1e-9 }
    }

    /// Quarters sum exactly in any order, so records' percentages, and the histogram, are the same both ways; with
    /// thirds, a record at exactly a tenth of the scale may fall either side of it depending on the order its shares are
    /// summed in (`SourceTally.add` sums in its dictionary's order, which changes from run to run).
    @Test(arguments: [["1.0", "0.0", "0.25", "0.5", "0.75", "1"], ["1.0", "0.0", "0.3333333333333333", "0.6666666666666666"]])
    func sharesAsRecordsStoreThemSumAsBefore(shares: [String]) {
        var generator = SystemRandomNumberGenerator()
        let exact = !shares.contains { $0.hasPrefix("0.3") }
        var rows: [(String, Int, Bool)] = []
        for _ in 0..<500 {
            let text = Metric.allCases.filter { _ in Bool.random(using: &generator) }
                .map { "\($0.rawValue)=\(shares.randomElement(using: &generator)!)" }.joined(separator: ";")
            rows.append((text, Int.random(in: 0...5, using: &generator), Bool.random(using: &generator)))
        }
        for linksChecked in [false, true] {
            let checked = SourceTally.metrics(linksChecked: linksChecked)
            let (expected, actual) = (Self.reference(rows, checked: checked), Self.summed(rows, checked: checked))
            #expect(Self.close(expected, actual, histogram: exact))
            #expect(abs(expected.percent - actual.percent) < 1e-9)
            #expect(actual.histogram.reduce(0, +) == 500)
        }
    }

    @Test func oddTextIsReadAsRecordScoreReadsIt() {
        let rows: [(String, Int, Bool)] = [
            ("", 0, false),
            ("modified=1.0;keywords=0.5", 1, true),  // out of metric order
            ("unknown=1.0;themes=abc;spatial=;=1;licence", 2, false),  // unknown metric, unreadable shares
            ("issued=1e0;format=-0.5;byte-size=.5;rights=2.", 3, false),  // forms only Double(_:) reads
            ("keywords=1.0;;themes=0.25;", 0, false),
        ]
        let checked = SourceTally.metrics(linksChecked: false)
        let (expected, actual) = (Self.reference(rows, checked: checked), Self.summed(rows, checked: checked))
        #expect(Self.close(expected, actual))
        #expect(actual.records == 5 && actual.openLicences == 1 && actual.distributions == 6)
        #expect(actual.passed[.keywords] == 1.5)
        #expect(actual.failing[.keywords] == 4, "absent counts as failing, 0.5 too; only the full share passes")
    }
}
