import CatalogModel
import CatalogStore
import Foundation
@testable import Search

/// A catalogue of six datasets on two portals with every field the query language and the facets read.
enum CatalogueFixture {
    struct Spec {
        var id: String
        var source = "city"
        var title: String
        var description: String
        var keywords: [String] = []
        var publisher: String
        var modified: CatalogDate?
        var issued: String?
        var license: LicenseRef?
        var formats: [String] = []
        var themes: [String] = []
        var languages: [String] = []
        var box: BoundingBox?
    }

    static let eu = "http://publications.europa.eu/resource/authority/data-theme/"
    static let themeLabels = ["ENVI": "Environment", "TRAN": "Transport"]

    static let specs: [Spec] = [
        Spec(id: "air", title: "Air quality measurements", description: "Hourly NO2 readings.", keywords: ["air"], publisher: "City",
             modified: iso("2021-03-01"), issued: "2019-05-01", license: spdx("CC-BY-4.0"), formats: ["CSV", "JSON"], themes: ["ENVI"],
             languages: ["en", "de"], box: BoundingBox(west: 8.4, south: 47.3, east: 8.6, north: 47.4)),
        Spec(id: "traffic", title: "Road traffic counts", description: "Counts near air quality stations.", publisher: "City",
             modified: iso("2024-01-15"), issued: "2024-01-01", license: spdx("CC0-1.0"), formats: ["CSV"], themes: ["TRAN"],
             languages: ["de"]),
        Spec(id: "trees", title: "Street trees", description: "Trees of the old town.", keywords: ["trees"], publisher: "Parks Department",
             modified: iso("2020-06-01"), license: spdx("CC-BY-3.0"), formats: ["GeoJSON"], themes: ["ENVI"], languages: ["de"],
             box: BoundingBox(west: 8.5, south: 47.35, east: 8.55, north: 47.38)),
        Spec(id: "pollution", source: "state", title: "Air pollution yearly report", description: "Annual air pollution summary.",
             publisher: "State Office", modified: iso("2022-12-31"), license: LicenseRef(raw: "other-open"), formats: ["PDF"],
             themes: ["ENVI"], languages: ["en"], box: BoundingBox(west: 5.9, south: 45.8, east: 10.5, north: 47.8)),
        Spec(id: "bus", source: "state", title: "Bus stops", description: "Stops of the bus network.", publisher: "State Office",
             modified: iso("2023-02-01"), formats: ["csv", "GTFS"], themes: ["TRAN"], languages: ["en"]),
        Spec(id: "lakes", source: "state", title: "Water quality of lakes", description: "Measurements of water quality.",
             publisher: "State Office", modified: CatalogDate(raw: "unknown"), license: spdx("CC-BY-4.0"), formats: [".csv"],
             languages: ["fr"], box: BoundingBox(west: 6.0, south: 46.0, east: 7.0, north: 46.5)),
    ]

    static func iso(_ text: String) -> CatalogDate { CatalogDate(raw: text, iso: text) }

    static func spdx(_ id: String) -> LicenseRef {
        var license = LicenseRef(raw: id.lowercased())
        license.spdx = id
        return license
    }

    static func record(_ spec: Spec) -> CatalogRecord {
        var record = CatalogRecord(id: "\(spec.source)/\(spec.id)", title: LocalizedText(spec.title),
                                   provenance: Provenance(sourceID: spec.source, kind: "ckan", originalID: spec.id, harvestedAt: Date()))
        record.description = LocalizedText(spec.description)
        record.keywords = spec.keywords
        record.publisher = Agent(name: spec.publisher)
        record.modified = spec.modified
        record.issued = spec.issued.map(iso)
        record.license = spec.license
        record.distributions = spec.formats.map { format in
            var distribution = Distribution(title: format)
            distribution.format = format
            return distribution
        }
        record.themes = spec.themes.map { Concept(uri: eu + $0, label: themeLabels[$0]) }
        record.languages = spec.languages
        record.spatial = spec.box.map { box in
            var place = SpatialCoverage(label: spec.title)
            place.bbox = box
            return [place]
        } ?? []
        return record
    }

    static func engine(_ specs: [Spec] = specs) throws -> SearchEngine {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-facets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try CatalogStore(path: directory.appendingPathComponent("s.db").path)
        for source in ["city", "state"] {
            let config = SourceConfig(id: source, kind: "ckan", url: "https://\(source).example")
            let staged = specs.filter { $0.source == source }.map {
                StagedRecord(localID: $0.id, change: .added, encoded: EncodedRecord(record($0)), raw: nil)
            }
            let run = try store.beginRun(source: config, configJSON: "{}", at: Date()).runID
            var batch = StageBatch()
            batch.records = staged
            try store.stage(runID: run, sourceID: source, batch: batch, at: Date())
            _ = try store.commitRun(runID: run, sourceID: source,
                                    end: RunEnd(listingComplete: true, expected: staged.count, counters: FetchCounters()), at: Date())
        }
        return SearchEngine(store: store)
    }
}
