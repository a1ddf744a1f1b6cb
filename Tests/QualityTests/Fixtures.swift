import CatalogModel
import Foundation
import Quality

/// Hand-built records whose points are worked out by hand in the tests.
enum Fixtures {
    static let fileType = "http://publications.europa.eu/resource/authority/file-type/"
    static let today = "2026-11-21"

    static func record(_ local: String, title: String = "Street trees") -> CatalogRecord {
        CatalogRecord(id: "city/\(local)", title: LocalizedText(title),
                      provenance: Provenance(sourceID: "city", kind: "ckan", originalID: local,
                                             originalURL: "https://city.example/dataset/\(local)", harvestedAt: Date(timeIntervalSince1970: 0)))
    }

    static func distribution(_ code: String, format: String, mediaType: String?, access: String?, download: String?, bytes: Int64?) -> Distribution {
        var d = Distribution(accessURL: access)
        d.downloadURL = download
        d.format = format
        d.mediaType = mediaType
        d.fileType = fileType + code
        d.byteSize = bytes
        return d
    }

    static func licence() -> LicenseRef {
        var licence = LicenseRef(raw: "cc-by", spdx: "CC-BY-4.0")
        licence.euURI = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
        return licence
    }

    /// Passes every metric.
    static var complete: CatalogRecord {
        var r = record("complete", title: "Air quality")
        r.description = LocalizedText("Hourly measurements.")
        r.keywords = ["air"]
        r.themes = [Concept(uri: "http://publications.europa.eu/resource/authority/data-theme/ENVI")]
        r.spatial = [SpatialCoverage(label: "Lyon")]
        r.temporal = [TemporalCoverage(start: CatalogDate(raw: "2020", iso: "2020"))]
        r.license = licence()
        r.accessRights = Concept(uri: "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
        r.contactPoint = Contact(email: "data@city.example")
        r.publisher = Agent(name: "City of Lyon")
        r.extras["dct:rights"] = "Free reuse."
        r.issued = CatalogDate(raw: "2020-01-05", iso: "2020-01-05")
        r.modified = CatalogDate(raw: "2024-06-01", iso: "2024-06-01")
        r.distributions = [distribution("CSV", format: "CSV", mediaType: "text/csv", access: "https://files.example/air",
                                        download: "https://files.example/air.csv", bytes: 1200)]
        return r
    }

    /// A title and nothing else.
    static var bare: CatalogRecord { record("bare", title: "Untitled extract") }

    /// Worked out in `MetricTests.aMixedRecordScoresExactly`: 237.5 of 325 points, 277.5 of 405 with links.
    static var mixed: CatalogRecord {
        var r = record("mixed")
        r.description = LocalizedText("Trees along streets.")
        r.keywords = ["trees", " "]
        r.spatial = [SpatialCoverage()]
        r.spatial[0].bbox = BoundingBox(west: 4.7, south: 45.7, east: 4.9, north: 45.8)
        r.license = licence()
        r.accessRights = Concept(uri: "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
        r.contactPoint = Contact(email: "trees@city.example")
        r.publisher = Agent(name: "City of Lyon")
        r.issued = CatalogDate(raw: "2019-03-01", iso: "2019-03-01")
        r.modified = CatalogDate(raw: "2018-01-01", iso: "2018-01-01")
        r.distributions = [
            distribution("CSV", format: "CSV", mediaType: "text/csv", access: "https://files.example/trees",
                         download: "https://files.example/trees.csv", bytes: 5000),
            distribution("PDF", format: "PDF", mediaType: nil, access: "https://files.example/trees-report", download: nil, bytes: nil),
        ]
        return r
    }

    /// Links that answer: every URL but the PDF report's access URL.
    static let links = LinkStatus { $0 != "https://files.example/trees-report" }
}
