import CatalogModel
import CatalogStore
import Foundation
import LoopbackHTTP
import Pipeline
import SamplePortal
import Search
import Testing

/// A loopback CKAN portal whose catalogue and faults a test can change between harvests.
final class TestPortal: @unchecked Sendable {
    private let lock = NSLock()
    private var api: CKANActionAPI
    private var failFrom: Int?
    private(set) var server: LoopbackServer!

    init(directory: URL) throws {
        api = CKANActionAPI(catalog: try SampleCatalog.load(directory: directory))
        server = try LoopbackServer { [unowned self] request in self.handle(request) }
        try server.start()
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (api, failFrom) = lock.withLock { (self.api, self.failFrom) }
        if let failFrom, Int(request.queryValue("start") ?? "0") ?? 0 >= failFrom { return .status(500) }
        return api.handle(request)
    }

    /// Serves another catalogue from now on.
    func load(_ directory: URL) throws {
        let catalog = try SampleCatalog.load(directory: directory)
        lock.withLock { api = CKANActionAPI(catalog: catalog) }
    }

    /// Answers HTTP 500 to package_search pages starting at or after `offset`.
    func fail(from offset: Int?) {
        lock.withLock { failFrom = offset }
    }

    deinit { server.stop() }
}

/// Writes a one-portal sample folder with packages `(name, title)`.
func sampleFolder(portal: String, packages: [(String, String)]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-samples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let items = packages.enumerated().map { index, package in
        #"{"id":"id-\#(package.0)","name":"\#(package.0)","title":"\#(package.1)","notes":"About \#(package.1).","metadata_created":"2020-01-0\#(index % 9 + 1)T00:00:00.000000","metadata_modified":"2021-01-0\#(index % 9 + 1)T00:00:00.000000","state":"active","type":"dataset","tags":[],"groups":[],"extras":[],"resources":[{"id":"r-\#(package.0)","url":"https://files.example/\#(package.0).csv","format":"CSV"}]}"#
    }
    let text = #"{"portal":{"id":"\#(portal)","title":"Test portal","description":"","language":"en"},"organizations":[],"groups":[],"packages":[\#(items.joined(separator: ","))]}"#
    try Data(text.utf8).write(to: directory.appendingPathComponent("\(portal).json"))
    return directory
}

func temporaryStore() throws -> CatalogStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try CatalogStore(path: directory.appendingPathComponent("catalogue.db").path)
}

@Suite("Harvest pipeline end to end")
struct PipelineTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/ckan").standardized

    @Test func harvestsTheSamplePortalsAndSearchesThem() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let runner = HarvestRunner(store: store)
        var reports: [HarvestReport] = []
        for id in ["lakeside", "norland", "riverbasin"] {
            reports.append(try runner.run(SourceConfig(id: id, kind: "ckan", url: "\(portal.server.baseURL)/\(id)")))
        }
        #expect(reports.map(\.status) == ["succeeded", "succeeded", "succeeded"])
        #expect(reports.map(\.added) == [120, 170, 79])
        #expect(reports[2].skipped == 1)
        #expect(reports[2].seen == 80)
        #expect(try store.recordCount() == 369)
        let issues = try store.issues(runID: try #require(reports[2].runID))
        let codes = Set(issues.map(\.code))
        #expect(codes.isSuperset(of: ["ckan.package.missing-id", "ckan.package.resources-not-list", "ckan.package.missing-title"]))
        let missing = try #require(issues.first { $0.code == "ckan.package.missing-id" })
        #expect(missing.message.contains("Source 'riverbasin'"))
        #expect(missing.message.contains("/riverbasin/api/3/action/package_search"))

        let engine = SearchEngine(store: store)
        let air = try engine.search(SearchRequest(text: "air quality", limit: 50))
        #expect(air.total > 3)
        #expect(Set(air.results.flatMap(\.sources)).count >= 2)
        #expect(air.results.prefix(3).allSatisfy { $0.title.lowercased().contains("air") })
        let record = try #require(try store.record("lakeside/air-quality-measurements-2022"))
        #expect(record.record.title.value == "Air quality measurements 2022")
        #expect(record.record.provenance.originalURL == "\(portal.server.baseURL)/lakeside/dataset/air-quality-measurements-2022")
        #expect(record.rawPayload != nil)
    }

    @Test func aSecondHarvestOfAnUnchangedSourceChangesNothing() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside")
        _ = try HarvestRunner(store: store).run(source)
        let before = try store.record("lakeside/air-quality-measurements-2022")
        let again = try HarvestRunner(store: store).run(source)
        #expect(again.status == "succeeded")
        #expect(again.added == 0 && again.updated == 0 && again.deleted == 0)
        #expect(again.unchanged == 120)
        let after = try store.record("lakeside/air-quality-measurements-2022")
        #expect(after?.record.provenance.harvestedAt == before?.record.provenance.harvestedAt)
    }

    @Test func updatesAddsAndDeletesFollowThePortal() throws {
        let v1 = try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks"), ("bins", "Litter bins")])
        let v2 = try sampleFolder(portal: "city", packages: [("trees", "Street trees 2024"), ("parks", "Parks"), ("toilets", "Public toilets")])
        let portal = try TestPortal(directory: v1)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city")
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.added == 3)
        try portal.load(v2)
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.added == 1)
        #expect(second.updated == 1)
        #expect(second.unchanged == 1)
        #expect(second.deleted == 1)
        #expect(try store.record("city/id-trees")?.record.title.value == "Street trees 2024")
        #expect(try store.record("city/id-bins") == nil)
        let hits = try SearchEngine(store: store).search(SearchRequest(text: "litter"))
        #expect(hits.total == 0)
    }

    @Test func aRunThatFailsMidwayKeepsThePreviousRecords() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "norland", kind: "ckan", url: "\(portal.server.baseURL)/norland", options: ["rows": "50"])
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.added == 170)
        let snapshot = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        portal.fail(from: 100)
        let failed = try HarvestRunner(store: store).run(source)
        #expect(failed.status == "failed")
        #expect(failed.error?.contains("HTTP 500") == true)
        #expect(failed.error?.contains("Source 'norland'") == true)
        #expect(failed.seen == 100)
        #expect(try store.recordCount() == 170)
        let after = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        #expect(after == snapshot)
        let runs = try store.runs(sourceID: "norland")
        #expect(runs.first?.status == "failed")
        #expect(try store.issues(runID: runs[0].id).contains { $0.code == "harvest.failed" })
    }

    @Test func anUnknownKindFailsTheRunWithTheKnownKinds() throws {
        let store = try temporaryStore()
        let report = try HarvestRunner(store: store).run(SourceConfig(id: "odd", kind: "sparql", url: "https://x.example"))
        #expect(report.failed)
        #expect(report.error?.contains("Known kinds: ckan") == true)
    }
}

import GRDB
