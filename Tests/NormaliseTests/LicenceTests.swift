import CatalogModel
import Foundation
import TestSupport
import Testing
@testable import Normalise

/// A published licence value and what it must read as: fedcat's entry id, its SPDX id and EU code, and the rule.
struct LicenceCase: Sendable, CustomTestStringConvertible {
    let value: String
    let id: String
    let spdx: String?
    let eu: String?
    let rule: String

    init(_ value: String, _ id: String, spdx: String?, eu: String? = nil, _ rule: String) {
        self.value = value
        self.id = id
        self.spdx = spdx
        self.eu = eu
        self.rule = rule
    }

    /// A case whose entry id is its SPDX id.
    init(_ value: String, spdx: String, eu: String? = nil, _ rule: String) {
        self.init(value, spdx, spdx: spdx, eu: eu, rule)
    }

    var testDescription: String { value.count > 60 ? String(value.prefix(60)) + "…" : value }
}

@Suite("Licences")
struct LicenceTests {
    // MARK: Values

    @Test("recognises every family of published licence values", arguments: [
        // CKAN ids (ckan/model/license.py defaults, and portal registers).
        LicenceCase("cc-by", "CC-BY", spdx: nil, "licence.ckan-id.unversioned"), // ckan/magda_dgnsw_package_search.json
        LicenceCase("cc-by-sa", "CC-BY-SA", spdx: nil, "licence.ckan-id.unversioned"),
        LicenceCase("cc-nc", "CC-BY-NC", spdx: nil, "licence.ckan-id.unversioned"), // ckan/magda_dwaga_package_search.json
        LicenceCase("cc-zero", spdx: "CC0-1.0", eu: "CC0", "licence.ckan-id"),
        LicenceCase("odc-odbl", spdx: "ODbL-1.0", eu: "ODC_BL", "licence.ckan-id"),
        LicenceCase("odc-by", spdx: "ODC-By-1.0", eu: "ODC_BY", "licence.ckan-id"), // ckan/magda_brisbane_package_search_100.json
        LicenceCase("odc-pddl", spdx: "PDDL-1.0", eu: "ODC_PDDL", "licence.ckan-id"),
        LicenceCase("gfdl", "GNU_FDL", spdx: nil, eu: "GNU_FDL", "licence.ckan-id"),
        LicenceCase("uk-ogl", "OGL-UK", spdx: nil, "licence.ckan-id.unversioned"),
        LicenceCase("other-pd", "other-pd", spdx: nil, "licence.ckan-id.generic"),
        LicenceCase("other-open", "other-open", spdx: nil, "licence.ckan-id.generic"), // ckan/transportdata.be_package_show_cambio.json
        LicenceCase("other-nc", "other-nc", spdx: nil, "licence.ckan-id.generic"), // ckan/magda_dwaga_package_search.json
        LicenceCase("cc-by-igo", spdx: "CC-BY-3.0-IGO", "licence.ckan-id"), // ckan/hdx_unesco_dataset_package.json (HDX)
        LicenceCase("fr-lo", "Licence-Ouverte-1.0", spdx: nil, "licence.ckan-id"), // udata
        LicenceCase("lov2", spdx: "etalab-2.0", "licence.ckan-id"), // udata
        LicenceCase("ca-ogl-lgo", spdx: "OGL-Canada-2.0", "licence.ckan-id"), // open.canada.ca
        LicenceCase("dl-by-de/2.0", spdx: "DL-DE-BY-2.0", "licence.ckan-id"), // GovData
        LicenceCase("LO-FR-2.0", spdx: "etalab-2.0", "licence.ckan-id"), // Open Definition id
        LicenceCase("mit-license", spdx: "MIT", "licence.ckan-id"), // Open Definition legacy id
        // SPDX ids, any case; deprecated ones read as their replacement.
        LicenceCase("CC-BY-4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.spdx-id"),
        LicenceCase("cc-by-4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.spdx-id"), // ckan/magda_hobart_datagovau_package_search.json
        LicenceCase("cc-by-2.5", spdx: "CC-BY-2.5", eu: "CC_BY_2_5", "licence.spdx-id"), // same file
        LicenceCase("cc-by-sa-4.0", spdx: "CC-BY-SA-4.0", eu: "CC_BYSA_4_0", "licence.spdx-id"),
        LicenceCase("ODBL-1.0", spdx: "ODbL-1.0", eu: "ODC_BL", "licence.spdx-id"),
        LicenceCase("odc-by-1.0", spdx: "ODC-By-1.0", eu: "ODC_BY", "licence.spdx-id"),
        LicenceCase(" CC0-1.0 ", spdx: "CC0-1.0", eu: "CC0", "licence.spdx-id"),
        LicenceCase("etalab-2.0", spdx: "etalab-2.0", "licence.spdx-id"),
        LicenceCase("DL-DE-ZERO-2.0", spdx: "DL-DE-ZERO-2.0", "licence.spdx-id"),
        LicenceCase("OGL-UK-3.0", spdx: "OGL-UK-3.0", "licence.spdx-id"),
        LicenceCase("EUPL-1.2", spdx: "EUPL-1.2", eu: "EUPL_1_2", "licence.spdx-id"),
        LicenceCase("MIT", spdx: "MIT", "licence.spdx-id"),
        LicenceCase("apache-2.0", spdx: "Apache-2.0", "licence.spdx-id"),
        LicenceCase("GPL-3.0", spdx: "GPL-3.0-only", "licence.spdx-id.deprecated"),
        LicenceCase("GPL-3.0+", spdx: "GPL-3.0-or-later", "licence.spdx-id.deprecated"),
        // Creative Commons URLs in every form.
        LicenceCase("http://creativecommons.org/licenses/by/4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"), // magda_brisbane
        LicenceCase("https://creativecommons.org/licenses/by/4.0/", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        LicenceCase("https://www.creativecommons.org/licenses/by/4.0/legalcode", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        LicenceCase("https://creativecommons.org/licenses/by-sa/4.0/deed.fr", spdx: "CC-BY-SA-4.0", eu: "CC_BYSA_4_0", "licence.cc-uri"),
        LicenceCase("https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode.de", spdx: "CC-BY-NC-SA-4.0", eu: "CC_BYNCSA_4_0", "licence.cc-uri"),
        // "https://creativecommons.org/licenses/by/4.0/'" with the quote: dcat_rdfxml, published with a stray quote.
        LicenceCase("https://creativecommons.org/licenses/by/4.0/'", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        LicenceCase("http://creativecommons.org/licenses/by/3.0/au/", spdx: "CC-BY-3.0-AU", "licence.cc-uri"), // magda_hobart
        LicenceCase("http://creativecommons.org/licenses/by/3.0/de/deed.de", spdx: "CC-BY-3.0-DE", "licence.cc-uri"),
        LicenceCase("http://creativecommons.org/licenses/by-sa/2.0/uk/", spdx: "CC-BY-SA-2.0-UK", "licence.cc-uri"),
        LicenceCase("http://creativecommons.org/licenses/by/3.0/igo/legalcode", spdx: "CC-BY-3.0-IGO", "licence.cc-uri"), // hdx_unesco
        // Ported licences without their own SPDX id read as the generic licence, and say so.
        LicenceCase("http://creativecommons.org/licenses/by/3.0/it/", spdx: "CC-BY-3.0", eu: "CC_BY_3_0", "licence.cc-uri.ported-generic"),
        LicenceCase("https://creativecommons.org/licenses/by-nc/2.5/es/", spdx: "CC-BY-NC-2.5", eu: "CC_BYNC_2_5", "licence.cc-uri.ported-generic"),
        LicenceCase("https://creativecommons.org/licenses/by-nd-nc/1.0/", spdx: "CC-BY-NC-ND-1.0", eu: "CC_BYNCND_1_0", "licence.cc-uri"),
        LicenceCase("https://creativecommons.org/licenses/by/", "CC-BY", spdx: nil, "licence.cc-uri.unversioned"),
        LicenceCase("https://creativecommons.org/publicdomain/zero/1.0/", spdx: "CC0-1.0", eu: "CC0", "licence.cc-uri"), // datajson
        LicenceCase("http://creativecommons.org/publicdomain/zero/1.0/legalcode", spdx: "CC0-1.0", eu: "CC0", "licence.cc-uri"),
        LicenceCase("http://creativecommons.org/publicdomain/mark/1.0/", spdx: "CC-PDM-1.0", "licence.cc-uri"), // datajson
        LicenceCase("https://licensebuttons.net/l/by/4.0/88x31.png", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        LicenceCase("https://creativecommons.org/public-domain/cc0/", spdx: "CC0-1.0", eu: "CC0", "licence.cc-uri"),
        LicenceCase("creativecommons.org/licenses/by-nd/4.0", spdx: "CC-BY-ND-4.0", eu: "CC_BYND_4_0", "licence.cc-uri"),
        // Open Definition and Open Data Commons URLs.
        LicenceCase("http://www.opendefinition.org/licenses/cc-by", "CC-BY", spdx: nil, "licence.od-uri.unversioned"), // magda_brisbane
        LicenceCase("http://www.opendefinition.org/licenses/odc-by", spdx: "ODC-By-1.0", eu: "ODC_BY", "licence.od-uri"),
        LicenceCase("http://opendefinition.org/licenses/cc-zero/", spdx: "CC0-1.0", eu: "CC0", "licence.od-uri"), // datajson
        LicenceCase("https://opendefinition.org/licenses/odc-odbl", spdx: "ODbL-1.0", eu: "ODC_BL", "licence.od-uri"),
        LicenceCase("https://opendatacommons.org/licenses/odbl/1-0/", spdx: "ODbL-1.0", eu: "ODC_BL", "licence.od-uri"),
        LicenceCase("http://opendatacommons.org/licenses/by/1.0/", spdx: "ODC-By-1.0", eu: "ODC_BY", "licence.od-uri"),
        LicenceCase("https://opendatacommons.org/licenses/pddl/summary/", spdx: "PDDL-1.0", eu: "ODC_PDDL", "licence.od-uri"),
        // OSI and SPDX URLs.
        LicenceCase("https://opensource.org/licenses/MIT-0", spdx: "MIT-0", "licence.osi-uri"), // datajson
        LicenceCase("http://opensource.org/licenses/mit-license.php", spdx: "MIT", "licence.osi-uri"),
        LicenceCase("https://spdx.org/licenses/CC-BY-SA-4.0.html", spdx: "CC-BY-SA-4.0", eu: "CC_BYSA_4_0", "licence.spdx-uri"),
        LicenceCase("http://www.apache.org/licenses/LICENSE-2.0", spdx: "Apache-2.0", "licence.uri"),
        // The EU licence authority table, as URIs and bare codes.
        LicenceCase("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.eu-uri"),
        LicenceCase("http://publications.europa.eu/resource/authority/licence/CC0", spdx: "CC0-1.0", eu: "CC0", "licence.eu-uri"),
        LicenceCase("http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0", spdx: "CC-BY-NC-ND-3.0", eu: "CC_BYNCND_3_0", "licence.eu-uri"),
        LicenceCase("http://publications.europa.eu/resource/authority/licence/COM_REUSE", "COM_REUSE", spdx: nil, eu: "COM_REUSE", "licence.eu-uri"),
        // The 2013 generic codes were deprecated after a day; they were labelled 4.0 and read as the current code.
        LicenceCase("http://publications.europa.eu/resource/authority/licence/CC_BY", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.eu-uri"),
        LicenceCase("EUPL_1_1", spdx: "EUPL-1.1", eu: "EUPL_1_1", "licence.eu-code"),
        // National licences.
        LicenceCase("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", spdx: "OGL-UK-3.0", "licence.national-uri"),
        LicenceCase("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/1", spdx: "OGL-UK-1.0", "licence.national-uri"),
        // dcat_turtle/ckanext-dcat_dataset_deri.ttl (the CKAN uk-ogl register URL):
        LicenceCase("http://reference.data.gov.uk/id/open-government-licence", "OGL-UK", spdx: nil, "licence.national-uri.unversioned"),
        LicenceCase("https://open.canada.ca/en/open-government-licence-canada", spdx: "OGL-Canada-2.0", "licence.national-uri"),
        // ckan/udata_dkan_package_show_french.json (license_title holds the URL of Licence Ouverte 1.0):
        LicenceCase("http://www.etalab.gouv.fr/pages/Licence_ouverte_Open_licence-5899923.html", "Licence-Ouverte-1.0", spdx: nil, "licence.national-uri"),
        LicenceCase("http://www.data.gouv.fr/Licence-Ouverte-Open-Licence.", "Licence-Ouverte-1.0", spdx: nil, "licence.national-uri"),
        LicenceCase("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", spdx: "etalab-2.0", "licence.national-uri"),
        LicenceCase("http://dcat-ap.de/def/licenses/dl-by-de/2.0", spdx: "DL-DE-BY-2.0", "licence.national-uri"),
        LicenceCase("http://dcat-ap.de/def/licenses/dl-zero-de/2_0", spdx: "DL-DE-ZERO-2.0", "licence.national-uri"),
        LicenceCase("http://dcat-ap.de/def/licenses/cc-zero", spdx: "CC0-1.0", eu: "CC0", "licence.national-uri"), // dcat_rdfxml/ckanext-dcat_dataset_gov_de.rdf
        LicenceCase("https://www.govdata.de/dl-de/by-2-0", spdx: "DL-DE-BY-2.0", "licence.national-uri"),
        LicenceCase("http://dcat-ap.de/def/licenses/geonutz/20130319", "DE-GeoNutzV", spdx: nil, "licence.national-uri"),
        LicenceCase("http://www.dati.gov.it/iodl/2.0/", "IODL-2.0", spdx: nil, "licence.national-uri"),
        // dcat_rdfxml/pcm-dpc_ukr2022_dcatapit_catalog.rdf (DCAT-AP_IT vocabulary, older ':' spelling):
        LicenceCase("https://w3id.org/italia/controlled-vocabulary/licences/A21:CCBY40", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.national-uri"),
        LicenceCase("https://w3id.org/italia/controlled-vocabulary/licences/A23_CCBY30IT", spdx: "CC-BY-3.0", eu: "CC_BY_3_0", "licence.national-uri.ported-generic"),
        LicenceCase("https://www.usa.gov/government-works", "US-Government-Works", spdx: nil, "licence.national-uri"), // datajson
        LicenceCase("http://www.usa.gov/publicdomain/label/1.0/", "US-Public-Domain", spdx: nil, "licence.national-uri"), // datajson
        // Socrata licence ids (other_portals/socrata_views_metadata_songs.json: "licenseId": "CC0_10").
        LicenceCase("CC0_10", spdx: "CC0-1.0", eu: "CC0", "licence.socrata-id"),
        LicenceCase("CC_30_BY_AUS", spdx: "CC-BY-3.0-AU", "licence.socrata-id"),
        LicenceCase("CC_40_BY_SA", spdx: "CC-BY-SA-4.0", eu: "CC_BYSA_4_0", "licence.socrata-id"),
        LicenceCase("CC_30_BY_NZ", spdx: "CC-BY-3.0", eu: "CC_BY_3_0", "licence.socrata-id.ported-generic"),
        LicenceCase("UK_OGLV3.0", spdx: "OGL-UK-3.0", "licence.socrata-id"),
        LicenceCase("IODL", "IODL-2.0", spdx: nil, "licence.socrata-id"),
        LicenceCase("USGOV_WORKS", "US-Government-Works", spdx: nil, "licence.socrata-id"),
        // Free text.
        LicenceCase("Creative Commons Attribution 4.0 International", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"), // magda_hobart
        LicenceCase("Creative Commons Attribution 4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"), // magda_brisbane
        LicenceCase("Creative Commons Attribution (CC-BY 4.0)", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"), // envidat
        LicenceCase("CC BY 4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"),
        LicenceCase("CC-BY 4.0", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"),
        LicenceCase("cc-by-4", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"), // magda_hobart: license_id and title "cc-by-4"
        LicenceCase("CC BY-NC-SA 4.0", spdx: "CC-BY-NC-SA-4.0", eu: "CC_BYNCSA_4_0", "licence.text"),
        LicenceCase("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International", spdx: "CC-BY-NC-ND-4.0", eu: "CC_BYNCND_4_0", "licence.text"),
        LicenceCase("Creative Commons Attribution 3.0 Australia", spdx: "CC-BY-3.0-AU", "licence.text"), // magda_hobart
        LicenceCase("Creative Commons Attribution 2.5 Australia", spdx: "CC-BY-2.5-AU", "licence.text"), // magda_hobart
        LicenceCase("Creative Commons Namensnennung 4.0 International", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.text"),
        LicenceCase("Creative Commons Namensnennung 3.0 Deutschland (CC BY 3.0 DE)", spdx: "CC-BY-3.0-DE", "licence.text"),
        LicenceCase("Creative Commons Attribuzione 3.0 Italia", spdx: "CC-BY-3.0", eu: "CC_BY_3_0", "licence.text.ported-generic"),
        LicenceCase("Creative Commons Attribution for Intergovernmental Organisations", spdx: "CC-BY-3.0-IGO", "licence.text"), // hdx
        LicenceCase("Creative Commons Non-Commercial (Any)", "CC-BY-NC", spdx: nil, "licence.text.unversioned"), // magda_dwaga
        LicenceCase("CC0 1.0 Universal", spdx: "CC0-1.0", eu: "CC0", "licence.text"),
        LicenceCase("Open Data Commons Open Database License (ODbL)", spdx: "ODbL-1.0", eu: "ODC_BL", "licence.text"),
        LicenceCase("ODC-By 1.0", spdx: "ODC-By-1.0", eu: "ODC_BY", "licence.text"),
        LicenceCase("Open Government Licence v3.0", spdx: "OGL-UK-3.0", "licence.text"),
        LicenceCase("OGL v2", spdx: "OGL-UK-2.0", "licence.text"),
        LicenceCase("UK Open Government Licence (OGL)", "OGL-UK", spdx: nil, "licence.text.unversioned"),
        // dcat_rdfxml/udata_catalog.xml (dct:license literal "Licence Ouverte Version 2.0"):
        LicenceCase("Licence Ouverte Version 2.0", spdx: "etalab-2.0", "licence.text"),
        LicenceCase("Licence Ouverte Version 1.0", "Licence-Ouverte-1.0", spdx: nil, "licence.text"),
        LicenceCase("Licence Ouverte (Etalab)", "Licence-Ouverte", spdx: nil, "licence.text.unversioned"), // ods_v1_dataset_test-a.json
        LicenceCase("Datenlizenz Deutschland – Namensnennung – Version 2.0", spdx: "DL-DE-BY-2.0", "licence.text"),
        LicenceCase("Datenlizenz Deutschland Zero 2.0", spdx: "DL-DE-ZERO-2.0", "licence.text"),
        LicenceCase("Italian Open Data License v2.0", "IODL-2.0", spdx: nil, "licence.text"),
        LicenceCase("IODL 1.0", "IODL-1.0", spdx: nil, "licence.text"),
        LicenceCase("EUPL v1.2", spdx: "EUPL-1.2", eu: "EUPL_1_2", "licence.text"),
        LicenceCase("European Union Public Licence v. 1.1", spdx: "EUPL-1.1", eu: "EUPL_1_1", "licence.text"),
        LicenceCase("MIT License", spdx: "MIT", "licence.text"),
        LicenceCase("GNU General Public License v3.0 or later", spdx: "GPL-3.0-or-later", "licence.text"),
        LicenceCase("Public Domain", "other-pd", spdx: nil, "licence.text.generic"), // datajson (2 datasets)
        LicenceCase("Other (Open)", "other-open", spdx: nil, "licence.text.generic"),
        // Mashed and embedded URLs: the URL wins over the text around it.
        LicenceCase("Creative Commons Attribution 4.0https://creativecommons.org/licenses/by/4.0/", spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        // ckan/magda_hobart_datagovau_package_search.json: license_id is a licence, a URL and copyright lines.
        LicenceCase("Creative Commons Attribution 4.0 International\nhttp://creativecommons.org/licenses/by/4.0/\n(c) Commonwealth of Australia (Bioregional Assessment Programme http://www.bioregionalassessments.gov.au)(c) State of Queensland",
                    spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        // other_portals/arcgis-hub_act_bushfire.data.json: an HTML fragment with a link.
        LicenceCase("<div style='margin:0px; padding:0px;'><a href='https://creativecommons.org/licenses/by/4.0/' target='_blank'>Creative Commons Attribution 4.0</a></div>",
                    spdx: "CC-BY-4.0", eu: "CC_BY_4_0", "licence.cc-uri"),
        // other_portals/arcgis-hub_evian.data.json: HTML with and without the Etalab URL.
        LicenceCase("<DIV STYLE=\"text-align:Left;\"><DIV><DIV><P><SPAN>Soumis à la licence Etalab : https://www.etalab.gouv.fr/licence-ouverte-open-licence/</SPAN></P></DIV></DIV></DIV>",
                    spdx: "etalab-2.0", "licence.national-uri"),
        LicenceCase("<DIV STYLE=\"text-align:Left;\"><DIV><DIV><P><SPAN>Soumis à la licence Etalab</SPAN></P></DIV></DIV></DIV>",
                    "Licence-Ouverte", spdx: nil, "licence.text.unversioned"),
        LicenceCase("See https://example.org/terms — licensed CC BY-SA 4.0", spdx: "CC-BY-SA-4.0", eu: "CC_BYSA_4_0", "licence.text"),
    ])
    func recognises(_ licenceCase: LicenceCase) throws {
        let reading = try #require(LicenceMatcher.read(licenceCase.value))
        #expect(reading.licence.id == licenceCase.id)
        #expect(reading.licence.spdx == licenceCase.spdx)
        #expect(reading.licence.eu == licenceCase.eu)
        #expect(reading.rule == licenceCase.rule)
    }

    @Test("reads placeholders as no licence", arguments: [
        "notspecified", "NOTSPECIFIED", "License Not Specified", // ckan/geodatagov_catalog.data.gov_packages_with_category_tags.json
        "other", "Other", "", "   ", "N/A", "-", "unknown", "License", "Not specified",
        "other-undefined", "Other (Specified in the description)", // ckan/envidat_package_show.json
        "https://project-open-data.cio.gov/unknown-license", // datajson (DCAT-US placeholder URL)
        "http://publications.europa.eu/resource/authority/licence/OP_DATPRO",
        "https://w3id.org/italia/controlled-vocabulary/licences/C1_Unknown",
    ])
    func placeholders(_ value: String) throws {
        let reading = try #require(LicenceMatcher.read(value))
        #expect(reading.licence.kind == .placeholder)
    }

    @Test("leaves unknown values unread", arguments: [
        "http://www.usaid.gov/data/license-data-created-agency", // datajson/agency_usaid.data.json
        "https://opendataphilly.org/licenses/other", // datajson/gsa_ny.data.json and others
        "https://hub.arcgis.com/api/v2/datasets/429428633a5e486289f6111d9cbe7065/license", // datajson (ArcGIS Hub)
        "dataset-license-url", // other_portals/arcgis-hub_test1.data.json (a template left unfilled)
        "Creative Commons", "CC", "Some statement about rights", "Terms of use of the City of Example",
        "https://data.some.org/link/to/license", // dcat_rdfxml/semic_geodcat-ap_example_dataset.rdf
        "http://inspire.ec.europa.eu/metadata-codelist/ConditionsApplyingToAccessAndUse/noConditionsApply",
        "Open Government Licence - Ontario", "Creative Commons Attribution-ShareAlike-NoDerivatives 4.0",
        "https://creativecommons.org/licenses/by/9.9/", "http://publications.europa.eu/resource/authority/licence/NOPE",
    ])
    func unknown(_ value: String) {
        #expect(LicenceMatcher.read(value) == nil)
    }

    // MARK: Records

    private func record(_ licence: LicenseRef?, distributions: [LicenseRef?] = []) -> CatalogRecord {
        var record = CatalogRecord(id: "portal/1", title: LocalizedText("Trees"),
                                   provenance: Provenance(sourceID: "portal", kind: "ckan", originalID: "1", harvestedAt: Date()))
        record.license = licence
        record.distributions = distributions.enumerated().map { index, licence in
            var distribution = Distribution(id: "d\(index)", accessURL: "https://x.example/\(index).csv")
            distribution.license = licence
            return distribution
        }
        return record
    }

    private func run(_ record: CatalogRecord) -> (CatalogRecord, [RecordIssue]) {
        Normaliser(rules: [LicenceRule()]).normalise(record)
    }

    @Test func fillsTheLicenceFromTheMostPreciseFieldAndKeepsWhatWasPublished() {
        // ckan/magda_brisbane_package_search_100.json: the register says cc-by, the title and URL name version 4.0.
        let published = LicenseRef(raw: "cc-by", title: "Creative Commons Attribution 4.0",
                                   uri: "http://creativecommons.org/licenses/by/4.0")
        let (record, issues) = run(record(published))
        let licence = record.license
        #expect(licence?.raw == "cc-by")
        #expect(licence?.title == "Creative Commons Attribution 4.0")
        #expect(licence?.uri == "http://creativecommons.org/licenses/by/4.0")
        #expect(licence?.spdx == "CC-BY-4.0")
        #expect(licence?.euURI == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
        #expect(licence?.label == "Creative Commons Attribution 4.0 International")
        #expect(licence?.isRecognised == true)
        #expect(issues.isEmpty)
        #expect(record.notes == [FieldNote(field: "license", raw: "http://creativecommons.org/licenses/by/4.0",
                                           value: "CC-BY-4.0", rule: "licence.cc-uri")])
    }

    @Test func readsAnUnversionedCKANIdAsAFamily() {
        // ckan/magda_dgnsw_package_search.json: cc-by with CKAN's default title and Open Definition URL.
        let published = LicenseRef(raw: "cc-by", title: "Creative Commons Attribution",
                                   uri: "http://www.opendefinition.org/licenses/cc-by")
        let (record, issues) = run(record(published))
        #expect(record.license?.spdx == nil)
        #expect(record.license?.euURI == nil)
        #expect(record.license?.label == "Creative Commons Attribution (version not stated)")
        #expect(record.notes.map(\.rule) == ["licence.ckan-id.unversioned"])
        #expect(record.notes.first?.value == "CC-BY")
        #expect(issues.isEmpty)
    }

    @Test func ignoresTheURLCKANsRegisterGivesAnUnversionedId() {
        // ckan/magda_dwaga_package_search.json: "Non-Commercial (Any)" with CKAN's default URL …/by-nc/2.0/.
        let published = LicenseRef(raw: "cc-nc", title: "Creative Commons Non-Commercial (Any)",
                                   uri: "http://creativecommons.org/licenses/by-nc/2.0/")
        let (record, _) = run(record(published))
        #expect(record.license?.spdx == nil)
        #expect(record.license?.label == "Creative Commons Attribution-NonCommercial (version not stated)")
        // The same URL alone is a precise licence.
        let (alone, _) = run(self.record(LicenseRef(uri: "http://creativecommons.org/licenses/by-nc/2.0/")))
        #expect(alone.license?.spdx == "CC-BY-NC-2.0")
    }

    @Test func reportsPlaceholdersAsNotSpecified() throws {
        // ckan/geodatagov_catalog.data.gov_packages_with_category_tags.json.
        let published = LicenseRef(raw: "notspecified", title: "License Not Specified")
        let (record, issues) = run(record(published))
        #expect(record.license == published)
        #expect(record.notes.isEmpty)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.code == "licence.not-specified")
        #expect(issue.severity == .info)
        #expect(issue.location == "license")
        #expect(issue.message.contains("'notspecified'"))
    }

    @Test func reportsUnknownValuesByName() throws {
        // datajson/agency_usaid.data.json.
        let published = LicenseRef(uri: "http://www.usaid.gov/data/license-data-created-agency")
        let (record, issues) = run(record(published))
        #expect(record.license == published)
        let issue = try #require(issues.first)
        #expect(issue.code == "licence.unknown")
        #expect(issue.severity == .info)
        #expect(issue.message.contains("'http://www.usaid.gov/data/license-data-created-agency'"))
        #expect(issue.message.contains("Source 'portal', record '1'"))
    }

    @Test func anUnknownValueOutweighsAPlaceholderInTheReport() throws {
        let (_, issues) = run(record(LicenseRef(raw: "other", title: "Licence de la Ville d'Exemple")))
        #expect(issues.map(\.code) == ["licence.unknown"])
        #expect(try #require(issues.first).message.contains("Licence de la Ville d'Exemple"))
    }

    @Test func readsEveryDistribution() {
        let (record, issues) = run(record(LicenseRef(raw: "odc-odbl"), distributions: [
            LicenseRef(raw: "CC-BY-4.0"), LicenseRef(raw: "my-own-terms"), nil, LicenseRef(raw: "notspecified"),
        ]))
        #expect(record.license?.spdx == "ODbL-1.0")
        #expect(record.distributions[0].license?.spdx == "CC-BY-4.0")
        #expect(record.distributions[0].license?.label == "Creative Commons Attribution 4.0 International")
        #expect(record.distributions[1].license == LicenseRef(raw: "my-own-terms"))
        #expect(record.distributions[2].license == nil)
        #expect(record.notes.map(\.field) == ["license", "distributions[0].license"])
        #expect(issues.map(\.code) == ["licence.unknown", "licence.not-specified"])
        #expect(issues.map(\.location) == ["distributions[1].license", "distributions[3].license"])
    }

    @Test func reportsFieldsThatDisagree() throws {
        let published = LicenseRef(raw: "odc-odbl", uri: "https://creativecommons.org/licenses/by/4.0/")
        let (record, issues) = run(record(published))
        #expect(record.license?.spdx == "ODbL-1.0")
        let issue = try #require(issues.first)
        #expect(issue.code == "licence.conflict")
        #expect(issue.message.contains("CC-BY-4.0"))
        // A family the licence belongs to, a generic category or a placeholder is no conflict.
        for other in [LicenseRef(raw: "cc-by", uri: "https://creativecommons.org/licenses/by/3.0/de/"),
                      LicenseRef(raw: "other-open", uri: "https://creativecommons.org/licenses/by/4.0/"),
                      LicenseRef(raw: "notspecified", title: "CC0 1.0")] {
            let (read, otherIssues) = run(self.record(other))
            #expect(read.license?.isRecognised == true)
            #expect(otherIssues.isEmpty)
        }
    }

    @Test func runsOnceOnly() {
        let (once, _) = run(record(LicenseRef(raw: "cc-zero")))
        let (twice, issues) = run(once)
        #expect(twice == once)
        #expect(twice.notes.count == 1)
        #expect(issues.isEmpty)
    }

    @Test func leavesRecordsWithoutALicenceAlone() {
        let (record, issues) = run(record(nil, distributions: [nil]))
        #expect(record.license == nil)
        #expect(record.notes.isEmpty)
        #expect(issues.isEmpty)
    }

    // MARK: The table

    @Test func everyTableKeyIsInTheFormItIsLookedUpIn() {
        let index = LicenceTable.index
        for key in index.texts.keys { #expect(LicenceKeys.textKey(key) == key, "text key '\(key)'") }
        for key in index.urls.keys { #expect(LicenceKeys.urlKey(key) == key, "URL key '\(key)'") }
        for key in index.registerURLs.keys { #expect(LicenceKeys.urlKey(key) == key, "URL key '\(key)'") }
        for key in index.ids.keys { #expect(key == key.lowercased() && key == key.trimmed, "id '\(key)'") }
    }

    @Test func everyLicenceIsFoundByItsOwnIds() throws {
        let index = LicenceTable.index
        #expect(Set(index.entries.map(\.id)).count == index.entries.count)
        for entry in index.entries {
            if let spdx = entry.spdx {
                #expect(LicenceMatcher.read(spdx)?.licence.id == entry.id, "SPDX \(spdx)")
                #expect(LicenceMatcher.read("https://spdx.org/licenses/\(spdx).html")?.licence.id == entry.id)
            }
            if let eu = entry.eu {
                #expect(LicenceMatcher.read(LicenceTable.euBase + eu)?.licence.id == entry.id, "EU \(eu)")
            }
        }
        // CKAN's default register (ckan/model/license.py) and Open Definition's "ckan" group.
        for id in ["notspecified", "odc-pddl", "odc-odbl", "odc-by", "cc-zero", "cc-by", "cc-by-sa", "gfdl", "other-open",
                   "other-pd", "other-at", "uk-ogl", "cc-nc", "other-nc", "other-closed", "PDDL-1.0", "ODbL-1.0",
                   "ODC-BY-1.0", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "GFDL-1.3-no-cover-texts-no-invariant-sections",
                   "OGL-UK-2.0", "CC-BY-NC-4.0"] {
            #expect(LicenceMatcher.read(id) != nil, "CKAN id \(id)")
        }
        let counts = Dictionary(grouping: index.entries, by: \.kind).mapValues(\.count)
        print("licence table: \(index.entries.count) entries \(counts), \(index.ids.count) ids, \(index.urls.count) URLs, "
              + "\(index.texts.count) texts; \(LicenceTable.sources)")
    }

    @Test func readsFastEnoughForEveryRecord() {
        let values = ["cc-by", "http://creativecommons.org/licenses/by/4.0", "Creative Commons Attribution 4.0",
                      "https://www.usa.gov/government-works", "http://www.usaid.gov/data/license-data-created-agency",
                      "License not specified", "Datenlizenz Deutschland – Namensnennung – Version 2.0"]
        let clock = ContinuousClock()
        let rounds = 1_400
        let uncached = clock.measure {
            for round in 0..<rounds { _ = LicenceMatcher.uncachedRead(values[round % values.count]) }
        } / rounds
        let cached = clock.measure {
            for round in 0..<rounds { _ = LicenceMatcher.read(values[round % values.count]) }
        } / rounds
        print("licence reading: \(uncached) per value, \(cached) per value seen before")
        #expect(uncached < .milliseconds(1))
        #expect(cached < uncached)
    }
}

// MARK: - Corpus sweep

/// Licence strings of the shared corpus (located by `TestSupport.Corpus`).
enum LicenceCorpus {
    static var directory: URL? { Corpus.directory }

    /// Every string value of `keys` in the JSON files of `folder`, with the number of times it occurs.
    static func strings(in folder: String, keys: Set<String>) throws -> [String: Int] {
        guard let directory else { return [:] }
        let base = directory.appendingPathComponent(folder)
        var counts: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() where name.hasSuffix(".json") {
            let json = try load(base.appendingPathComponent(name))
            walk(json) { object in
                for (key, value) in object where keys.contains(key) {
                    if let value = value as? String { counts[value, default: 0] += 1 }
                }
            }
        }
        return counts
    }

    /// Every CKAN package (an object with `license_id`) as the licence the CKAN harvester maps.
    static func ckanLicences() throws -> [LicenseRef] {
        guard let directory else { return [] }
        let base = directory.appendingPathComponent("ckan")
        var licences: [LicenseRef] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() where name.hasSuffix(".json") {
            let json = try load(base.appendingPathComponent(name))
            walk(json) { object in
                guard object.keys.contains("license_id") else { return }
                let licence = LicenseRef(raw: object["license_id"] as? String, title: object["license_title"] as? String,
                                         uri: object["license_url"] as? String)
                if !licence.isEmpty { licences.append(licence) }
            }
        }
        return licences
    }

    /// A JSON file; lone UTF-16 surrogate escapes (datajson/agency_usaid.data.json has `\udc92`), which
    /// Foundation refuses, are read as U+FFFD.
    private static func load(_ url: URL) throws -> Any {
        let data = try Data(contentsOf: url)
        if let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) { return json }
        let text = String(decoding: data, as: UTF8.self)
            .replacing(#/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/#, with: "\\ufffd")
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func walk(_ json: Any, _ visit: ([String: Any]) -> Void) {
        if let object = json as? [String: Any] {
            visit(object)
            for value in object.values { walk(value, visit) }
        } else if let array = json as? [Any] {
            for value in array { walk(value, visit) }
        }
    }
}

@Suite("Licences in the shared corpus")
struct LicenceCorpusTests {
    enum Outcome: String, CaseIterable {
        case identified = "identified (SPDX id or EU code)"
        case labelled = "recognised, label only (national licence, family, generic category)"
        case placeholder = "placeholder (not specified)"
        case unknown = "unknown"
    }

    static func outcome(_ value: String) -> Outcome {
        guard let reading = LicenceMatcher.read(value) else { return .unknown }
        let entry = reading.licence
        if entry.kind == .placeholder { return .placeholder }
        return entry.spdx != nil || entry.eu != nil ? .identified : .labelled
    }

    @Test("every licence string in ckan/ and datajson/ is recognised or reported",
          .enabled(if: LicenceCorpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
    func sweep() throws {
        let ckan = try LicenceCorpus.strings(in: "ckan", keys: ["license_id", "license_title", "license_url"])
        let datajson = try LicenceCorpus.strings(in: "datajson", keys: ["license"])
        var all = ckan
        all.merge(datajson, uniquingKeysWith: +)
        #expect(all.count > 40)

        var distinct: [Outcome: Int] = [:], occurrences: [Outcome: Int] = [:]
        var unknown: [(String, Int)] = []
        for (value, count) in all {
            let outcome = Self.outcome(value)
            distinct[outcome, default: 0] += 1
            occurrences[outcome, default: 0] += count
            if outcome == .unknown { unknown.append((value, count)) }
        }
        let total = all.values.reduce(0, +)
        print("licence sweep: \(all.count) distinct strings, \(total) occurrences (ckan/ \(ckan.count), datajson/ \(datajson.count))")
        for outcome in Outcome.allCases {
            print("  \(outcome.rawValue): \(distinct[outcome] ?? 0) distinct, \(occurrences[outcome] ?? 0) occurrences")
        }
        for (value, count) in unknown.sorted(by: { ($0.1, $1.0) > ($1.1, $0.0) }) {
            print("  unknown ×\(count): \(LicenceRule.quoted(value))")
        }
        let meaningful = all.count - (distinct[.placeholder] ?? 0)
        let recognised = (distinct[.identified] ?? 0) + (distinct[.labelled] ?? 0)
        let share = Double(recognised) / Double(meaningful)
        let occurrenceShare = Double((occurrences[.identified] ?? 0) + (occurrences[.labelled] ?? 0))
            / Double(total - (occurrences[.placeholder] ?? 0))
        print("  recognised share (placeholders left out): \(Int((share * 100).rounded()))% of distinct strings, "
              + "\(Int((occurrenceShare * 100).rounded()))% of occurrences")
        #expect(share >= 0.8)
        #expect(occurrenceShare >= 0.75)
    }

    @Test("every CKAN package licence comes to a licence, a placeholder or an unknown value",
          .enabled(if: LicenceCorpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
    func ckanPackages() throws {
        let licences = try LicenceCorpus.ckanLicences()
        #expect(licences.count > 100)
        var outcomes: [String: Int] = [:]
        var bySPDX: [String: Int] = [:]
        for licence in licences {
            switch LicenceRule.resolve(licence) {
            case let .recognised(reading, _, _):
                let entry = reading.licence
                outcomes[entry.spdx != nil || entry.eu != nil ? "identified" : "label only", default: 0] += 1
                bySPDX[entry.spdx ?? entry.id, default: 0] += 1
            case .notSpecified: outcomes["not specified", default: 0] += 1
            case .unknown: outcomes["unknown", default: 0] += 1
            case .nothing: outcomes["nothing", default: 0] += 1
            }
        }
        print("CKAN packages: \(licences.count): \(outcomes.sorted { $0.key < $1.key }); "
              + "by licence: \(bySPDX.sorted { $0.value > $1.value })")
        #expect(outcomes["unknown"] == nil)
        #expect(outcomes["nothing"] == nil)
    }
}
