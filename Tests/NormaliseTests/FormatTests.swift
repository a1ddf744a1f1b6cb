import CatalogModel
import Foundation
import Testing
@testable import Normalise

/// One distribution as published, and what `FormatRule` should make of it.
struct FormatCase: Sendable, CustomTestStringConvertible {
    var format: String?
    var mediaType: String? = nil
    var url: String? = nil
    /// Expected EU file-type code (nil: none).
    var fileType: String?
    /// Expected media type afterwards.
    var expectedMediaType: String?
    /// Expected rule of the file-type note (nil: no note).
    var rule: String?
    /// Expected issue code.
    var issue: String? = nil

    var testDescription: String { "\(format ?? "-") | \(mediaType ?? "-") | \(url ?? "-")" }
}

@Suite("FormatRule")
struct FormatTests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static let cases: [FormatCase] = [
        // ckan/magda_brisbane_package_search_100.json: "format": "CSV", and "csv" beside it.
        FormatCase(format: "CSV", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.name"),
        FormatCase(format: "csv", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.name"),
        // samples/ckan/lakeside.json: "format": ".csv" and "CSV file".
        FormatCase(format: ".csv", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.extension"),
        FormatCase(format: "CSV file", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.name"),
        // ckan/envidat_package_search.json: "format": "text/csv".
        FormatCase(format: "text/csv", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.media-type"),
        // The brief's "csv (zip)"; datajson/agency_usaid.data.json "Zipped CSV"; ckan/magda_dsaga_package_search.json
        // "zip (shp)"; samples/ckan/norland.json "Shapefile (zip)"; agency_usaid "Zipped PDFs".
        FormatCase(format: "csv (zip)", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped-csv"),
        FormatCase(format: "Zipped CSV", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped-csv"),
        FormatCase(format: "zip (shp)", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped-shp"),
        FormatCase(format: "Shapefile (zip)", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped-shp"),
        FormatCase(format: "Zipped PDFs", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped-pdf"),
        FormatCase(format: "Zipped Files", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.zipped"),
        FormatCase(format: "zip", fileType: "ZIP", expectedMediaType: "application/zip", rule: "format.name"),
        // samples/ckan/*.json: "XLSX", "xls", "GeoJSON", "SHP".
        FormatCase(format: "XLSX", fileType: "XLSX", expectedMediaType: xlsx, rule: "format.name"),
        FormatCase(format: "xls", fileType: "XLS", expectedMediaType: "application/vnd.ms-excel", rule: "format.name"),
        FormatCase(format: "GeoJSON", fileType: "GEOJSON", expectedMediaType: "application/geo+json", rule: "format.name"),
        FormatCase(format: "SHP", fileType: "SHP", expectedMediaType: nil, rule: "format.name"),
        // APIs and services: "API" (datajson/agency_cms.data.json), "JSON API" and "GTFS-RT"
        // (datajson/datagov-harvester_philly_dcatus_with_none.data.json), "Interactive on-screen" (agency_fda).
        FormatCase(format: "API", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: "API", url: "https://data.example.gov/api/views/abcd-1234/rows.csv", fileType: nil,
                   expectedMediaType: nil, rule: nil),
        FormatCase(format: "JSON API", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: "GTFS-RT", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: "Interactive on-screen", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: "WMS", fileType: "WMS_SRVC", expectedMediaType: nil, rule: "format.name"),
        FormatCase(format: "WFS", fileType: "WFS_SRVC", expectedMediaType: nil, rule: "format.name"),
        FormatCase(format: "GTFS", fileType: "GTFS", expectedMediaType: nil, rule: "format.name"),
        // datajson/gsa_usda.gov.data.json "OGC WMS"; ckan/magda_hobart_datagovau_package_search.json "Esri REST".
        FormatCase(format: "OGC WMS", fileType: "WMS_SRVC", expectedMediaType: nil, rule: "format.name"),
        FormatCase(format: "Esri REST", fileType: "REST", expectedMediaType: nil, rule: "format.name"),
        // Odd spellings: ckan/magda_dgnsw_package_search.json "excel (.xlsx)"; philly "HT ML", "XSLX", "PNG 24",
        // "GEOPARQUET"; agency_usaid "EXCEL-xls"; magda_dsaga "shape file .shp".
        FormatCase(format: "excel (.xlsx)", fileType: "XLSX", expectedMediaType: xlsx, rule: "format.name"),
        FormatCase(format: "HT ML", fileType: "HTML", expectedMediaType: "text/html", rule: "format.name"),
        FormatCase(format: "XSLX", fileType: "XLSX", expectedMediaType: xlsx, rule: "format.name"),
        FormatCase(format: "PNG 24", fileType: "PNG", expectedMediaType: "image/png", rule: "format.name"),
        FormatCase(format: "GEOPARQUET", fileType: "PARQUET", expectedMediaType: "application/vnd.apache.parquet", rule: "format.name"),
        FormatCase(format: "EXCEL-xls", fileType: "XLS", expectedMediaType: "application/vnd.ms-excel", rule: "format.name"),
        FormatCase(format: "shape file .shp", fileType: "SHP", expectedMediaType: nil, rule: "format.name"),
        // URIs as formats (DCAT-AP dct:format and dcat:mediaType).
        FormatCase(format: "http://publications.europa.eu/resource/authority/file-type/CSV", fileType: "CSV",
                   expectedMediaType: "text/csv", rule: "format.eu-uri"),
        // dcat_rdfxml/*.rdf: dct:format …/file-type/WMS, which the EU table calls WMS_SRVC; …/file-type/MAP_WMS.
        FormatCase(format: "http://publications.europa.eu/resource/authority/file-type/WMS", fileType: "WMS_SRVC",
                   expectedMediaType: nil, rule: "format.eu-uri-name"),
        FormatCase(format: "http://publications.europa.eu/resource/authority/file-type/MAP_WMS", fileType: nil,
                   expectedMediaType: nil, rule: nil, issue: "format.unknown"),
        FormatCase(format: "https://www.iana.org/assignments/media-types/text/csv", fileType: "CSV",
                   expectedMediaType: "text/csv", rule: "format.media-type"),
        FormatCase(format: xlsx, fileType: "XLSX", expectedMediaType: xlsx, rule: "format.media-type"),
        // A family name gives way to the URL's extension (datajson/gsa_usda.gov.data.json "Excel", "Web page").
        FormatCase(format: "Excel", url: "https://x.example/budget.xlsx", fileType: "XLSX", expectedMediaType: xlsx,
                   rule: "format.from-url"),
        FormatCase(format: "Excel", fileType: "XLS", expectedMediaType: "application/vnd.ms-excel", rule: "format.name"),
        FormatCase(format: "Web page", fileType: "HTML", expectedMediaType: "text/html", rule: "format.name"),
        // No format: the media type, then the URL.
        FormatCase(format: nil, mediaType: "text/csv; charset=utf-8", fileType: "CSV", expectedMediaType: "text/csv",
                   rule: "format.from-media-type"),
        FormatCase(format: nil, mediaType: "application/octet-stream", url: "https://x.example/a.csv", fileType: "CSV",
                   expectedMediaType: "application/octet-stream", rule: "format.from-url"),
        FormatCase(format: nil, url: "https://x.example/api/views/abcd/rows.csv?accessType=DOWNLOAD", fileType: "CSV",
                   expectedMediaType: "text/csv", rule: "format.from-url"),
        FormatCase(format: nil, url: "https://x.example/dump/all.tar.gz", fileType: "TAR_GZ",
                   expectedMediaType: "application/gzip", rule: "format.from-url"),
        FormatCase(format: nil, url: "https://x.example", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: nil, url: "https://data.gov.uk", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: nil, url: "https://x.example/dir.v2/", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: nil, url: "https://x.example/download?format=csv", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: nil, url: "https://x.example/page.aspx?id=3.csv", fileType: nil, expectedMediaType: nil, rule: nil),
        FormatCase(format: nil, url: "files/trees.XLSX", fileType: "XLSX", expectedMediaType: xlsx, rule: "format.from-url"),
        // Published media types: datajson/agency_usaid.data.json "type/csv", "text/tsv", "application/SPSS";
        // ckan/geodatagov_catalog.data.gov_packages_with_category_tags.json "application/xls";
        // ckan/udata_dkan_package_show_french.json "mimetype": "xlsx"; datajson/agency_fda.data.json "application/unknown".
        FormatCase(format: "CSV", mediaType: "type/csv", fileType: "CSV", expectedMediaType: "text/csv", rule: "format.name"),
        FormatCase(format: nil, mediaType: "text/tsv", fileType: "TSV", expectedMediaType: "text/tab-separated-values",
                   rule: "format.from-media-type"),
        FormatCase(format: "SPSS", mediaType: "application/SPSS", fileType: "SPSS_SAV", expectedMediaType: "application/spss",
                   rule: "format.name"),
        FormatCase(format: "XLS", mediaType: "application/xls", fileType: "XLS", expectedMediaType: "application/vnd.ms-excel",
                   rule: "format.name"),
        FormatCase(format: nil, mediaType: "xlsx", fileType: "XLSX", expectedMediaType: xlsx, rule: "format.from-media-type"),
        FormatCase(format: "Excel", mediaType: "application/unknown", fileType: "XLS", expectedMediaType: "application/vnd.ms-excel",
                   rule: "format.name"),
        // Unknown: datajson/gsa_arm.data.json "hdfjpg"; philly "CSV, JSON"; agency_fda "application/unknown".
        FormatCase(format: "hdfjpg", fileType: nil, expectedMediaType: nil, rule: nil, issue: "format.unknown"),
        FormatCase(format: "CSV, JSON", fileType: nil, expectedMediaType: nil, rule: nil, issue: "format.unknown"),
        FormatCase(format: "application/unknown", fileType: nil, expectedMediaType: nil, rule: nil, issue: "format.unknown"),
        // An unknown format is no issue when the URL types the distribution.
        FormatCase(format: "hdfjpg", url: "https://x.example/scene.jpg", fileType: "JPEG", expectedMediaType: "image/jpeg",
                   rule: "format.from-url"),
    ]

    @Test("reads formats, media types and URLs", arguments: cases)
    func reads(_ example: FormatCase) {
        var record = VocabSweep.record()
        var distribution = Distribution(accessURL: example.url)
        distribution.format = example.format
        distribution.mediaType = example.mediaType
        record.distributions = [distribution]
        var issues: [RecordIssue] = []
        FormatRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        let result = record.distributions[0]
        #expect(result.fileType == example.fileType.map { FormatRule.fileTypePrefix + $0 })
        #expect(result.mediaType == example.expectedMediaType)
        #expect(result.format == example.format, "the format is kept as published")
        let note = record.notes.first { $0.field == "distributions[0].format" }
        #expect(note?.rule == example.rule)
        if let note { #expect(note.value == result.fileType) }
        #expect(issues.map(\.code) == (example.issue.map { [$0] } ?? []))
        if let issue = issues.first {
            #expect(issue.severity == .info)
            #expect(issue.location == "distributions[0].format")
        }
    }

    @Test func notesMediaTypeChanges() {
        var record = VocabSweep.record()
        var first = Distribution(accessURL: "https://x.example/a")
        first.format = "CSV"
        first.mediaType = "Text/CSV; charset=UTF-8"
        var second = Distribution(accessURL: "https://x.example/b")
        second.format = "GeoJSON"
        record.distributions = [first, second]
        var issues: [RecordIssue] = []
        FormatRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.notes.contains(FieldNote(field: "distributions[0].mediaType", raw: "Text/CSV; charset=UTF-8",
                                                value: "text/csv", rule: "format.media-type-normalised")))
        #expect(record.notes.contains(FieldNote(field: "distributions[1].mediaType", raw: "", value: "application/geo+json",
                                                rule: "format.media-type-from-file-type")))
        #expect(record.notes.contains(FieldNote(field: "distributions[1].format", raw: "GeoJSON",
                                                value: FormatRule.fileTypePrefix + "GEOJSON", rule: "format.name")))
    }

    @Test func keepsAFileTypeAlreadySet() {
        var record = VocabSweep.record()
        var distribution = Distribution(accessURL: "https://x.example/a.csv")
        distribution.format = "Excel"
        distribution.fileType = FormatRule.fileTypePrefix + "XLSX"
        record.distributions = [distribution]
        var issues: [RecordIssue] = []
        FormatRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record.distributions[0].fileType == FormatRule.fileTypePrefix + "XLSX")
        #expect(record.distributions[0].mediaType == FormatTests.xlsx)
        #expect(!record.notes.contains { $0.field == "distributions[0].format" })
        // Running twice changes nothing more.
        let once = record
        FormatRule().apply(to: &record, issues: &issues, context: NormalisationContext())
        #expect(record == once)
    }

    @Test func tableCodesAreCurrentEUCodes() {
        for (code, entry) in FormatTable.fileTypes {
            #expect(FormatTable.euCodes.contains(code), "\(code)")
            if let mediaType = entry.mediaType {
                #expect(mediaType == mediaType.lowercased())
                #expect(FormatRule.looksLikeMediaType(mediaType), "\(mediaType)")
            }
        }
        for code in Array(FormatTable.names.values) + Array(FormatTable.extensions.values) + Array(FormatTable.mediaTypes.values) {
            #expect(FormatTable.fileTypes[code] != nil, "\(code)")
        }
    }

    // MARK: - Corpus sweep

    @Test("corpus sweep: published formats")
    func sweepFormats() throws {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        let formats = VocabSweep.values(forKeys: ["format"])
        let result = VocabSweep.share(of: formats) { FormatRule.readFormat($0) != .unknown }
        VocabSweep.report("format", formats, result)
        #expect(formats.count > 50)
        #expect(result.distinct >= 0.9)
        #expect(result.weighted >= 0.99)
    }

    @Test("corpus sweep: published media types")
    func sweepMediaTypes() throws {
        guard VocabSweep.corpus != nil else {
            print(VocabSweep.missingMessage)
            return
        }
        let mediaTypes = VocabSweep.values(forKeys: ["mediaType", "mimetype", "mimetype_inner"])
            .filter { $0.key != "null" }
        let result = VocabSweep.share(of: mediaTypes) { value in
            switch FormatRule.cleanMediaType(value) {
            case let .mediaType(mediaType): FormatRule.readMediaType(mediaType, how: "") != .unknown
            case .empty: true
            case .notAMediaType: FormatRule.readName(value.lowercased()) != .unknown
            }
        }
        VocabSweep.report("mediaType/mimetype", mediaTypes, result)
        #expect(result.distinct >= 0.9)
        #expect(result.weighted >= 0.99)
    }
}
