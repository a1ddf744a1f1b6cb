import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("FrequencyRule")
struct FrequencyTests {
    static let cases: [(String, String?, String?)] = [
        // (published, EU code or nil when unknown, rule)
        // samples/ckan/*.json extras "frequency": "monthly", "R/P1M", "Continuous", EU URIs.
        ("monthly", "MONTHLY", "frequency.word"),
        ("Monthly", "MONTHLY", "frequency.word"),
        ("R/P1M", "MONTHLY", "frequency.iso8601"),
        ("Continuous", "CONT", "frequency.word"),
        ("http://publications.europa.eu/resource/authority/frequency/ANNUAL", "ANNUAL", nil),
        ("https://publications.europa.eu/resource/authority/frequency/monthly", "MONTHLY", "frequency.eu-uri"),
        // DCAT-US accrualPeriodicity: datajson/agency_cms.data.json "R/P1D", "R/P1W", "R/P1Y", "R/P3M", "R/P6M", "R/P2W",
        // "R/P3.5D"; datajson/agency_fda.data.json "R/PT1S" (continuously updated), "R/PT1H"; "irregular".
        ("R/P1D", "DAILY", "frequency.iso8601"),
        ("R/P1W", "WEEKLY", "frequency.iso8601"),
        ("R/P1Y", "ANNUAL", "frequency.iso8601"),
        ("R/P3M", "QUARTERLY", "frequency.iso8601"),
        ("R/P6M", "ANNUAL_2", "frequency.iso8601"),
        ("R/P2W", "BIWEEKLY", "frequency.iso8601"),
        ("R/P3.5D", "WEEKLY_2", "frequency.iso8601"),
        ("R/PT1S", "UPDATE_CONT", "frequency.iso8601"),
        ("R/PT1H", "HOURLY", "frequency.iso8601"),
        ("P1Y", "ANNUAL", "frequency.iso8601"),
        ("R/2020-01-01/P1D", "DAILY", "frequency.iso8601"),
        ("irregular", "IRREG", "frequency.word"),
        ("daily", "DAILY", "frequency.word"),
        // CKAN: ckan/magda_brisbane_package_search_100.json update_frequency "annually", "biannually", "real_time",
        // "infrequent" (magda_dwaga), "quarterly", "other"; magda_dsaga update_freq "asRequired", "asNeeded",
        // "notPlanned", "unknown"; ckan/transportdata.be_package_show_cambio.json "On occurence".
        ("annually", "ANNUAL", "frequency.word"),
        ("yearly", "ANNUAL", "frequency.word"),
        ("biannually", "ANNUAL_2", "frequency.word"),
        ("quarterly", "QUARTERLY", "frequency.word"),
        ("real_time", "UPDATE_CONT", "frequency.word"),
        ("infrequent", "IRREG", "frequency.word"),
        ("other", "OTHER", "frequency.word"),
        ("asRequired", "AS_NEEDED", "frequency.word"),
        ("asNeeded", "AS_NEEDED", "frequency.word"),
        ("as needed", "AS_NEEDED", "frequency.word"),
        ("notPlanned", "NOT_PLANNED", "frequency.word"),
        ("unknown", "UNKNOWN", "frequency.word"),
        ("On occurence", "AS_NEEDED", "frequency.word"),
        ("Updated weekly", "WEEKLY", "frequency.word"),
        ("fortnightly", "BIWEEKLY", "frequency.word"),
        // ISO 19115 MD_MaintenanceFrequencyCode: csw/geodatagov_noaa_ncei_iso19115-2_large.xml "continual".
        ("continual", "CONT", "frequency.word"),
        // EU codes, Dublin Core, French and German words.
        ("IRREG", "IRREG", "frequency.code"),
        ("UPDATE_CONT", "UPDATE_CONT", "frequency.code"),
        ("http://purl.org/cld/freq/quarterly", "QUARTERLY", "frequency.cld-uri"),
        ("mensuel", "MONTHLY", "frequency.word"),
        ("trimestrielle", "QUARTERLY", "frequency.word"),
        ("hebdomadaire", "WEEKLY", "frequency.word"),
        ("täglich", "DAILY", "frequency.word"),
        ("jährlich", "ANNUAL", "frequency.word"),
        ("unregelmäßig", "IRREG", "frequency.word"),
        // HDX data_update_frequency (ckan/hdx_unesco_dataset_package.json "90"), in days.
        ("90", "QUARTERLY", "frequency.days"),
        ("365", "ANNUAL", "frequency.days"),
        ("0", "UPDATE_CONT", "frequency.days"),
        ("-1", "NEVER", "frequency.days"),
        // Unknown: ckan/magda_dsaga_package_search.json "Every 2 minutes"; an unknown EU code.
        ("Every 2 minutes", nil, nil),
        ("http://publications.europa.eu/resource/authority/frequency/SOMETIMES", nil, nil),
        ("R/P17D", nil, nil),
        ("42", nil, nil),
    ]

    @Test("reads one frequency", arguments: cases)
    func reads(_ published: String, _ code: String?, _ rule: String?) {
        var record = VocabSweep.record()
        let concept = published.hasPrefix("http") ? Concept(uri: published) : Concept(label: published)
        record.frequency = concept
        var issues: [RecordIssue] = []
        FrequencyRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        if let code {
            #expect(record.frequency == Concept(uri: FrequencyRule.frequencyPrefix + code, label: FrequencyTable.labels[code],
                                                scheme: "eu-frequency"))
            #expect(issues.isEmpty)
        } else {
            #expect(record.frequency == concept)
            #expect(issues.map(\.code) == ["frequency.unknown"])
            #expect(issues.first?.severity == .info)
        }
        #expect(record.notes.first?.rule == rule)
        if let note = record.notes.first {
            #expect(note.field == "frequency")
            #expect(note.raw == published)
        }
    }

    @Test func prefersTheURIAndIsIdempotent() {
        var record = VocabSweep.record()
        record.frequency = Concept(uri: "http://publications.europa.eu/resource/authority/frequency/WEEKLY", label: "Wöchentlich")
        var issues: [RecordIssue] = []
        FrequencyRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.frequency?.label == "weekly")
        #expect(record.notes.isEmpty)
        let once = record
        FrequencyRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record == once)
        #expect(issues.isEmpty)
    }

    @Test func tableIsConsistent() {
        #expect(FrequencyTable.labels.count == 40)  // the current list's 41 codes but OP_DATPRO
        for code in Array(FrequencyTable.words.values) + Array(FrequencyTable.durations.values) + Array(FrequencyTable.days.values)
            + Array(FrequencyTable.cld.values) {
            #expect(FrequencyTable.labels[code] != nil, "\(code)")
        }
        for (code, label) in FrequencyTable.labels { #expect(FrequencyTable.words[FrequencyRule.fold(label)] == code, "\(label)") }
    }

    // MARK: - Corpus sweep

    @Test("corpus sweep: published frequencies")
    func sweep() {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        let values = VocabSweep.values(forKeys: ["accrualPeriodicity", "frequency", "accrual_periodicity", "update_freq",
                                                 "data_update_frequency", "update_frequency", "frequency-of-update"])
        let result = VocabSweep.share(of: values) { FrequencyRule.read($0) != nil }
        VocabSweep.report("frequency", values, result)
        #expect(values.count >= 30)
        #expect(result.distinct >= 0.95)
        #expect(result.weighted >= 0.99)
    }
}
