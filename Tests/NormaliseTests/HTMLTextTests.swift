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
