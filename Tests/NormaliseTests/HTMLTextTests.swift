import CatalogModel
import Foundation
import Testing
@testable import Normalise

@Suite("HTML in descriptions")
struct HTMLTextTests {
    @Test("turns HTML into plain text", arguments: [
        // ckan/udata_dkan_package_show_french.json `notes`.
        ("<p>Tableau des données</p>\n", "Tableau des données"),
        // other_portals/arcgis-hub_evian.data.json `description`.
        (#"<DIV STYLE="text-align:Left;"><DIV><DIV><P><SPAN>Emplacement et description des stationnement vélos à Evian-les-Bains</SPAN></P></DIV></DIV></DIV>"#,
         "Emplacement et description des stationnement vélos à Evian-les-Bains"),
        ("<p>First paragraph.</p><p>Second &amp; last.</p>", "First paragraph.\n\nSecond & last."),
        ("Line one<br>Line two<br/>Line three<br><br>After a blank", "Line one\nLine two\nLine three\n\nAfter a blank"),
        // datajson/datagov-harvester_philly_dcatus_with_none.data.json.
        ("TransitView provides real-time information. <br><br>\nExample: https://www3.septa.org/api/TransitView/index.php?route=33",
         "TransitView provides real-time information.\n\nExample: https://www3.septa.org/api/TransitView/index.php?route=33"),
        // datajson/agency_gsa.data.json: `<br/>` then a source line break is one line break.
        ("An XLSX export of data from FRPP, a database of Federal Real Property <br/>\r\nfor Civilian Agencies.",
         "An XLSX export of data from FRPP, a database of Federal Real Property\nfor Civilian Agencies."),
        ("Typed text.\nFinally, a line.<br>Example:  two  spaces", "Typed text.\nFinally, a line.\nExample: two spaces"),
        ("<ul><li>Trees</li><li>Parks &amp; gardens</li></ul>", "- Trees\n- Parks & gardens"),
        ("<p>Files:</p>\n<ol>\n  <li>a.csv</li>\n  <li>b.csv<ul><li>nested</li></ul></li>\n</ol>\n<p>End</p>",
         "Files:\n\n- a.csv\n- b.csv\n  - nested\n\nEnd"),
        // datajson/gsa_pod_schema_federal-v1.1_dataset.json descriptions.
        (#"From <a href="http://www.whitehouse.gov/omb/a11.pdf">OMB Circular A-11</a> in the format of <code>015:010</code>."#,
         "From OMB Circular A-11 (http://www.whitehouse.gov/omb/a11.pdf) in the format of 015:010."),
        (#"See <a href="https://example.org/data">https://example.org/data</a>."#, "See https://example.org/data."),
        (##"Mail <a href="mailto:open@example.org">open@example.org</a> or <a href="#top">top</a>."##, "Mail open@example.org or top."),
        (#"<a href='https://example.org/?a=1&amp;b=2'>link</a>"#, "link (https://example.org/?a=1&b=2)"),
        // datajson/agency_gsa.data.json: entities only.
        ("Mant&eacute;ngase al tanto; se actualizar&aacute; &#8211; &#x2014; &#150; &quot;ok&quot; &nbsp;x",
         "Manténgase al tanto; se actualizará – — – \"ok\"  x"),
        ("<script>alert('x')</script><style>p { color: red }</style><p>Kept</p><!-- a comment -->", "Kept"),
        ("<table><tr><th>Year</th><th>Count</th></tr><tr><td>2019</td><td>12</td></tr></table>", "Year Count\n2019 12"),
        ("<p>  lots   of\n   space  </p>", "lots of space"),
        ("<pre>a  b\n  c</pre>", "a  b\n  c"),
        // Markdown paragraphs with block HTML (CKAN notes).
        ("Intro paragraph\n\n<p>Block</p>\nTail line one\nline two", "Intro paragraph\n\nBlock\n\nTail line one line two"),
        // Inline-only HTML keeps the Markdown line structure (datajson/agency_fcc.data.json).
        ("<b>The data was collected in 2021.</b>\n\nSummary data\n- item", "The data was collected in 2021.\n\nSummary data\n- item"),
        (#"<img src="x.png" alt="Map of the area"> below"#, "Map of the area below"),
        ("<P>Upper <B>case</B> tags</P>", "Upper case tags"),
        ("<p>Word<o:p></o:p> paste</p>", "Word paste"),
        // HTML escaped once more, as Zenodo's oai_dc descriptions are (oaipmh/DERIVED_zenodo_ListRecords_oai_dc_p1.xml).
        ("&lt;p&gt;&lt;span&gt;A obra &eacute; uma colet&acirc;nea de pesquisas na &aacute;rea de educa&ccedil;&atilde;o. &lt;/span&gt;&lt;/p&gt;",
         "A obra é uma coletânea de pesquisas na área de educação."),
        ("&lt;p&gt;Funding provided by: Human Frontier Science Program&lt;br&gt;Award Number: RGP0013/2019&lt;/p&gt;",
         "Funding provided by: Human Frontier Science Program\nAward Number: RGP0013/2019"),
        // Escaped text that is not HTML is only decoded.
        ("Compare a &lt; b &amp; c &gt; d", "Compare a < b & c > d"),
    ])
    func converts(html: String, text: String) {
        #expect(HTMLText.plain(html) == text)
    }

    @Test("leaves plain text and Markdown alone", arguments: [
        "Plain text with no markup.",
        "# Title\n\n* item one\n* item two\n\n[link](https://example.org) and **bold**",
        "Compare a < b and c > d.",
        "Autolink <https://example.org> and mail <open@example.org>.",
        "R&D spending, AT&T, fish & chips",
        "Template <your name here>",
        "&unknownentity; stays",
    ])
    func leaves(text: String) {
        #expect(HTMLText.plain(text) == nil)
    }

    @Test func ruleConvertsValueAndVariantsWithNotes() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.description = LocalizedText("<p>Hello &amp; welcome</p>", variants: ["en": "<p>Hello &amp; welcome</p>", "fr": "Bonjour"])
        let (output, issues) = HTMLTextRule().applyingAlone(record, NormalisationContext())
        #expect(output.description == LocalizedText("Hello & welcome", variants: ["en": "Hello & welcome", "fr": "Bonjour"]))
        #expect(output.notes == [FieldNote(field: "description", raw: "<p>Hello &amp; welcome</p>", value: "Hello & welcome", rule: "text.html"),
                                 FieldNote(field: "description@en", raw: "<p>Hello &amp; welcome</p>", value: "Hello & welcome", rule: "text.html")])
        #expect(issues.isEmpty)
    }

    /// bad/datagov-harvester_dcatus_bad_license_uri.json: ArcGIS Hub's terms of use as data.json's `license`.
    @Test func aLicencePublishedAsHTMLBecomesItsTextAndTheLicenceRuleReadsTheText() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "datajson", originalID: "1", harvestedAt: Date()))
        let published = #"<p align='center' style='font-family: &quot;Avenir Next&quot;;'>OPEN DATA <span>TERMS</span></p><p>Released under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>"#
        record.license = LicenseRef(raw: published)
        var distribution = Distribution(title: "d", accessURL: "https://a.example/d")
        distribution.license = LicenseRef(raw: "<b>ODbL</b>", uri: "https://opendatacommons.org/licenses/odbl/")
        record.distributions = [distribution]
        let (output, _) = Normaliser.standard.normalise(record, context: NormalisationContext())
        #expect(output.license?.raw == "OPEN DATA TERMS\n\nReleased under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")
        #expect(output.license?.spdx == "CC-BY-4.0")
        #expect(output.notes.contains(FieldNote(field: "license", raw: published, value: output.license!.raw!, rule: "text.html")))
        #expect(output.distributions[0].license?.raw == "ODbL")
        #expect(output.distributions[0].license?.uri == "https://opendatacommons.org/licenses/odbl/")
        #expect(output.notes.contains { $0.field == "distributions[0].license" && $0.raw == "<b>ODbL</b>" })
    }
}

@Suite("HTML and character references in titles, keywords and distributions")
struct HTMLFieldsTests {
    func record(_ build: (inout CatalogRecord) -> Void) -> CatalogRecord {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("T"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        build(&record)
        return record
    }

    @Test("makes one line of a title or keyword, naming what it did", arguments: [
        ("Fish &amp; Chips", "Fish & Chips", "text.entities"),
        ("Children&#39;s health", "Children's health", "text.entities"),
        ("Caf&eacute;s &#x26; bars", "Cafés & bars", "text.entities"),
        // csw/pycsw_data_pacioos-NS06agg.xml: GCMD place keywords escaped twice.
        ("Ocean &gt; Pacific Ocean &gt; Western Pacific Ocean &gt; Micronesia", "Ocean > Pacific Ocean > Western Pacific Ocean > Micronesia",
         "text.entities"),
        ("<p>Trees</p>\n<p>in the city</p>", "Trees in the city", "text.html"),
        ("Line one<br>line&nbsp;two", "Line one line two", "text.html"),
        ("<i>Homo sapiens</i> genome", "Homo sapiens genome", "text.html"),
    ])
    func line(input: String, text: String, rule: String) {
        #expect(HTMLText.line(input) == HTMLText.Conversion(text: text, rule: rule))
    }

    @Test("leaves titles without markup as written", arguments: [
        "R&D spending", "  spaced  title ", "L&I Appeals (CSV) ", "Fraud, Waste, & Abuse Prevention", "a < b",
    ])
    func leavesPlainTitles(title: String) {
        #expect(HTMLText.line(title) == nil)
    }

    @Test func cleansDatasetTitleAndKeywords() {
        let (output, issues) = HTMLTextRule().applyingAlone(record {
            $0.title = LocalizedText("Parks &amp; Gardens", variants: ["fr": "Parcs &amp; jardins", "en": "Parks and gardens"])
            $0.keywords = ["Ocean &gt; Pacific Ocean", "Caf&eacute;", "R&D"]
        }, NormalisationContext())
        #expect(output.title == LocalizedText("Parks & Gardens", variants: ["fr": "Parcs & jardins", "en": "Parks and gardens"]))
        #expect(output.keywords == ["Ocean > Pacific Ocean", "Café", "R&D"])
        #expect(output.notes == [
            FieldNote(field: "title", raw: "Parks &amp; Gardens", value: "Parks & Gardens", rule: "text.entities"),
            FieldNote(field: "title@fr", raw: "Parcs &amp; jardins", value: "Parcs & jardins", rule: "text.entities"),
            FieldNote(field: "keywords", raw: "Ocean &gt; Pacific Ocean", value: "Ocean > Pacific Ocean", rule: "text.entities"),
            FieldNote(field: "keywords", raw: "Caf&eacute;", value: "Café", rule: "text.entities"),
        ])
        #expect(issues.isEmpty)
    }

    @Test func cleansDistributionDescriptionsAndTitles() {
        var described = Distribution(title: "<b>Tableau</b> des donn&eacute;es")
        // ckan/udata_dkan_package_show_french.json `resources[].description`.
        described.description = "<p>Tableau des données</p>\n"
        var typed = Distribution(title: " Low/No Access & High Poverty (CSV)")
        // datajson/agency_gsa.data.json `distribution[].description`.
        typed.description = "An XLSX export of data from FRPP, a database of Federal Real Property <br/>\r\nfor Civilian Agencies."
        var emptied = Distribution(title: "CSV")
        emptied.description = "<p> </p>"
        let (output, issues) = Normaliser(rules: [HTMLTextRule(), DistributionRule()]).normalise(record {
            $0.distributions = [described, typed, emptied]
        })
        #expect(output.distributions.map(\.title) == ["Tableau des données", "Low/No Access & High Poverty (CSV)", "CSV"])
        #expect(output.distributions.map(\.description) == [
            "Tableau des données", "An XLSX export of data from FRPP, a database of Federal Real Property\nfor Civilian Agencies.", nil,
        ])
        #expect(output.notes.map(\.field) == ["distributions[0].title", "distributions[0].description", "distributions[1].description",
                                              "distributions[2].description"])
        #expect(output.notes.map(\.rule) == ["text.html", "text.html", "text.html", "text.html"])
        #expect(issues.isEmpty)
    }

    @Test func runsInTheStandardOrderBeforeKeywordsAreSplit() {
        // The `;` of a decoded reference no longer looks like a separator.
        let (output, _) = Normaliser.standard.normalise(record { $0.keywords = ["Fraud &amp; Abuse; Health"] })
        #expect(output.keywords == ["Fraud & Abuse", "Health"])
    }
}

@Suite("Mojibake")
struct MojibakeTests {
    @Test("repairs UTF-8 read as Latin-1 or Windows-1252", arguments: [
        ("CafÃ© de la Gare", "Café de la Gare"),
        ("DonnÃ©es ouvertes Ã  Paris", "Données ouvertes à Paris"),
        // ckan/hdx_unesco_dataset_package.json.
        ("natural science and geoscience â€“ Non-cognitive dimension", "natural science and geoscience – Non-cognitive dimension"),
        ("the authorityâ€™s data", "the authority’s data"),
        // dcat_turtle/ckanext-dcat_dataset_deri.ttl: a non-breaking space read as Latin-1, then the NBSP lost.
        ("have been supplied for 2007/08.Â  If fewer", "have been supplied for 2007/08.  If fewer"),
        ("Proportion of studentsÂ at the end", "Proportion of students at the end"),
        ("Temperature 20Â°C", "Temperature 20°C"),
        ("MÃ¼nchen, ZÃ¼rich und GÃ¶ttingen", "München, Zürich und Göttingen"),
        // Twice mis-decoded.
        ("CafÃƒÂ©", "Café"),
    ])
    func repairs(broken: String, fixed: String) {
        #expect(Mojibake.repair(broken) == fixed)
    }

    @Test("leaves correct text alone", arguments: [
        "Café de la Gare", "ELETROMOBILIDADE: UMA COMPARAÇÃO DAS TECNOLOGIAS", "INCLUSÃO SOCIOPRODUTIVA", "Âge moyen", "MÂCON",
        "Ã", "Straße", "Ελληνικά", "日本語", "plain ascii", "Â", "crème brûlée", "São Paulo",
    ])
    func leaves(text: String) {
        #expect(Mojibake.repair(text) == nil)
    }

    @Test func prefilterPassesEveryRepairedCaseAndFewCorrectTexts() {
        #expect(Mojibake.mayContainMojibake("CafÃ©"))
        #expect(Mojibake.mayContainMojibake("geoscience â€“ Non"))
        #expect(Mojibake.mayContainMojibake("2007/08.Â  If"))
        #expect(!Mojibake.mayContainMojibake("Données ouvertes à Paris, crème brûlée, Müller"))
        #expect(!Mojibake.mayContainMojibake("plain"))
        // The pairs straddling the eight-byte steps over ASCII, at every offset.
        for pad in 0..<17 {
            let ascii = String(repeating: "a", count: pad)
            #expect(Mojibake.mayContainMojibake(ascii + "CafÃ©" + ascii), "\(pad)")
            #expect(Mojibake.mayContainMojibake(ascii + "08.Â  If"), "\(pad)")
            #expect(!Mojibake.mayContainMojibake(ascii + "Müller à " + ascii + "é"), "\(pad)")
        }
    }

    @Test("the prefilter answers as a byte-by-byte scan does, on random mixes of ASCII and mojibake bytes")
    func prefilterMatchesByteScan() {
        func reference(_ text: String) -> Bool {
            var lead: UInt8 = 0, afterC3 = false
            for byte in text.utf8 {
                if lead != 0, byte == 0xC2 || byte == 0xC5 || byte == 0xC6 || byte == 0xCB || byte == 0xE2 || (lead == 0x82 && byte == 0x20) {
                    return true
                }
                lead = afterC3 && byte >= 0x82 && byte <= 0xB4 ? byte : 0
                afterC3 = byte == 0xC3
            }
            return false
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "bcdefghij", " ", "Ã", "©", "Â", "‚", "é", "â", "€", "Å", "ˆ", "ô"]
        var positives = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Mojibake.mayContainMojibake(text) == reference(text), "\(Array(text.utf8))")
            if reference(text) { positives += 1 }
        }
        #expect(positives > 100)
    }

    @Test func ruleRepairsTitleAndDescription() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("CafÃ©s"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.description = LocalizedText("for 2007/08.Â  If", variants: ["fr": "DonnÃ©es"])
        let (output, _) = MojibakeRule().applyingAlone(record, NormalisationContext())
        #expect(output.title.value == "Cafés")
        #expect(output.description == LocalizedText("for 2007/08.  If", variants: ["fr": "Données"]))
        #expect(output.notes.map(\.rule) == ["text.mojibake", "text.mojibake", "text.mojibake"])
        #expect(output.notes.map(\.field) == ["title", "description", "description@fr"])
    }
}

@Suite("Rule order")
struct RuleOrderTests {
    /// The order proposed for `Normaliser.standard`: text repairs before `TextRule` trims and drops empties.
    static let proposed = Normaliser(rules: [MojibakeRule(), HTMLTextRule(), TextRule(), KeywordRule(), DateRule(),
                                             SpatialRule(), PublisherKeyRule(), DistributionRule()])

    @Test func htmlLeftEmptyIsDroppedAndEverythingIsRead() {
        var record = CatalogRecord(id: "s/1", title: LocalizedText("  CafÃ©s \n"),
                                   provenance: Provenance(sourceID: "s", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.description = LocalizedText("<p> </p>\n")
        record.publisher = Agent(name: "CITY OF LAKESIDE.")
        record.modified = CatalogDate(raw: "R/P1D")
        record.issued = CatalogDate(raw: "Tue, 03 Jun 2008 11:05:30 GMT")
        record.spatial = [SpatialCoverage(geometry: "148.9099,-35.5264,149.2687,-35.1218")]
        let (output, issues) = Self.proposed.normalise(record)
        #expect(output.title.value == "Cafés")
        #expect(output.description == nil)
        #expect(output.publisher?.matchKey == "city lakeside")
        #expect(output.frequency == Concept(label: "R/P1D"))
        #expect(output.issued?.iso == "2008-06-03T11:05:30Z")
        #expect(output.spatial.first?.bbox == BoundingBox(west: 148.9099, south: -35.5264, east: 149.2687, north: -35.1218))
        #expect(output.notes.map(\.rule) == ["text.mojibake", "text.html", "date.rfc822", "date.repeating-interval",
                                             "date.repeating-interval", "spatial.bbox"])
        #expect(issues.isEmpty)
    }
}
