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

        // Totals count clusters, with and without filters, whatever path computes them: each equals the number of
        // distinct datasets the whole result list holds.
        let engine = SearchEngine(store: store)
        for query in ["road", "road format:csv", "water -format:pdf", "data source:norland", "closures OR water format:csv",
                      "format:csv", "road language:en"] {
            let all = try engine.search(SearchRequest(text: query, limit: 1000))
            #expect(all.results.count < 1000)
            #expect(all.total == all.results.count, "\(query)")
            #expect(Set(all.results.map(\.id)).count == all.results.count, "\(query)")
            let paged = try engine.search(SearchRequest(text: query, limit: 7, offset: 7))
            #expect(paged.total == all.total, "\(query)")
            #expect(paged.results.map(\.id) == Array(all.results.dropFirst(7).prefix(7)).map(\.id), "\(query)")
        }
        #expect(try engine.search(SearchRequest(text: "road format:csv", limit: 1000)).results.contains { $0.records.count == 2 })
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

@Suite("data.json sources")
struct DataJSONPipelineTests {
    /// Serves whatever bytes the test sets.
    final class Document: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func set(_ value: [UInt8]) { lock.withLock { bytes = value } }
        var value: [UInt8] { lock.withLock { bytes } }
    }

    @Test func theDHSSnapshotPairChangesNothingAndDuplicatesNothing() throws {
        guard let corpus = Corpus.directory else {
            print("skipped: \(Corpus.missingMessage)")
            return
        }
        let document = Document()
        let server = try LoopbackServer { _ in HTTPResponse.json(document.value) }
        try server.start()
        defer { server.stop() }
        let store = try temporaryStore()
        let source = SourceConfig(id: "dhs", kind: "datajson", url: server.baseURL + "/data.json")
        document.set([UInt8](try Data(contentsOf: corpus.appendingPathComponent("datajson/agency_dhs_2025-02-01-older.data.json"))))
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.status == "succeeded")
        #expect(try store.recordCount() == first.added)
        document.set([UInt8](try Data(contentsOf: corpus.appendingPathComponent("datajson/agency_dhs.data.json"))))
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.status == "succeeded")
        #expect(second.added == 0)
        #expect(second.deleted == 0)
        #expect(second.updated == 0, "same datasets, different key and array order")
        #expect(try store.recordCount() == first.added)
        #expect(try store.mergedClusterCount() == 0)
    }

    /// The same dataset on a city's CKAN, a national DCAT-AP portal (Turtle) and a federal data.json: one
    /// cluster with three sources; a near miss in each feed (same title, another publisher) stays apart.
    @Test func oneDatasetInThreeFormatsOnThreePortalsIsOneClusterWithThreeSources() throws {
        let portal = try TestPortal(directory: try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks")]))
        let national = Document()
        national.set(Array("""
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            <https://national.example/dataset/street-trees> a dcat:Dataset ;
                dct:title "Street trees"@en ; dct:publisher [ foaf:name "City of Testville" ] ;
                dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://files.example/trees.csv> ;
                                    dcat:downloadURL <https://files.example/trees.csv> ; dct:format "CSV" ] .
            <https://national.example/dataset/parks> a dcat:Dataset ;
                dct:title "Parks"@en ; dct:publisher [ foaf:name "National Parks Office" ] ;
                dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://national.example/parks.gpkg> ] .
            """.utf8))
        let federal = Document()
        federal.set(Array(#"""
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [
          {"identifier": "https://federal.example/trees", "title": "Urban street tree inventory",
           "publisher": {"name": "Federal Forestry"},
           "distribution": [{"downloadURL": "https://files.example/trees.csv", "mediaType": "text/csv"}]}]}
        """#.utf8))
        let server = try LoopbackServer { request in
            request.path.hasSuffix(".ttl")
                ? HTTPResponse(status: 200, headers: [("Content-Type", "text/turtle")], body: national.value)
                : HTTPResponse.json(federal.value)
        }
        try server.start()
        defer { server.stop() }
        let store = try temporaryStore()
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city"))
        let dcat = try HarvestRunner(store: store).run(SourceConfig(id: "national", kind: "dcat", url: server.baseURL + "/catalog.ttl"))
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "federal", kind: "datajson", url: server.baseURL + "/data.json"))
        #expect(dcat.status == "succeeded")
        #expect(dcat.added == 2)
        #expect(try store.recordCount() == 5)
        #expect(try store.mergedClusterCount() == 1)
        let trees = try #require(try store.record("national/https://national.example/dataset/street-trees"))
        #expect(trees.cluster?.members.map(\.source) == ["city", "federal", "national"])
        #expect(trees.record.distributions.first?.fileType == "http://publications.europa.eu/resource/authority/file-type/CSV")
        #expect(try store.record("national/https://national.example/dataset/parks")?.cluster == nil)
        #expect(try store.record("city/id-parks")?.cluster == nil)
        let hits = try SearchEngine(store: store).search(SearchRequest(text: "trees"))
        #expect(hits.total == 1)
        #expect(hits.results.first?.sources == ["city", "federal", "national"])
    }

    @Test func oneDatasetOnACKANPortalAndInADataJSONIsOneCluster() throws {
        let portal = try TestPortal(directory: try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks")]))
        let document = Document()
        document.set(Array(#"""
        {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [
          {"identifier": "https://federal.example/trees", "title": "Urban street tree inventory",
           "publisher": {"name": "Federal Forestry"},
           "distribution": [{"downloadURL": "https://files.example/trees.csv", "mediaType": "text/csv"}]},
          {"identifier": "https://federal.example/parks-2", "title": "Parks", "publisher": {"name": "Another agency"},
           "distribution": [{"downloadURL": "https://elsewhere.example/parks.zip"}]}]}
        """#.utf8))
        let server = try LoopbackServer { _ in HTTPResponse.json(document.value) }
        try server.start()
        defer { server.stop() }
        let store = try temporaryStore()
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city"))
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "federal", kind: "datajson", url: server.baseURL + "/data.json"))
        #expect(try store.recordCount() == 4)
        #expect(try store.mergedClusterCount() == 1)
        let trees = try #require(try store.record("federal/https://federal.example/trees"))
        #expect(trees.cluster?.members.map(\.source) == ["city", "federal"])
        // Same title "Parks", different publisher and downloads: a near miss stays apart.
        #expect(try store.record("city/id-parks")?.cluster == nil)
        let hits = try SearchEngine(store: store).search(SearchRequest(text: "trees"))
        #expect(hits.total == 1)
        #expect(hits.results.first?.sources == ["city", "federal"])
    }
}

import LoopbackHTTP
import TestSupport
