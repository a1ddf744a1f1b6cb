import CatalogModel
import CatalogStore
import Export
import Foundation
import Search
import Testing

/// What an export selects and how it pages, and the change feed.
@Suite struct SelectionTests {
    static func clusters(_ store: CatalogStore, _ selection: ExportSelection) throws -> [String] {
        var ids: [String] = []
        try ExportReader(store: store, selection: selection).datasets { ids.append($0.clusterID) }
        return ids
    }

    @Test func oneDatasetPerClusterWithAllItsRecords() throws {
        let store = try FixtureCatalogue.store()
        var datasets: [ExportDataset] = []
        try ExportReader(store: store).datasets { datasets.append($0) }
        #expect(datasets.map(\.clusterID) == ["city/air-quality", "city/bus-stops", "nation/parks"])
        #expect(datasets[0].records.map(\.record.id) == ["city/air-quality", "nation/ds-77"])
        #expect(datasets[0].hit.sources == ["city", "nation"])
    }

    @Test func queryAndSourceAndSinceSelectDatasets() throws {
        let store = try FixtureCatalogue.store()
        #expect(try Self.clusters(store, ExportSelection(query: "bus")) == ["city/bus-stops"])
        #expect(try Self.clusters(store, ExportSelection(query: "format:json")) == ["city/air-quality", "nation/parks"])
        // A dataset comes when any of its records matches: ds-77 brings the air-quality cluster.
        #expect(try Self.clusters(store, ExportSelection(source: "nation")) == ["city/air-quality", "nation/parks"])
        #expect(try Self.clusters(store, ExportSelection(query: "modified:>=2024")) == ["city/air-quality", "nation/parks"])
        // Published dates or catalogue changes: everything changed in the catalogue on 2026-01-15.
        #expect(try Self.clusters(store, ExportSelection(since: "2025-01-01")).count == 3)
        #expect(try Self.clusters(store, ExportSelection(since: "2026-02-01")).isEmpty)
        #expect(try ExportReader(store: store, selection: ExportSelection(since: "2026-01-15T08:59:00Z")).count() == 3)
    }

    @Test func ndjsonLinesAreSearchResults() throws {
        let store = try FixtureCatalogue.store()
        let lines = try FixtureCatalogue.export("ndjson", store: store).split(separator: "\n")
        let results = try SearchEngine(store: store).search(SearchRequest(text: "", limit: 10, sort: .title))
        let decoder = JSONDecoder()
        let hits = try lines.map { try decoder.decode(SearchHit.self, from: Data($0.utf8)) }
        #expect(Set(hits) == Set(results.results))
        #expect(hits.count == 3)
    }

    @Test func csvHasTheDocumentedColumnsAndQuotesFields() throws {
        let text = try FixtureCatalogue.export("csv", store: FixtureCatalogue.store())
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == CSVExporter.columns.joined(separator: ","))
        #expect(lines[1].hasPrefix("city/air-quality,city/air-quality,Air quality 2023,\"Hourly \"\"NO2\"\" & PM10"))
        #expect(text.contains(",CC-BY-4.0,http://publications.europa.eu/resource/authority/licence/CC_BY_4_0,2023,2024-03-05T10:21:33Z,en;fr,"))
        #expect(text.contains(",city;nation,city/air-quality;nation/ds-77\r\n"))
    }

    @Test func pagesCoverTheSelectionAndLinkToEachOther() throws {
        let store = try FixtureCatalogue.store()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let reader = try ExportReader(store: store, iris: IRIScheme(base: "https://data.example.org/catalogue/"))
        let files = try PagedCatalogue.write(try ExporterRegistry.exporter(for: "ttl"), reader: reader, folder: folder.path, size: 2)
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["page-1.ttl", "page-2.ttl"])
        let first = try String(contentsOfFile: files[0], encoding: .utf8), second = try String(contentsOfFile: files[1], encoding: .utf8)
        #expect(first.contains("hydra:next <https://data.example.org/catalogue/page-2.ttl>"))
        #expect(!first.contains("hydra:previous"))
        #expect(second.contains("hydra:previous <https://data.example.org/catalogue/page-1.ttl>"))
        #expect(second.contains("hydra:last <https://data.example.org/catalogue/page-2.ttl>"))
        #expect(first.contains("<https://data.example.org/catalogue/dataset/city/bus-stops>\n    a dcat:Dataset"))
        #expect(second.contains("<https://data.example.org/catalogue/dataset/nation/parks>\n    a dcat:Dataset"))
        #expect(!second.contains("dataset/city/bus-stops>\n    a dcat:Dataset"))
        do { try PagedCatalogue.write(try ExporterRegistry.exporter(for: "csv"), reader: reader, folder: folder.path, size: 2); Issue.record("no error") } catch {
            #expect(error.description == "The format 'csv' cannot be written as a paged catalogue; the paged formats are ttl, rdf, jsonld, nt.")
        }
    }

    @Test func atomFeedTellsAddedUpdatedAndWithdrawn() throws {
        let store = try FixtureCatalogue.store()
        let city = try FixtureCatalogue.records().filter { $0.provenance.sourceID == "city" }
        // Second harvest: bus stops withdrawn, air quality changed.
        var changed = city[0]
        changed.keywords.append("ozone")
        let later = FixtureCatalogue.harvestTime.addingTimeInterval(86_400)
        let commit = try FixtureCatalogue.harvest(store, source: "city", kind: "ckan", records: [changed], at: later)
        #expect(commit.deleted == 1)
        let feed = try FixtureCatalogue.export("atom", store: store, selection: ExportSelection(since: "2026-01-16"))
        #expect(feed.contains("<category scheme=\"urn:fedcat:change\" term=\"updated\""))
        #expect(feed.contains("<category scheme=\"urn:fedcat:change\" term=\"withdrawn\""))
        #expect(!feed.contains("term=\"added\""))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(feed.contains("<title>Bus stops</title>"))
        // The bus stops come back: an update of a record seen before, no longer withdrawn.
        _ = try FixtureCatalogue.harvest(store, source: "city", kind: "ckan", records: [changed, city[1]], at: later.addingTimeInterval(86_400))
        let after = try FixtureCatalogue.export("atom", store: store, selection: ExportSelection(since: "2026-01-17"))
        #expect(after.components(separatedBy: "<entry>").count - 1 == 1)
        #expect(after.contains("term=\"updated\"") && after.contains("<title>Bus stops</title>"))
        #expect(!after.contains("withdrawn"))
    }
}
