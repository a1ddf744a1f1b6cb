import CatalogModel
import Foundation
import Quality
import Testing

@Suite("Source tallies and fixes")
struct FixTests {
    static func tally(_ records: [CatalogRecord], links: LinkStatus = .unchecked) -> SourceTally {
        let evaluator = RecordEvaluator(today: Fixtures.today, links: links)
        var tally = SourceTally(checked: SourceTally.metrics(linksChecked: links.checked))
        for record in records { tally.add(evaluator.evaluate(record), distributions: record.distributions.count) }
        return tally
    }

    @Test func aSourceScoresTheMeanOfItsRecords() {
        let tally = Self.tally([Fixtures.complete, Fixtures.bare, Fixtures.mixed])
        #expect(tally.records == 3)
        #expect(tally.distributions == 3)
        #expect(abs(tally.score - (325 + 0 + 237.5) / 3) < 1e-9)
        #expect(tally.maximum == 325)
        #expect(tally.histogram == [1, 0, 0, 0, 0, 0, 0, 1, 0, 1], "0%, 73.1% and 100%")
        #expect(tally.failing[.themes] == 2)
        #expect(tally.openLicences == 2, "the complete and the mixed record are under CC BY 4.0")
        let findability = tally.dimension(.findability)
        #expect(abs(findability.points - (100 + 0 + 50) / 3) < 1e-9)
        #expect(findability.maximum == 100)
    }

    @Test func fixesAreRankedByThePointsTheyWouldAdd() {
        let tally = Self.tally([Fixtures.complete, Fixtures.bare, Fixtures.mixed])
        let fixes = Fix.ranked(tally)
        // themes: 2 of 3 records miss them, 30 × 2/3 = 20 points; temporal 20 × 2/3; then four worth 10 points, in
        // the MQA order: keywords (30 × 1/3), download URL and machine readable (20 × 1.5/3), DCAT-AP (30 × 1/3).
        #expect(Array(fixes.map(\.metric).prefix(6)) == [.themes, .temporal, .keywords, .downloadURL, .machineReadable, .dcatAP])
        #expect(fixes[0].records == 2 && fixes[0].total == 3)
        #expect(fixes[0].sentence(maximum: tally.maximum)
                == "2 of 3 datasets have no theme or category: adding a theme from the EU data-theme vocabulary would raise the score by 20 points (of 325).")
        #expect(zip(fixes, fixes.dropFirst()).allSatisfy { $0.gain >= $1.gain })
        let total = fixes.map(\.gain).reduce(0, +)
        #expect(abs(tally.score + total - 325) < 1e-9, "every fix together brings the source to the maximum")
    }

    @Test func theLicenceFixIsPhrasedForThePublisher() {
        var tally = SourceTally(checked: SourceTally.metrics(linksChecked: false))
        let with = RecordScore(shares: [.licence: 1], findings: [])
        let without = RecordScore(shares: [.licence: 0], findings: [Finding(metric: .licence, location: "license")])
        for index in 0..<1000 { tally.add(index < 412 ? without : with, distributions: 1) }
        let fix = Fix.ranked(tally).first { $0.metric == .licence }
        #expect(fix?.sentence(maximum: 325)
                == "412 of 1,000 datasets have no licence: adding one would raise the score by 8.2 points (of 325).")
    }

    @Test func linkChecksAddTheirMetricsToTheMaximum() {
        let tally = Self.tally([Fixtures.mixed], links: Fixtures.links)
        #expect(tally.maximum == 405)
        #expect(tally.score == 277.5)
        #expect(Fix.ranked(tally).contains { $0.metric == .accessURLAnswers && abs($0.gain - 25) < 1e-9 })
    }

    @Test func aTallyStoredBeforeTheOpenLicenceCountStillReads() throws {
        let tally = Self.tally([Fixtures.complete, Fixtures.mixed])
        let encoded = try JSONEncoder().encode(tally)
        #expect(try JSONDecoder().decode(SourceTally.self, from: encoded) == tally)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object["openLicences"] = nil
        let older = try JSONDecoder().decode(SourceTally.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.openLicences == 0)
        #expect(older.score == tally.score)
    }

    @Test func ratingsFollowTheMQABands() {
        #expect(Rating.of(percent: 100) == "excellent")
        #expect(Rating.of(percent: 351 / 4.05) == "excellent")
        #expect(Rating.of(percent: 350 / 4.05) == "good")
        #expect(Rating.of(percent: 221 / 4.05) == "good")
        #expect(Rating.of(percent: 220 / 4.05) == "sufficient")
        #expect(Rating.of(percent: 120 / 4.05) == "bad")
    }
}
