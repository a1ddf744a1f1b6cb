import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("LanguageRule")
struct LanguageTests {
    static let cases: [(String, String?, String?)] = [
        // (published, ISO 639-1 code or nil when unknown, rule)
        ("en", "en", nil),                                   // ckan/magda_dsaga_package_search.json
        ("EN", "en", "language.code"),
        ("eng", "en", "language.iso639-2"),                  // ckan/ckanext-dcat_full_ckan_dataset_legacy.json (extras)
        ("fre", "fr", "language.iso639-2"),                  // 639-2/B
        ("fra", "fr", "language.iso639-2"),                  // 639-2/T
        ("ger", "de", "language.iso639-2"),
        ("English", "en", "language.name"),                  // ckan/magda_dgnsw_package_search.json
        ("english", "en", "language.name"),
        ("French", "fr", "language.name"),
        ("Spanish", "es", "language.name"),
        ("Castilian", "es", "language.name"),                // iso_639-2 "Spanish; Castilian"
        ("Français", "fr", "language.name"),
        ("Deutsch", "de", "language.name"),
        ("English (Canada)", "en", "language.name"),
        ("en-US", "en", "language.bcp47"),                   // datajson/agency_cms.data.json
        ("en-us", "en", "language.bcp47"),                   // datajson/agency_dhs.data.json
        ("fr-FR", "fr", "language.bcp47"),
        ("en_GB", "en", "language.bcp47"),
        ("zh-Hant-TW", "zh", "language.bcp47"),
        ("us-EN", "en", "language.swapped-tag"),             // datajson/agency_gsa.data.json
        ("sp-US", "es", "language.alias"),                   // datajson/agency_gsa.data.json
        ("iw", "he", "language.alias"),                      // withdrawn 639-1 code
        ("http://publications.europa.eu/resource/authority/language/ENG", "en", "language.eu-uri"),  // ckan/transportdata.be_package_show_cambio.json
        ("http://publications.europa.eu/resource/authority/language/FRE", "fr", "language.eu-uri"),  // dcat_rdfxml/udata_datara-5a26b0f6.rdf.xml
        ("https://publications.europa.eu/resource/authority/language/DEU", "de", "language.eu-uri"),
        ("http://publications.europa.eu/resource/authority/language/MUL", "mul", "language.eu-uri"),
        ("http://id.loc.gov/vocabulary/iso639-1/es", "es", "language.uri"),
        ("http://lexvo.org/id/iso639-3/nld", "nl", "language.uri"),
        ("haw", "haw", nil),                                 // no 639-1 code: kept as 639-2
        ("ht", "ht", nil),                                   // datajson/agency_dhs.data.json (Haitian)
        ("klingon", nil, nil),
        ("xx", nil, nil),
        ("http://example.org/lang/en-x", nil, nil),
    ]

    @Test("reads one language", arguments: cases)
    func reads(_ published: String, _ code: String?, _ rule: String?) {
        var record = VocabSweep.record()
        record.languages = [published]
        var issues: [RecordIssue] = []
        LanguageRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.languages == [code ?? published])
        #expect(record.notes.first?.rule == rule)
        if let note = record.notes.first {
            #expect(note.field == "languages")
            #expect(note.raw == published)
            #expect(note.value == code)
        }
        #expect(issues.map(\.code) == (code == nil ? ["language.unknown"] : []))
    }

    @Test func splitsListsAndRemovesDuplicates() {
        var record = VocabSweep.record()
        // ckan/ckanext-dcat_full_ckan_dataset_legacy.json has "en,es,ca" (split by the CKAN mapper) and "eng".
        record.languages = ["en", "es", "ca", "eng", "English", "en-US", "fr; de", "klingon", "klingon"]
        var issues: [RecordIssue] = []
        LanguageRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.languages == ["en", "es", "ca", "fr", "de", "klingon"])
        #expect(issues.map(\.code) == ["language.unknown"])
    }

    @Test func dropsTheCountryOfAnISO19139Language() {
        var record = VocabSweep.record()
        // csw/owslib_iso_mi.xml: gmd:LanguageCode codeListValue="eng; CAN"; csw/owslib_9250AA67_dc.xml dc:language.
        record.languages = ["eng; CAN"]
        var issues: [RecordIssue] = []
        LanguageRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.languages == ["en"])
        #expect(issues.isEmpty)
        #expect(record.notes.map(\.rule) == ["language.iso639-2", "language.country-dropped"])
    }

    @Test func normalisesVariantKeys() {
        var record = VocabSweep.record()
        record.title = LocalizedText("Trees", variants: ["en-GB": "Trees", "FR": "Arbres", "deu": "Bäume", "qq": "?"])
        record.description = LocalizedText("About trees", variants: ["en": "About trees", "en-US": "About trees (US)"])
        var issues: [RecordIssue] = []
        LanguageRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.title.variants == ["en": "Trees", "fr": "Arbres", "de": "Bäume", "qq": "?"])
        // `en` is taken: `en-US` keeps its key rather than overwrite it.
        #expect(record.description?.variants == ["en": "About trees", "en-US": "About trees (US)"])
        #expect(record.notes.contains(FieldNote(field: "title.variants", raw: "en-GB", value: "en", rule: "language.bcp47")))
        #expect(issues.map(\.code) == ["language.unknown"])
        #expect(issues.first?.location == "title.variants")
    }

    @Test func tableIsConsistent() {
        for (alpha2, entry) in LanguageTable.alpha2 {
            #expect(LanguageTable.alpha3[entry.terminology] == alpha2)
            if let bibliographic = entry.bibliographic { #expect(LanguageTable.alpha3[bibliographic] == alpha2) }
            #expect(LanguageTable.names[entry.name.lowercased()] == alpha2 || LanguageTable.names[entry.name.lowercased()] == nil)
        }
        #expect(LanguageTable.alpha2["en"]?.terminology == "eng")
        #expect(LanguageTable.alpha2["fr"]?.bibliographic == "fre")
        #expect(LanguageTable.alpha2.count == 184)
    }

    // MARK: - Corpus sweep

    @Test("corpus sweep: published languages")
    func sweep() {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        var values: [String: Int] = [:]
        for (value, count) in VocabSweep.values(forKeys: ["language", "languages"]) {
            // As the CKAN mapper does: a comma list is split.
            for part in value.split(separator: ",") { values[String(part).trimmed, default: 0] += count }
        }
        let result = VocabSweep.share(of: values) { LanguageRule.parts(of: $0).allSatisfy { LanguageRule.read($0) != nil } }
        VocabSweep.report("language", values, result)
        print("[sweep] language values: " + values.sorted { $0.key < $1.key }.map { "'\($0.key)' ×\($0.value)" }.joined(separator: ", "))
        #expect(values.count >= 10)
        #expect(result.distinct == 1)
    }
}
