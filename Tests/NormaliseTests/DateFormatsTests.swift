import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("Date formats beyond ISO 8601")
struct DateFormatsTests {
    typealias Order = NormalisationContext.DateOrder

    @Test("reads single dates and notes the rule", arguments: [
        // ISO 8601 still first: microseconds without zone (ckan `metadata_modified`), a space for `T`.
        ("2017-08-08T16:50:26.263353", Order.unknown, "2017-08-08T16:50:26", "date.iso8601"),
        ("2019-06-27 12:41:27", .unknown, "2019-06-27T12:41:27", "date.iso8601"),
        ("2019-03-04T10:21:33 UTC", .unknown, "2019-03-04T10:21:33Z", "date.iso8601"),
        // RFC 822 in RSS/Atom (atom_rss feeds: `Tue, 3 Apr 2007 22:04:11 GMT`).
        ("Tue, 03 Jun 2008 11:05:30 GMT", .unknown, "2008-06-03T11:05:30Z", "date.rfc822"),
        ("Tue, 3 Apr 2007 22:04:11 GMT", .unknown, "2007-04-03T22:04:11Z", "date.rfc822"),
        ("Wed, 02 Oct 2002 08:00:00 EST", .unknown, "2002-10-02T13:00:00Z", "date.rfc822"),
        ("Wed, 02 Oct 2002 15:00:00 +0200", .unknown, "2002-10-02T13:00:00Z", "date.rfc822"),
        ("02 Oct 02 15:00 +0200", .unknown, "2002-10-02T13:00Z", "date.rfc822"),
        ("Tue, 03-Jun-2008 11:05:30 GMT", .unknown, "2008-06-03T11:05:30Z", "date.rfc822"),
        ("Sat, 01 Jan 2000 00:30:00 +0100", .unknown, "1999-12-31T23:30:00Z", "date.rfc822"),
        // DD/MM: data.london (dcat_turtle/ckanext-dcat_dataset_deri.ttl `dct:issued "06/05/2009"`).
        ("06/05/2009", .dayFirst, "2009-05-06", "date.dmy"),
        ("06/05/2009", .monthFirst, "2009-06-05", "date.mdy"),
        ("25/05/2009", .unknown, "2009-05-25", "date.dmy"),
        ("25/05/2009", .monthFirst, "2009-05-25", "date.dmy"),
        ("05/25/2009", .dayFirst, "2009-05-25", "date.mdy"),
        ("05/05/2009", .unknown, "2009-05-05", "date.dmy"),
        ("6/5/2009 12:00:00 AM", .monthFirst, "2009-06-05T00:00:00", "date.mdy"),
        ("6/5/2009 1:30 PM", .monthFirst, "2009-06-05T13:30", "date.mdy"),
        // German style (samples; `14.12.2017`); a dot is never month-first.
        ("14.12.2017", .unknown, "2017-12-14", "date.dmy"),
        ("03.04.2017", .unknown, "2017-04-03", "date.dmy"),
        ("03.04.2017", .monthFirst, "2017-03-04", "date.mdy"),
        ("19-12-2019", .unknown, "2019-12-19", "date.dmy"),
        // DKAN in French (ckan/udata_dkan_package_show_french.json `created`).
        ("jeu, 19/12/2019 - 03:00", .unknown, "2019-12-19T03:00", "date.dmy"),
        // The day name decides (same file, `metadata_created`: Tuesday 10 December, not Saturday 12 October).
        ("mar, 10/12/2019 - 09:23", .unknown, "2019-12-10T09:23", "date.dmy"),
        ("Sat, 10/12/2019", .unknown, "2019-10-12", "date.mdy"),
        ("2019/06/27", .unknown, "2019-06-27", "date.ymd"),
        ("2019-3-4", .unknown, "2019-03-04", "date.ymd"),
        // Month names (datajson/datagov-harvester… `as_of_date: "Tuesday, August 18, 2015"`).
        ("Tuesday, August 18, 2015", .unknown, "2015-08-18", "date.text"),
        ("August 18th, 2015", .unknown, "2015-08-18", "date.text"),
        ("18 August 2015", .unknown, "2015-08-18", "date.text"),
        ("18. März 2015", .unknown, "2015-03-18", "date.text"),
        ("1er janvier 2015", .unknown, "2015-01-01", "date.text"),
        ("18 de agosto de 2015", .unknown, "2015-08-18", "date.text"),
        ("Aug 2015", .unknown, "2015-08", "date.text"),
        ("Tue, 03 Jun 2008", .unknown, "2008-06-03", "date.text"),
        // Unix times (other_portals Socrata: `createdAt: 1398014181`, `viewLastModified: 1451289003`).
        ("1398014181", .unknown, "2014-04-20T17:16:21Z", "date.epoch"),
        ("1451289003", .unknown, "2015-12-28T07:50:03Z", "date.epoch"),
        ("1451289003000", .unknown, "2015-12-28T07:50:03Z", "date.epoch"),
        ("1451289003.25", .unknown, "2015-12-28T07:50:03Z", "date.epoch"),
        // ISO basic format (datajson/datagov-harvester_dcatus_long_description.json `modified: "20201117"`, gco:Date).
        ("20201117", .unknown, "2020-11-17", "date.iso8601-basic"),
        ("20121101T120000Z", .unknown, "2012-11-01T12:00:00Z", "date.iso8601-basic"),
        // Years before the common era: astronomical numbering (DataCite `-0024` = 25 BC).
        ("-0500", .unknown, "-0500", "date.bce"),
        ("-0024", .unknown, "-0024", "date.bce"),
        ("500 BC", .unknown, "-0499", "date.bce"),
        ("500 B.C.", .unknown, "-0499", "date.bce"),
        ("44 BCE", .unknown, "-0043", "date.bce"),
        ("1 BC", .unknown, "0000", "date.bce"),
        ("-0500-03-15", .unknown, "-0500-03-15", "date.bce"),
        ("AD 79", .unknown, "0079", "date.era"),
        // ISO 8601 week and ordinal dates (none in the corpus; weekly and daily statistical series use them).
        // A day becomes its calendar date; a whole week keeps its precision in the week form.
        ("2023-W05", .unknown, "2023-W05", "date.iso8601-week"),
        ("2023-w05", .unknown, "2023-W05", "date.iso8601-week"),
        ("2023W05", .unknown, "2023-W05", "date.iso8601-week"),
        ("2023-W05-3", .unknown, "2023-02-01", "date.iso8601-week"),
        ("2023W053", .unknown, "2023-02-01", "date.iso8601-week"),
        ("2020-W01-1", .unknown, "2019-12-30", "date.iso8601-week"),
        ("2020-W53-7", .unknown, "2021-01-03", "date.iso8601-week"),
        ("2015-W53", .unknown, "2015-W53", "date.iso8601-week"),
        ("2023-W05-3T10:30:00+01:00", .unknown, "2023-02-01T09:30:00Z", "date.iso8601-week"),
        ("2023-045", .unknown, "2023-02-14", "date.iso8601-ordinal"),
        ("2020-366", .unknown, "2020-12-31", "date.iso8601-ordinal"),
        ("2023-001T00:00Z", .unknown, "2023-01-01T00:00Z", "date.iso8601-ordinal"),
    ])
    func reads(input: String, order: Order, iso: String, rule: String) {
        #expect(DateReader.read(input, order: order) == .date(iso: iso, rule: rule))
    }

    @Test("reads ranges", arguments: [
        // HDX Solr range (ckan/hdx_unesco_dataset_package.json `dataset_date`).
        ("[1970-01-01T00:00:00 TO 2019-12-31T23:59:59]", "1970-01-01T00:00:00", "2019-12-31T23:59:59"),
        ("[2019-01-01T00:00:00Z TO *]", "2019-01-01T00:00:00Z", nil),
        ("[* TO 2019-12-31]", nil, "2019-12-31"),
        ("[2019-01-01 TO NOW]", "2019-01-01", nil),
        // data.json `temporal` (datajson/*: `2022-01-01/2022-12-31`, ckan `1993/2005`, `2001-01/2001-12`).
        ("2010-01-01/2015-12-31", "2010-01-01", "2015-12-31"),
        ("1993/2005", "1993", "2005"),
        ("2001-01/2001-12", "2001-01", "2001-12"),
        ("2010-01-01/", "2010-01-01", nil),
        ("2010-01-01/..", "2010-01-01", nil),
        ("../2015", nil, "2015"),
        ("2023-W01/2023-W10", "2023-W01", "2023-W10"),
        ("2010-01-01T00:00:00Z/2010-12-31T23:59:59Z", "2010-01-01T00:00:00Z", "2010-12-31T23:59:59Z"),
        ("2010-01-01/9999-12-31", "2010-01-01", nil),
        ("2010/present", "2010", nil),
        // DataCite (other_portals/datacite_ancientdates_v4.3.xml: "from 25 BC to 23 BC").
        ("-0024/-0022", "-0024", "-0022"),
        ("2010-2015", "2010", "2015"),
        ("2010 – 2015", "2010", "2015"),
        ("2010 to 2015", "2010", "2015"),
        // Spans with era words (other_portals/datacite_ancientdates_v4.3.xml: "Silver Denarius of Augustus, Emerita,
        // 25 BC - 23 BC", dateInformation "from 25 BC to 23 BC").
        ("25 BC - 23 BC", "-0024", "-0022"),
        ("25 BC to 23 BC", "-0024", "-0022"),
        ("500 B.C. – 400 B.C.", "-0499", "-0399"),
        ("500-400 BC", "-0499", "-0399"),
        ("44 BC - AD 14", "-0043", "0014"),
        ("79 AD - 80 AD", "0079", "0080"),
    ] as [(String, String?, String?)])
    func ranges(input: String, start: String?, end: String?) {
        #expect(DateReader.read(input) == .range(start: start, end: end, rule: "date.range"))
    }

    @Test("reads a start or an end given as a duration by ISO 8601 date arithmetic", arguments: [
        // None in the corpus (its data.json `temporal` values all name both ends); the forms ISO 8601 allows.
        ("2020-01-01/P1Y", "2020-01-01", "2021-01-01"),
        ("P1M/2021-03-01", "2021-02-01", "2021-03-01"),
        ("2020/P2Y", "2020", "2022"),
        ("2020-01/P3M", "2020-01", "2020-04"),
        // A finer duration than the date gives the end at the duration's precision.
        ("2020/P6M", "2020", "2020-07"),
        ("2020-01-01/P1DT12H", "2020-01-01", "2020-01-02T12:00"),
        // Month arithmetic keeps the day inside the month.
        ("2020-01-31/P1M", "2020-01-31", "2020-02-29"),
        ("2020-01-01/P1W", "2020-01-01", "2020-01-08"),
        ("2010-01-01/P1Y2M10DT2H30M", "2010-01-01", "2011-03-11T02:30"),
        ("2019-12-31T22:00Z/PT3H", "2019-12-31T22:00Z", "2020-01-01T01:00Z"),
        ("PT36H/2020-01-02T12:00:00Z", "2020-01-01T00:00:00Z", "2020-01-02T12:00:00Z"),
        ("2020-03-01 / P1D", "2020-03-01", "2020-03-02"),
        ("-0500/P100Y", "-0500", "-0400"),
    ] as [(String, String?, String?)])
    func durations(input: String, start: String?, end: String?) {
        #expect(DateReader.read(input) == .range(start: start, end: end, rule: "date.duration"))
    }

    @Test("keeps the known side of an interval whose duration it cannot add")
    func unaddableDurations() {
        // A fractional duration and a week: the end stays unknown, as before.
        #expect(DateReader.read("2010-01-01/P1.5Y") == .range(start: "2010-01-01", end: nil, rule: "date.range"))
        #expect(DateReader.read("2023-W05/P2W") == .range(start: "2023-W05", end: nil, rule: "date.range"))
        // Two durations name no date at all.
        #expect(DateReader.read("P1Y/P2Y") == .unreadable)
    }

    @Test("recognises placeholders, open ends and repeating intervals")
    func placeholders() {
        // magda_dsaga / magda_hobart `temporal_coverage_from`: "Not Known", "N/A"; pycsw `PYCSW_TIMESTAMP`.
        for text in ["N/A", "n/a", "unknown", "null", "None", "Not Known", "-", "0000-00-00", "PYCSW_TIMESTAMP",
                     "{{modified}}", "TBD/TBD", "../..", "0001-01-01", "0001-01-01T00:00:00", "9999-12-31", "9999", "1900-01-01", "1900-01-01T00:00:00"] {
            #expect(DateReader.read(text) == .placeholder, "\(text)")
        }
        // 1900-01-01 is a placeholder in metadata dates only; a coverage may start then.
        #expect(DateReader.read("1900-01-01", metadata: false) == .date(iso: "1900-01-01", rule: "date.iso8601"))
        // The CET midnight of 1 January 1901 written in UTC is a real date (dcat_rdfxml `dct:issued`).
        #expect(DateReader.read("1900-12-31T23:00:00Z") == .date(iso: "1900-12-31T23:00:00Z", rule: "date.iso8601"))
        for text in ["present", "Current", "..", "ongoing"] { #expect(DateReader.read(text) == .open, "\(text)") }
        // agency_usaid.data.json `modified: "R/P1D"` (121 datasets).
        for text in ["R/P1D", "R/PT1H", "R/P3.5D", "R5/P1W", "R/2019-01-01/P1M"] {
            #expect(DateReader.read(text) == .repeating, "\(text)")
        }
    }

    @Test("keeps ambiguous numeric dates and refuses non-dates", arguments: [
        "06/05/2009", "6/5/2009 12:00:00 AM", "01-02-2019", "Sun, 10/12/2019",
    ])
    func ambiguous(input: String) {
        #expect(DateReader.read(input, order: .unknown) == .ambiguous)
    }

    @Test("refuses what is not a date", arguments: [
        "last tuesday", "Date changed  jeu, 19/12/2019 - 03:00", "06/05/09", "31/02/2019", "13/13/2019", "123456789",
        "99999999999", "2019/05", "R/", "Rome", "P1Y", "2015-2010", "5000000000", "Tue, 32 Jun 2008 11:05:30 GMT",
        "Tue, 03 Jun 2008 11:05:30 XYZ", "14.12.17", "2019-03-04T10:21:33+15:00", "1a/2b/2019",
        // Weeks and days that do not exist, and near misses.
        "2023-W00", "2023-W54", "2021-W53", "2023-W05-8", "2023-W05-0", "2023-W5", "2023-W05T10:00", "2023-000",
        "2023-366", "2023-0451", "2023-45", "2023045",
        // An era word makes a span of years only when both sides are years.
        "500 BC - Rome", "BC - 400 BC", "500 - 400", "25 BC - 23 BC - 21 BC",
    ])
    func refuses(input: String) {
        #expect(DateReader.read(input) == .unreadable)
    }
}

@Suite("Date rule")
struct DateRuleTests {
    func record(_ build: (inout CatalogRecord) -> Void) -> CatalogRecord {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        build(&record)
        return record
    }

    @Test func notesEachRuleAndReadsWithTheSourceOrder() {
        let input = record {
            $0.issued = CatalogDate(raw: "06/05/2009")
            $0.modified = CatalogDate(raw: "Tue, 03 Jun 2008 11:05:30 GMT")
        }
        let (dayFirst, issues) = DateRule().applyingAlone(input, NormalisationContext(dateOrder: .dayFirst))
        #expect(dayFirst.issued == CatalogDate(raw: "06/05/2009", iso: "2009-05-06"))
        #expect(dayFirst.modified?.iso == "2008-06-03T11:05:30Z")
        #expect(dayFirst.notes.map(\.rule) == ["date.dmy", "date.rfc822"])
        #expect(issues.isEmpty)

        let (unknown, unknownIssues) = DateRule().applyingAlone(input, NormalisationContext())
        #expect(unknown.issued == CatalogDate(raw: "06/05/2009", iso: nil))
        #expect(unknownIssues.map(\.code) == ["date.ambiguous"])
        #expect(unknownIssues.first?.severity == .warning)
    }

    @Test func dropsPlaceholdersWithANoteAndAnInfoIssue() {
        let (output, issues) = DateRule().applyingAlone(record {
            $0.issued = CatalogDate(raw: "9999-12-31")
            $0.modified = CatalogDate(raw: " N/A ")
        }, NormalisationContext())
        #expect(output.issued == nil && output.modified == nil)
        #expect(output.notes == [FieldNote(field: "issued", raw: "9999-12-31", value: "", rule: "date.placeholder"),
                                 FieldNote(field: "modified", raw: "N/A", value: "", rule: "date.placeholder")])
        #expect(issues.map(\.code) == ["date.placeholder", "date.placeholder"])
        #expect(issues.allSatisfy { $0.severity == .info })
    }

    @Test func dropsEmptyDatesWithANoteOnly() {
        let (output, issues) = DateRule().applyingAlone(record {
            $0.issued = CatalogDate(raw: "  ")
            $0.modified = CatalogDate(raw: "")
        }, NormalisationContext())
        #expect(output.issued == nil && output.modified == nil)
        #expect(output.notes.map(\.rule) == ["date.empty", "date.empty"])
        #expect(issues.isEmpty)
    }

    @Test func keepsTheStartOfARangeInModified() {
        let (output, issues) = DateRule().applyingAlone(record {
            $0.modified = CatalogDate(raw: "[1970-01-01T00:00:00 TO 2019-12-31T23:59:59]")
        }, NormalisationContext())
        #expect(output.modified?.iso == "1970-01-01T00:00:00")
        #expect(output.notes.first?.rule == "date.range")
        #expect(issues.isEmpty)
    }

    @Test func splitsARangeInATemporalStart() {
        let (output, _) = DateRule().applyingAlone(record {
            $0.temporal = [TemporalCoverage(start: CatalogDate(raw: "2010-01-01/2015-12-31")),
                           TemporalCoverage(start: CatalogDate(raw: "[1970-01-01T00:00:00 TO 2019-12-31T23:59:59]"),
                                            end: nil),
                           TemporalCoverage(start: CatalogDate(raw: "1976"), end: CatalogDate(raw: "2001/2005")),
                           TemporalCoverage(start: CatalogDate(raw: "1982"), end: CatalogDate(raw: "present"))]
        }, NormalisationContext())
        #expect(output.temporal.map { $0.start?.iso } == ["2010-01-01", "1970-01-01T00:00:00", "1976", "1982"])
        #expect(output.temporal.map { $0.end?.iso } == ["2015-12-31", "2019-12-31T23:59:59", "2005", nil])
        #expect(output.notes.contains(FieldNote(field: "temporal[0].start", raw: "2010-01-01/2015-12-31",
                                                value: "2010-01-01/2015-12-31", rule: "date.range")))
        #expect(output.notes.contains(FieldNote(field: "temporal[3].end", raw: "present", value: "", rule: "date.open")))
    }

    @Test func computesTheSideOfASpanGivenAsADuration() {
        let (output, issues) = DateRule().applyingAlone(record {
            $0.temporal = [TemporalCoverage(start: CatalogDate(raw: "2020-01-01/P1Y")),
                           TemporalCoverage(start: CatalogDate(raw: "P1M/2021-03-01"))]
        }, NormalisationContext())
        #expect(output.temporal == [
            TemporalCoverage(start: CatalogDate(raw: "2020-01-01/P1Y", iso: "2020-01-01"), end: CatalogDate(raw: "2020-01-01/P1Y", iso: "2021-01-01")),
            TemporalCoverage(start: CatalogDate(raw: "P1M/2021-03-01", iso: "2021-02-01"), end: CatalogDate(raw: "P1M/2021-03-01", iso: "2021-03-01")),
        ])
        #expect(output.notes == [FieldNote(field: "temporal[0].start", raw: "2020-01-01/P1Y", value: "2020-01-01/2021-01-01", rule: "date.duration"),
                                 FieldNote(field: "temporal[1].start", raw: "P1M/2021-03-01", value: "2021-02-01/2021-03-01", rule: "date.duration")])
        #expect(issues.isEmpty)
    }

    @Test func swapsASpanThatEndsBeforeItStartsAndReportsIt() {
        // None in the corpus; the two ways a source can write one: two fields, and one interval.
        let (output, issues) = DateRule().applyingAlone(record {
            $0.temporal = [TemporalCoverage(start: CatalogDate(raw: "2015-12-31"), end: CatalogDate(raw: "2010-01-01")),
                           TemporalCoverage(start: CatalogDate(raw: "2015/2010")),
                           TemporalCoverage(start: CatalogDate(raw: "-0022"), end: CatalogDate(raw: "-0024")),
                           TemporalCoverage(start: CatalogDate(raw: "2021-03-01T12:00:00Z"), end: CatalogDate(raw: "2021-03-01T08:00:00Z"))]
        }, NormalisationContext())
        #expect(output.temporal.map { $0.start?.iso } == ["2010-01-01", "2010", "-0024", "2021-03-01T08:00:00Z"])
        #expect(output.temporal.map { $0.end?.iso } == ["2015-12-31", "2015", "-0022", "2021-03-01T12:00:00Z"])
        #expect(output.temporal.first?.start?.raw == "2010-01-01")
        #expect(output.notes.filter { $0.rule == "date.temporal.reversed" } == [
            FieldNote(field: "temporal[0]", raw: "2015-12-31/2010-01-01", value: "2010-01-01/2015-12-31", rule: "date.temporal.reversed"),
            FieldNote(field: "temporal[1]", raw: "2015/2010", value: "2010/2015", rule: "date.temporal.reversed"),
            FieldNote(field: "temporal[2]", raw: "-0022/-0024", value: "-0024/-0022", rule: "date.temporal.reversed"),
            FieldNote(field: "temporal[3]", raw: "2021-03-01T12:00:00Z/2021-03-01T08:00:00Z",
                      value: "2021-03-01T08:00:00Z/2021-03-01T12:00:00Z", rule: "date.temporal.reversed"),
        ])
        #expect(issues.map(\.code) == Array(repeating: "date.temporal.reversed", count: 4))
        #expect(issues.allSatisfy { $0.severity == .warning })
        #expect(issues.first?.message.hasSuffix("field 'temporal[0]': the period ends (2010-01-01) before it starts (2015-12-31); "
                                                + "its start and end were swapped.") == true)
    }

    @Test("leaves spans in order, equal or of different precision alone", arguments: [
        ("2015-06", "2015"), ("2015", "2015-06"), ("2010-01-01", "2010-01-01"), ("2010", "2015"), ("2023-W05", "2023-01-01"),
        ("2020-01-01T10:00", "2020-01-01"),
    ])
    func keepsSpansInOrder(start: String, end: String) {
        let (output, issues) = DateRule().applyingAlone(record {
            $0.temporal = [TemporalCoverage(start: CatalogDate(raw: start), end: CatalogDate(raw: end))]
        }, NormalisationContext())
        #expect(output.temporal.first?.start?.raw == start)
        #expect(issues.isEmpty)
    }

    @Test func turnsARepeatingIntervalIntoTheFrequency() {
        // agency_usaid.data.json: `"modified": "R/P1D"`.
        let (output, issues) = DateRule().applyingAlone(record { $0.modified = CatalogDate(raw: "R/P1D") }, NormalisationContext())
        #expect(output.modified == nil)
        #expect(output.frequency == Concept(label: "R/P1D"))
        #expect(output.notes == [FieldNote(field: "modified", raw: "R/P1D", value: "", rule: "date.repeating-interval"),
                                 FieldNote(field: "frequency", raw: "R/P1D", value: "R/P1D", rule: "date.repeating-interval")])
        #expect(issues.isEmpty)

        // A published frequency wins; the interval only leaves the date.
        let (kept, _) = DateRule().applyingAlone(record {
            $0.modified = CatalogDate(raw: "R/P1D")
            $0.frequency = Concept(label: "annual")
        }, NormalisationContext())
        #expect(kept.frequency == Concept(label: "annual"))
        #expect(kept.modified == nil)
    }

    @Test func removesSpansLeftEmpty() {
        let (output, _) = DateRule().applyingAlone(record {
            $0.temporal = [TemporalCoverage(start: CatalogDate(raw: "N/A"), end: CatalogDate(raw: "Not Known")),
                           TemporalCoverage(start: CatalogDate(raw: "2020"))]
        }, NormalisationContext())
        #expect(output.temporal == [TemporalCoverage(start: CatalogDate(raw: "2020", iso: "2020"))])
    }

    @Test func readsDistributionDatesThroughTheSameReader() {
        var distribution = Distribution()
        distribution.modified = CatalogDate(raw: "1451289003")
        distribution.issued = CatalogDate(raw: "0001-01-01T00:00:00")
        let (output, issues) = Normaliser(rules: [DistributionRule()]).normalise(record { $0.distributions = [distribution] })
        #expect(output.distributions.first?.modified?.iso == "2015-12-28T07:50:03Z")
        #expect(output.distributions.first?.issued == nil)
        #expect(issues.map(\.code) == ["date.placeholder"])
    }
}

extension NormalisationRule {
    /// The record after this rule alone, and its issues.
    func applyingAlone(_ record: CatalogRecord, _ context: NormalisationContext) -> (CatalogRecord, [RecordIssue]) {
        var record = record
        var issues: [RecordIssue] = []
        apply(to: &record, issues: &issues, context: context)
        return (record, issues)
    }
}
