import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Pipeline
import Search
import Testing

@Suite("One dataset per real dataset across portals")
struct ClusterTests {
    static func harvest(_ order: [String], portal: TestPortal) throws -> CatalogStore {
        let store = try temporaryStore()
        for id in order {
            _ = try HarvestRunner(store: store).run(SourceConfig(id: id, kind: "ckan", url: "\(portal.server.baseURL)/\(id)"))
        }
        return store
    }

    static func assignment(_ store: CatalogStore) throws -> [String] {
        try store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT id || ' ' || cluster_id FROM records ORDER BY id")
                + String.fetchAll(db, sql: "SELECT id || ' ' || canonical_id || ' ' || size || ' ' || confidence FROM clusters ORDER BY id")
        }
    }

    @Test func theSamplePortalsCopiesBecomeOneClusterEach() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let store = try Self.harvest(["lakeside", "norland", "riverbasin"], portal: portal)
        #expect(try store.recordCount() == 369)
        #expect(try store.mergedClusterCount() == 40)
        #expect(try store.clusterCount() == 329)
        let canonicalSources = try store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT r.source_id FROM clusters c JOIN records r ON r.id = c.canonical_id")
        }
        #expect(!canonicalSources.contains("norland"), "norland's copies are harvested copies; the originals are canonical")

        let hits = try SearchEngine(store: store).search(SearchRequest(text: "road works closures"))
        #expect(hits.total == 1)
        let hit = try #require(hits.results.first)
        #expect(hit.sources == ["lakeside", "norland"])
        #expect(hit.id.hasPrefix("lakeside/"))
        #expect(hit.records.count == 2)
        let shown = try #require(try store.record("norland/road-works-and-closures"))
        #expect(shown.cluster?.canonicalID == hit.id)
        #expect(shown.cluster?.members.map(\.source) == ["lakeside", "norland"])
        #expect(shown.cluster?.confidence == "high")
    }

    @Test func clusteringIsDeterministicWhateverTheHarvestOrder() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let forward = try Self.harvest(["lakeside", "norland", "riverbasin"], portal: portal)
        let backward = try Self.harvest(["riverbasin", "norland", "lakeside"], portal: portal)
        #expect(try Self.assignment(forward) == Self.assignment(backward))
    }

    @Test func aReharvestReclustersOnlyWhatChangedAndDeletionsSplitClusters() throws {
        let v1 = try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks")])
        let copies = try sampleFolder(portal: "nation", packages: [("trees", "Street trees (national copy)")])
        let portal = try TestPortal(directory: v1)
        let store = try temporaryStore()
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city"))
        try portal.load(copies)
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "nation", kind: "ckan", url: "\(portal.server.baseURL)/nation"))
        // Same resource URL (https://files.example/trees.csv) on both portals: one cluster.
        #expect(try store.mergedClusterCount() == 1)
        #expect(try store.record("nation/id-trees")?.cluster?.members.map(\.id) == ["city/id-trees", "nation/id-trees"])
        // The national copy disappears: the cluster splits back into a single record.
        try portal.load(try sampleFolder(portal: "nation", packages: [("other", "Another dataset")]))
        let report = try HarvestRunner(store: store).run(SourceConfig(id: "nation", kind: "ckan", url: "\(portal.server.baseURL)/nation"))
        #expect(report.deleted == 1)
        #expect(try store.mergedClusterCount() == 0)
        #expect(try store.record("city/id-trees")?.cluster == nil)
        #expect(try store.clusterCount() == 3)
    }
}
