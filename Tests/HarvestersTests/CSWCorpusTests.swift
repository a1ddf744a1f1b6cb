import CatalogModel
import FeedParsing
import Fetch
import Foundation
import LoopbackHTTP
import Testing
import TestSupport
@testable import Harvesters

/// Every CSW response and ISO record of the shared corpus is read; every record of a GetRecords response or a
/// bare record maps; capabilities are read without records; the bad/ CSW and ISO files give their specific issue.
@Suite("CSW corpus")
struct CSWCorpusTests {
    static let files = Corpus.files(under: "csw", endingIn: [".xml"])

    static func mapAll(_ response: CSWResponse, file: String) -> [MappingResult] {
        let source = SourceConfig(id: "corpus", kind: "csw", url: "https://corpus.example/csw")
        return response.records.map { entry in
            let raw = RawRecord(localID: entry.id, payload: entry.payload, mediaType: "application/xml",
                                pageURL: "https://corpus.example/\(file)", location: entry.pointer)
            return CSWMapper().map(raw, context: MappingContext(source: source, harvestedAt: Date()))
        }
    }

    /// Records per file: GetRecords and GetRecordById responses, bare ISO 19139 / 19115-2 / 19115-3 records, csw:Record.
    static let expectedRecords: [String: Int] = [
        "ckanext-spatial_gemini2.1_12_Service_Valid.xml": 1, "ckanext-spatial_gemini2.1_FCSConservancyPolygons.xml": 1,
        "ckanext-spatial_gemini2.1_service1.xml": 1, "ckanext-spatial_gemini2.1_wales1.xml": 1,
        "datagov-harvester_iso_too_many_keywords.xml": 1, "datagov-harvester_valid_iso2_noaa.xml": 1,
        "geodatagov_geonode_GetRecords.xml": 2, "geodatagov_noaa_ncei_iso19115-2_large.xml": 1,
        "inspire-mif_dk-addresses_iso19139.xml": 1, "magda_aodn-0D709B10.xml": 1, "magda_aodn-c317b0fe-new.xml": 1,
        "magda_aodn-c317b0fe-old.xml": 1, "magda_aurin-GetRecords.xml": 2, "magda_aurin-license-GetRecords.xml": 1,
        "magda_sample-GetRecords-iso19115-3.xml": 20, "magda_vic-geonetwork-GetRecords.xml": 10, "owslib_9250AA67_dc.xml": 1,
        "owslib_9250AA67_iso.xml": 1, "owslib_csw_dov_getrecordbyid.xml": 1, "owslib_csw_geobretagne_mdmetadata.xml": 1,
        "owslib_csw_iso_identifier.xml": 1, "owslib_iso19139_srv.xml": 1, "owslib_iso3_arcgis-sample.xml": 1,
        "owslib_iso3_auscope-3d-model.xml": 1, "owslib_iso3_metawal-catchments.xml": 1, "owslib_iso_che.xml": 1,
        "owslib_iso_keywords_anchor.xml": 1, "owslib_iso_mi.xml": 1, "pycsw_apiso_GetRecords-all.xml": 5,
        "pycsw_csw30_GetRecords-full.xml": 10, "pycsw_data_iso19115-2_Sentinel-2-scene.xml": 1, "pycsw_data_metawal-srv.xml": 1,
        "pycsw_data_pacioos-NS06agg.xml": 1, "pycsw_default_GetRecords-all-dc.xml": 5, "pycsw_harvest_GetRecords-wms-iso.xml": 4,
        "pycsw_iso19115p3_GetRecords-all.xml": 4, "semic_iso19139_hvd_dataset_multilingual.xml": 1,
        "semic_iso19139_multilingual-metadata_cuzk.xml": 1, "semic_iso19139_network-service.xml": 1,
        "udata_geoide-iso19139-single.xml": 1, "udata_geonetwork-iso19139-page-1.xml": 2, "udata_geonetwork-iso19139-page-3.xml": 2,
        "udata_geonetwork-iso19139-page-5.xml": 2, "udata_geoplateforme-iso19139-IGNF_RPG.xml": 1,
    ]
    /// GetRecords responses in a DCAT output schema: each record's RDF mapped as the dcat kind does.
    static let dcatResponses: Set<String> = ["udata_geonetwork-dcat-page-1.xml", "udata_geonetwork-geodcatap-page-1.xml"]
    /// Files that are not CSW at all (FGDC, RDF/XML Dublin Core).
    static let notCSW: Set<String> = ["datagov-harvester_fgdc_USGSHydroCached.xml", "owslib_9250AA67_dc2.xml"]

    @Test func everyResponseIsReadAndEveryRecordMaps() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        #expect(Self.files.count >= 50)
        for relative in Self.files {
            let name = String(relative.dropFirst("csw/".count))
            let bytes = try Corpus.bytes(relative)
            if Self.notCSW.contains(name) {
                #expect(throws: CSWResponseError.self, "\(name)") { try CSWResponse.parse(bytes) }
                continue
            }
            let response = try CSWResponse.parse(bytes, url: relative)
            if response.isCapabilities {
                #expect(response.records.isEmpty, "\(name)")
                continue
            }
            let results = Self.mapAll(response, file: name)
            if Self.dcatResponses.contains(name) {
                #expect(!results.isEmpty && results.allSatisfy { $0.record != nil }, "\(name): \(results.flatMap(\.issues).map(\.message).prefix(2))")
                #expect(results.allSatisfy { $0.record?.provenance.kind == "csw" && $0.record?.title.value.isEmpty == false }, "\(name)")
                continue
            }
            let records = results.compactMap(\.record)
            #expect(records.count == Self.expectedRecords[name], "\(name): \(records.count) records")
            #expect(records.allSatisfy { !$0.title.value.isEmpty && $0.id.hasPrefix("corpus/") }, "\(name)")
            let errors = results.flatMap(\.issues).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors.map(\.message))")
        }
    }

    static func record(_ relative: String, _ index: Int = 0) throws -> CatalogRecord {
        let response = try CSWResponse.parse(try Corpus.bytes(relative), url: relative)
        return try #require(Self.mapAll(response, file: relative)[index].record)
    }

    @Test func realRecordsMapFieldByField() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        let apiso = try CSWResponse.parse(try Corpus.bytes("csw/pycsw_apiso_GetRecords-all.xml"))
        #expect(apiso.matched == 18)
        #expect(apiso.nextRecord == 6)
        let service = try Self.record("csw/owslib_iso19139_srv.xml")
        #expect(service.extras["iso:hierarchyLevel"] == "service")
        #expect(service.extras["iso:identification"] == "SV_ServiceIdentification")
        let anchors = try Self.record("csw/owslib_iso_keywords_anchor.xml")
        #expect(!anchors.keywords.isEmpty)
        let multilingual = try Self.record("csw/semic_iso19139_multilingual-metadata_cuzk.xml")
        #expect(multilingual.title.value == "Stahovací služba ATOM pro Data50")
        #expect(multilingual.title.variants["en"] == "ATOM Download Service for the Data50")
        let hvd = try Self.record("csw/semic_iso19139_hvd_dataset_multilingual.xml")
        #expect(!hvd.themes.filter { $0.scheme == "inspire-theme" }.isEmpty)
        let geonode = try Self.record("csw/geodatagov_geonode_GetRecords.xml")
        #expect(!geonode.spatial.isEmpty)
        #expect(!geonode.distributions.isEmpty)
        let dc = try Self.record("csw/owslib_9250AA67_dc.xml")
        let iso = try Self.record("csw/owslib_9250AA67_iso.xml")
        #expect(dc.title.value.isEmpty == false && iso.title.value.isEmpty == false)
        let mdb = try Self.record("csw/owslib_iso3_auscope-3d-model.xml")
        #expect(mdb.extras["iso:schema"] != nil)
        #expect(mdb.publisher != nil)
    }

    @Test func badFilesGiveTheirSpecificIssue() throws {
        guard Corpus.directory != nil else { print(Corpus.missingMessage); return }
        // A newline before the XML declaration: read anyway, and named by the harvester.
        let tern = try CSWResponse.parse(try Corpus.bytes("bad/magda_tern-GetRecords.xml"))
        #expect(tern.leadingWhitespace)
        #expect(tern.matched == 61 && tern.nextRecord == 11)
        #expect(Self.mapAll(tern, file: "tern").compactMap(\.record).count == 10)
        let body = try Corpus.bytes("bad/magda_tern-GetRecords.xml")
        let server = try LoopbackServer { _ in HTTPResponse(status: 200, headers: [("Content-Type", "application/xml")], body: body) }
        try server.start()
        defer { server.stop() }
        let sink = CollectingSink()
        let harvester = try CSWHarvester(source: SourceConfig(id: "tern", kind: "csw", url: server.baseURL + "/csw", options: ["max_records": "10"]))
        // The same page again for startPosition=11: nextRecord=11 does not advance.
        #expect(throws: HarvestError.self) { try harvester.gather(using: Fetcher(options: testFetchOptions), context: GatherContext(), into: sink) }
        #expect(sink.records.count == 10)
        #expect(sink.issues.first?.code == "csw.response.leading-whitespace")
        #expect(sink.issues.filter { $0.code == "csw.response.leading-whitespace" }.count == 1)
        // One messy keyword string is kept raw for the normaliser to split.
        let tags = try Self.record("bad/geodatagov_iso_bad-tags.xml")
        #expect(tags.keywords.count == 1)
        #expect(tags.keywords.first?.contains("tag1") == true)
    }
}
