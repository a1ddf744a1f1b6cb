import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("ThemeRule")
struct ThemeTests {
    static let eu = ThemeRule.themePrefix

    static let cases: [(Concept, [String], String?)] = [
        // (published theme, EU themes added, rule of the notes)
        // samples/ckan/lakeside.json groups: "Environment", "Transport", "Health", "Economy and finance".
        (Concept(label: "Environment", scheme: "ckan-group"), ["ENVI"], "theme.name"),
        (Concept(label: "Transport", scheme: "ckan-group"), ["TRAN"], "theme.name"),
        (Concept(label: "Health", scheme: "ckan-group"), ["HEAL"], "theme.name"),
        (Concept(label: "Economy and finance", scheme: "ckan-group"), ["ECON"], "theme.name"),
        (Concept(label: "Economy and Finance", scheme: "ckan-group"), ["ECON"], "theme.name"),
        // samples/ckan/norland.json "Transport and Mobility"; ckan/magda_dsaga_package_search.json
        // "Transport, travel and motoring", "Water, energy, resources, environment and science".
        (Concept(label: "Transport and Mobility", scheme: "ckan-group"), ["TRAN"], "theme.name"),
        (Concept(label: "Transport, travel and motoring", scheme: "ckan-group"), ["TRAN"], "theme.name-part"),
        (Concept(label: "Water, energy, resources, environment and science", scheme: "ckan-group"),
         ["ENVI", "ENER", "TECH"], "theme.name-part"),
        // datajson/agency_gsa.data.json themes "Travel and Transportation", "Energy & Environment";
        // datajson/agency_fcc.data.json "Public Safety".
        (Concept(label: "Travel and Transportation"), ["TRAN"], "theme.name"),
        (Concept(label: "Energy & Environment"), ["ENER", "ENVI"], "theme.name-part"),
        (Concept(label: "Public Safety"), ["JUST"], "theme.name"),
        // EU labels in other languages.
        (Concept(label: "Umwelt"), ["ENVI"], "theme.name"),
        (Concept(label: "Économie et finances"), ["ECON"], "theme.name"),
        (Concept(label: "Medio ambiente"), ["ENVI"], "theme.name"),
        (Concept(label: "Transports"), ["TRAN"], "theme.name"),
        // EU codes and URIs.
        (Concept(label: "ENVI"), ["ENVI"], "theme.eu-code"),
        (Concept(uri: "https://publications.europa.eu/resource/authority/data-theme/tran"), ["TRAN"], "theme.eu-uri"),
        // ISO 19115 topic categories, through INSPIRE (csw/*.xml MD_TopicCategoryCode; dcat_rdfxml/udata_datara-5a26b0f6.rdf.xml
        // dct:subject …/TopicCategory/structure).
        (Concept(label: "environment"), ["ENVI"], "theme.iso-topic"),
        (Concept(label: "inlandWaters"), ["ENVI", "TECH"], "theme.iso-topic"),
        (Concept(label: "transportation"), ["TRAN"], "theme.iso-topic"),
        (Concept(label: "economy"), ["ECON"], "theme.iso-topic"),
        (Concept(label: "farming"), ["AGRI"], "theme.iso-topic"),
        (Concept(label: "society"), ["SOCI"], "theme.iso-topic"),
        (Concept(uri: "http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/structure"), ["ECON", "ENVI", "REGI"],
         "theme.iso-topic"),
        (Concept(label: "intelligenceMilitary"), [], nil),
        // INSPIRE themes.
        (Concept(uri: "http://inspire.ec.europa.eu/theme/tn"), ["TRAN"], "theme.inspire"),
        (Concept(label: "Hydrography"), ["ENVI", "TECH"], "theme.name"),
        // Names that say no theme: samples/ckan "Spatial Data", "Events"; datajson/agency_cms.data.json "Medicare".
        (Concept(label: "Spatial Data", scheme: "ckan-group"), [], nil),
        (Concept(label: "Events", scheme: "ckan-group"), [], nil),
        (Concept(label: "Medicare"), [], nil),
        (Concept(uri: "https://example.org/uri/theme1"), [], nil),
    ]

    @Test("adds EU data themes", arguments: cases)
    func adds(_ published: Concept, _ codes: [String], _ rule: String?) {
        var record = VocabSweep.record()
        record.themes = [published]
        var issues: [RecordIssue] = []
        ThemeRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        let isEU = ThemeRule.euCode(published.uri ?? "") != nil
        // The published theme stays first (an EU one gets its label); one concept per EU theme follows.
        #expect(record.themes.first?.uri == published.uri)
        #expect(record.themes.first?.scheme == (isEU ? "eu-data-theme" : published.scheme))
        let added = Array(record.themes.dropFirst())
        #expect(added.map(\.uri) == (isEU ? [] : codes.map { Self.eu + $0 }))
        for concept in added {
            #expect(concept.scheme == "eu-data-theme")
            #expect(concept.label == ThemeTable.labels[String(concept.uri!.dropFirst(Self.eu.count))])
        }
        #expect(Set(record.notes.map(\.rule)) == Set(rule.map { [$0] } ?? []))
        #expect(record.notes.allSatisfy { $0.field == "themes" })
        #expect(issues.isEmpty)
    }

    @Test func labelsEUThemesAndAddsEachOnce() {
        var record = VocabSweep.record()
        record.themes = [
            Concept(uri: "http://publications.europa.eu/resource/authority/data-theme/ENVI"),  // ckan/ckanext-dcat_ckan_full_dataset_dcat_ap.json
            Concept(label: "Environment", scheme: "ckan-group"),
            Concept(label: "Water", scheme: "ckan-group"),
            Concept(label: "Transport", scheme: "ckan-group"),
            Concept(label: "Public Transport", scheme: "ckan-group"),
        ]
        var issues: [RecordIssue] = []
        ThemeRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.themes.count == 6)
        #expect(record.themes[0] == Concept(uri: Self.eu + "ENVI", label: "Environment", scheme: "eu-data-theme"))
        #expect(record.themes[5] == Concept(uri: Self.eu + "TRAN", label: "Transport", scheme: "eu-data-theme"))
        #expect(record.notes.map(\.rule) == ["theme.eu-uri", "theme.name"])
        #expect(record.notes[1].raw == "Transport")
        // Idempotent.
        let once = record
        ThemeRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record == once)
    }

    @Test func tableIsConsistent() {
        #expect(ThemeTable.labels.count == 13)
        let codes = Set(ThemeTable.labels.keys)
        for list in Array(ThemeTable.names.values) + Array(ThemeTable.topicCategories.values) + Array(ThemeTable.inspireThemes.values) {
            #expect(!list.isEmpty && Set(list).isSubset(of: codes))
        }
        for (code, label) in ThemeTable.labels { #expect(ThemeTable.names[ThemeRule.fold(label)] == [code]) }
    }

    // MARK: - Corpus sweep

    @Test("corpus sweep: CKAN groups and DCAT-US themes")
    func sweep() {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        let named = { (label: String) in
            ThemeRule.themes(for: label.hasPrefix("http") ? Concept(uri: label) : Concept(label: label)) != nil
        }
        let groups = VocabSweep.groupLabels()
        let groupResult = VocabSweep.share(of: groups, recognised: named)
        VocabSweep.report("CKAN group", groups, groupResult)
        #expect(groups.count >= 20)
        #expect(groupResult.weighted >= 0.75)

        // DCAT-US `theme` is free text, mostly agency programmes ('Medicare', 'Card Services Program'): reported,
        // with a low bar; CKAN `theme` extras hold EU labels and URIs.
        let themes = VocabSweep.values(forKeys: ["theme"])
        let themeResult = VocabSweep.share(of: themes, recognised: named)
        VocabSweep.report("theme", themes, themeResult)
        #expect(themeResult.distinct >= 0.2)
        let euThemes = themes.filter { $0.key.hasPrefix("http://publications.europa.eu/") }
        #expect(!euThemes.isEmpty && euThemes.keys.allSatisfy { ThemeRule.euCode($0) != nil })
    }
}
