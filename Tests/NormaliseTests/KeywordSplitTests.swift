import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("KeywordSplitRule")
struct KeywordSplitTests {
    static let cases: [([String], [String])] = [
        // (published keywords, keywords after the split)
        // datajson/agency_dhs.data.json: one tag holds two, separated by ';'.
        (["FDA", "Information Center; Foods Help Desk"], ["FDA", "Information Center", "Foods Help Desk"]),
        (["a|b| c |", "d"], ["a", "b", "c", "d"]),
        // ';' and '|' split even when commas are inside; the commas stay.
        (["Culture, Sport; Health", "x"], ["Culture, Sport", "Health", "x"]),
        // An HTML entity's ';' is no separator.
        (["Fraud &amp; Abuse", "x"], ["Fraud &amp; Abuse", "x"]),
        // other_portals/schemaorg_gtex.json "keywords": "gtex, annotation, phenotype, gene regulation, transcriptomics":
        // the record's only keyword.
        (["gtex, annotation, phenotype, gene regulation, transcriptomics"],
         ["gtex", "annotation", "phenotype", "gene regulation", "transcriptomics"]),
        (["datacite, doi"], ["datacite", "doi"]),
        // Among other keywords a comma is part of one tag: datajson/agency_cms.data.json "Fraud, Waste, & Abuse Prevention",
        // dcat_rdfxml/udata_datara-5a26b0f6.rdf.xml "Culture, Société, Service".
        (["Medicare", "Fraud, Waste, & Abuse Prevention"], ["Medicare", "Fraud, Waste, & Abuse Prevention"]),
        (["RHONE ALPES", "Culture, Société, Service"], ["RHONE ALPES", "Culture, Société, Service"]),
        // The only keyword, still one phrase: a list ending in a conjunction; a number
        // (dcat_rdfxml/semic_geodcat-ap_multilingual-metadata.rdf "1:50,000").
        (["Fraud, Waste, & Abuse Prevention"], ["Fraud, Waste, & Abuse Prevention"]),
        (["Lakes, Rivers, and Streams"], ["Lakes, Rivers, and Streams"]),
        (["1:50,000"], ["1:50,000"]),
        (["  "], ["  "]),
        ([], []),
    ]

    @Test("splits packed keywords", arguments: cases)
    func splits(_ published: [String], _ expected: [String]) {
        var record = VocabSweep.record()
        record.keywords = published
        var issues: [RecordIssue] = []
        KeywordSplitRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.keywords == expected)
        #expect(issues.isEmpty)
        #expect(record.notes.count == (published == expected ? 0 : published.filter { KeywordSplitRule.split($0, only: published.count == 1) != nil }.count))
        #expect(record.notes.allSatisfy { $0.field == "keywords" && $0.rule == "keyword.split" })
    }

    @Test func runsBeforeKeywordRule() {
        var record = VocabSweep.record()
        record.keywords = ["Water; water |Air", "air", " Soil "]
        let normaliser = Normaliser(rules: [TextRule(), KeywordSplitRule(), KeywordRule()])
        let (result, _) = normaliser.normalise(record)
        #expect(result.keywords == ["Water", "Air", "Soil"])
        #expect(result.notes == [FieldNote(field: "keywords", raw: "Water; water |Air", value: "Water | water | Air", rule: "keyword.split")])
    }

    /// Every vocabulary rule together, in the order `Normaliser.standard` runs them.
    @Test func allVocabularyRulesTogether() {
        var record = VocabSweep.record()
        record.keywords = ["roads; traffic"]
        record.languages = ["eng", "en-GB"]
        record.themes = [Concept(label: "Transport", scheme: "ckan-group")]
        record.frequency = Concept(label: "R/P1M")
        var distribution = Distribution(accessURL: "https://x.example/counts.csv")
        distribution.format = " CSV file "
        record.distributions = [distribution]
        let normaliser = Normaliser(rules: [TextRule(), KeywordSplitRule(), KeywordRule(), DateRule(), DistributionRule(),
                                           FormatRule(), LanguageRule(), ThemeRule(), FrequencyRule()])
        let (result, issues) = normaliser.normalise(record)
        #expect(issues.isEmpty)
        #expect(result.keywords == ["roads", "traffic"])
        #expect(result.languages == ["en"])
        #expect(result.themes.last?.uri == ThemeRule.themePrefix + "TRAN")
        #expect(result.frequency?.uri == FrequencyRule.frequencyPrefix + "MONTHLY")
        #expect(result.distributions[0].format == "CSV file")
        #expect(result.distributions[0].fileType == FormatRule.fileTypePrefix + "CSV")
        #expect(result.distributions[0].mediaType == "text/csv")
    }

    // MARK: - Corpus sweep

    @Test("corpus sweep: keyword lists")
    func sweep() {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        let lists = VocabSweep.keywordLists()
        var splits: [String] = []
        var keywords = 0
        for list in lists {
            keywords += list.count
            var record = VocabSweep.record()
            record.keywords = list
            var issues: [RecordIssue] = []
            KeywordSplitRule().apply(to: &record, issues: &issues, context: NormalisationContext())
            splits += record.notes.map { "'\($0.raw)' → \($0.value)" }
        }
        print("[sweep] keywords: \(lists.count) keyword lists, \(keywords) keywords, \(splits.count) split: "
              + (splits.isEmpty ? "none" : splits.joined(separator: "; ")))
        #expect(lists.count > 100)
        // Only the packed tag of agency_dhs is split; multi-comma tags among others are left alone.
        #expect(splits.count <= 5)
        #expect(splits.contains { $0.hasPrefix("'Information Center; Foods Help Desk'") })
        #expect(!splits.contains { $0.contains("Fraud, Waste") })
    }
}
