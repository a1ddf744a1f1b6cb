import CatalogModel
import Quality
import Testing

@Suite("Metrics on hand-built records")
struct MetricTests {
    let evaluator = RecordEvaluator(today: Fixtures.today)

    @Test func aCompleteRecordGetsEveryPoint() {
        let score = evaluator.evaluate(Fixtures.complete)
        #expect(score.points == 325)
        #expect(score.maximum == 325, "without a link check the 80 points of URL accessibility are left out")
        #expect(score.findings.isEmpty)
        let checked = RecordEvaluator(today: Fixtures.today, links: LinkStatus { _ in true }).evaluate(Fixtures.complete)
        #expect(checked.points == 405)
        #expect(checked.maximum == 405)
    }

    @Test func aRecordWithOnlyATitleGetsNothingAndSaysWhy() {
        let score = evaluator.evaluate(Fixtures.bare)
        #expect(score.points == 0)
        #expect(score.maximum == 325)
        #expect(Set(score.findings.map(\.metric)) == Set(Metric.allCases.filter { !$0.needsLinkCheck }))
        let dcat = score.findings.first { $0.metric == .dcatAP }
        #expect(dcat?.location == "description")
        #expect(dcat?.message == "The dataset lacks the DCAT-AP mandatory description (dct:description).")
        #expect(dcat?.severity == "error")
    }

    @Test func aMixedRecordScoresExactly() {
        let score = evaluator.evaluate(Fixtures.mixed)
        let expected: [Metric: Double] = [
            .keywords: 1, .themes: 0, .spatial: 1, .temporal: 0,
            .downloadURL: 0.5,
            .format: 1, .mediaType: 0.5, .formatVocabulary: 1, .nonProprietary: 1, .machineReadable: 0.5, .dcatAP: 1,
            .licence: 1, .licenceVocabulary: 1, .accessRights: 1, .accessRightsVocabulary: 1, .contactPoint: 1, .publisher: 1,
            .rights: 0, .byteSize: 0.5, .issued: 1, .modified: 0,
        ]
        #expect(score.shares == expected)
        // 50 findability + 10 accessibility + 95 interoperability + 75 reusability + 7.5 contextuality.
        #expect(score.points == 237.5)
        #expect(score.findings.first { $0.metric == .modified }?.detail == "2018-01-01", "modified before issued")
        #expect(score.findings.first { $0.metric == .downloadURL }?.location == "distributions[1].downloadURL")
        #expect(score.findings.first { $0.metric == .machineReadable }?.message
                == "Distribution 2 is not in a known machine-readable format (dct:format, dcat:mediaType). Found: 'PDF'.")

        let linked = RecordEvaluator(today: Fixtures.today, links: Fixtures.links).evaluate(Fixtures.mixed)
        #expect(linked.shares[.accessURLAnswers] == 0.5)
        #expect(linked.shares[.downloadURLAnswers] == 0.5, "the PDF has no download URL to answer")
        #expect(linked.points == 237.5 + 25 + 15)
        #expect(linked.maximum == 405)
    }

    @Test func malformedURLsAndImplausibleDatesFail() {
        var record = Fixtures.complete
        record.distributions[0].downloadURL = "htp:/files example/air.csv"
        record.distributions[0].accessURL = "files.example/air"
        record.distributions[0].mediaType = "CSV"
        record.issued = CatalogDate(raw: "2031-01-01", iso: "2031-01-01")
        record.modified = CatalogDate(raw: "someday")
        let score = evaluator.evaluate(record)
        #expect(score.shares[.downloadURL] == 0)
        #expect(score.shares[.dcatAP] == 0)
        #expect(score.findings.first { $0.metric == .dcatAP }?.location == "distributions[0].accessURL")
        #expect(score.shares[.mediaType] == 0)
        #expect(score.shares[.issued] == 0)
        #expect(score.shares[.modified] == 0)
        #expect(score.points == 325 - 20 - 30 - 10 - 5 - 5)
    }

    @Test func unknownLicencesAndFormatsLoseOnlyTheirVocabularyPoints() {
        var record = Fixtures.complete
        record.license = LicenseRef(raw: "city-terms-v2", title: "City terms")
        record.accessRights = Concept(label: "open")
        record.distributions[0].fileType = nil
        record.distributions[0].format = "Spreadsheet thing"
        let score = evaluator.evaluate(record)
        #expect(score.shares[.licence] == 1)
        #expect(score.shares[.licenceVocabulary] == 0)
        #expect(score.shares[.accessRights] == 1)
        #expect(score.shares[.accessRightsVocabulary] == 0)
        #expect(score.shares[.format] == 1)
        #expect(score.shares[.formatVocabulary] == 0)
        #expect(score.shares[.nonProprietary] == 0)
        #expect(score.shares[.machineReadable] == 0)
        #expect(score.points == 325 - 10 - 5 - 10 - 20 - 20)
    }

    @Test func openLicencesAreToldApartButNotScored() {
        #expect(evaluator.evaluate(Fixtures.complete).openLicence, "CC-BY-4.0")
        #expect(!evaluator.evaluate(Fixtures.bare).openLicence, "no licence")
        var record = Fixtures.complete
        record.license = LicenseRef(raw: "cc-by-3.0", spdx: "CC-BY-3.0")
        #expect(evaluator.evaluate(record).openLicence, "an older version of an open family")
        record.license = LicenseRef(raw: "cc-by-nc", spdx: "CC-BY-NC-4.0")
        let closed = evaluator.evaluate(record)
        #expect(!closed.openLicence)
        #expect(closed.points == 325, "recognised, so every licence point, open or not")
        record.license = Fixtures.licence()
        record.distributions[0].license = LicenseRef(raw: "proprietary")
        #expect(!evaluator.evaluate(record).openLicence, "a distribution under its own closed licence")
    }

    @Test func theWeightsAreTheMQAPoints() {
        #expect(Dimension.allCases.map(\.maximum) == [100, 100, 110, 75, 20])
        #expect(Metric.allCases.map(\.weight).reduce(0, +) == 405)
    }

    @Test func findingsSurviveTheirStoredForm() {
        let findings = evaluator.evaluate(Fixtures.mixed).findings
        #expect(Finding.parse(Finding.lines(findings)) == findings)
        let odd = Finding(metric: .issued, location: "issued", detail: "a\tb\nc")
        #expect(Finding.parse(Finding.lines([odd])).first?.detail == "a b c")
    }
}
