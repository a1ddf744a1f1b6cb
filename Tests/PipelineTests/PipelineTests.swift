import CatalogModel
import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import Fetch
import Pipeline
import SamplePortal
import Search
import Testing

/// A loopback CKAN portal whose catalogue and faults a test can change between harvests.
final class TestPortal: @unchecked Sendable {
    private let lock = NSLock()
    private var api: CKANActionAPI
    private var failFrom: Int?
    private var validators: Validation = .none
    private var failuresLeft = 0
    private var fault: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    private(set) var server: LoopbackServer!

    /// Which validators the portal sends and honours.
    enum Validation { case none, etag, lastModified }

    init(directory: URL) throws {
        api = CKANActionAPI(catalog: try SampleCatalog.load(directory: directory))
        server = try LoopbackServer { [unowned self] request in self.handle(request) }
        try server.start()
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (api, failFrom, validators, fault) = lock.withLock { (self.api, self.failFrom, self.validators, self.fault) }
        if let fault, let response = fault(request) { return response }
        if let failFrom, Int(request.queryValue("start") ?? "0") ?? 0 >= failFrom { return .status(500) }
        let flaky = lock.withLock { () -> Bool in
            guard failuresLeft > 0 else { return false }
            failuresLeft -= 1
            return true
        }
        if flaky { return .status(503) }
        var response = api.handle(request)
        switch validators {
        case .none:
            break
        case .etag:
            let tag = "\"\(response.body.count)-\(response.body.reduce(0) { ($0 &* 31) &+ Int($1) })\""
            if request.header("If-None-Match") == tag { return HTTPResponse(status: 304, headers: [("ETag", tag)]) }
            response.headers.append(("ETag", tag))
        case .lastModified:
            let stamp = "Tue, 03 Nov 2026 10:00:00 GMT"
            if request.header("If-Modified-Since") == stamp { return HTTPResponse(status: 304) }
            response.headers.append(("Last-Modified", stamp))
        }
        return response
    }

    /// Sends and honours ETag or Last-Modified from now on.
    func validate(with validation: Validation) {
        lock.withLock { validators = validation }
    }

    /// Answers with `fault` whenever it returns a response.
    func inject(_ fault: (@Sendable (HTTPRequest) -> HTTPResponse?)?) {
        lock.withLock { self.fault = fault }
    }

    /// The next `count` requests answer 503.
    func failNext(_ count: Int) {
        lock.withLock { failuresLeft = count }
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

/// A flag that is taken once, across threads.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false
    func take() -> Bool { lock.withLock { defer { taken = true }; return !taken } }
}

/// Writes a one-portal sample folder with packages `(name, title)`; `modified` overrides some metadata_modified.
func sampleFolder(portal: String, packages: [(String, String)], modified: [String: String] = [:]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-samples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let items = packages.enumerated().map { index, package in
        #"{"id":"id-\#(package.0)","name":"\#(package.0)","title":"\#(package.1)","notes":"About \#(package.1).","metadata_created":"2020-01-0\#(index % 9 + 1)T00:00:00.000000","metadata_modified":"\#(modified[package.0] ?? "2021-01-0\(index % 9 + 1)T00:00:00.000000")","state":"active","type":"dataset","tags":[],"groups":[],"extras":[],"resources":[{"id":"r-\#(package.0)","url":"https://files.example/\#(package.0).csv","format":"CSV"}]}"#
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

    @Test func aCatalogueHashedByAnOlderFedcatSeesNoChange() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside")
        _ = try HarvestRunner(store: store).run(source)
        // The hashes an older fedcat stored: FNV-1a of the same record JSON and payloads, no page hashes.
        try store.pool.write { db in
            for row in try Row.fetchAll(db, sql: "SELECT seq, record_json, content_hash FROM records") {
                #expect((row["content_hash"] as String).hasPrefix("x"))
                let json = try #require(StoredRecordJSON(row["record_json"])?.utf8())
                try db.execute(sql: "UPDATE records SET content_hash = ? WHERE seq = ?",
                               arguments: [ContentHash.fnv(json), row["seq"] as Int64])
            }
            for row in try Row.fetchAll(db, sql: "SELECT rowid, payload, payload_codec FROM raw_records") {
                let payload = try #require(PayloadCodec.decode([UInt8](row["payload"] as Data), codec: row["payload_codec"]))
                try db.execute(sql: "UPDATE raw_records SET payload_hash = ? WHERE rowid = ?",
                               arguments: [ContentHash.fnv(payload), row["rowid"] as Int64])
            }
            try db.execute(sql: "UPDATE http_cache SET body_hash = NULL")
        }
        for _ in 1...2 {
            let again = try HarvestRunner(store: store).run(source)
            #expect(again.added == 0 && again.updated == 0 && again.deleted == 0)
            #expect(again.unchanged == 120)
        }
        let kept = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records") }
        #expect(kept.allSatisfy { $0.count == 16 }, "an unchanged record keeps the hash it was stored with")
    }

    /// Counts the transactions the store's writer commits.
    final class Commits: TransactionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int { lock.withLock { value } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { lock.withLock { value += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    @Test func transactionsEndAtBatchSizeOrBatchBytes() throws {
        let portal = try TestPortal(directory: Self.samples)
        var commits: [String: Int] = [:]
        for (name, size, bytes) in [("default", 8000, 64 << 20), ("by count", 10, 64 << 20), ("by bytes", 8000, 20_000)] {
            let store = try temporaryStore()
            let observer = Commits()
            store.pool.writeWithoutTransaction { db in db.add(transactionObserver: observer, extent: .observerLifetime) }
            var runner = HarvestRunner(store: store)
            runner.batchSize = size
            runner.batchBytes = bytes
            let report = try runner.run(SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside",
                                                     options: ["rows": "1000"]))
            #expect(report.added == 120)
            commits[name] = observer.count
        }
        // 120 records of a few KB on one page: one transaction for them all, or one per 10, or one per few records.
        let base = try #require(commits["default"])
        #expect(try #require(commits["by count"]) >= base + 11)
        #expect(try #require(commits["by bytes"]) >= base + 11)
    }

    @Test func updatesAddsAndDeletesFollowThePortal() throws {
        let v1 = try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks"), ("bins", "Litter bins")])
        let v2 = try sampleFolder(portal: "city", packages: [("trees", "Street trees 2024"), ("parks", "Parks"), ("toilets", "Public toilets")])
        let portal = try TestPortal(directory: v1)
        let store = try temporaryStore()
        // A full listing each time: the sample's metadata_modified does not move when a title changes.
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["incremental": "false"])
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
        let source = SourceConfig(id: "norland", kind: "ckan", url: "\(portal.server.baseURL)/norland",
                                  options: ["rows": "50", "retries": "1", "retry_delay": "0.01", "incremental": "false"])
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.added == 170)
        let snapshot = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        portal.fail(from: 100)
        let failed = try HarvestRunner(store: store).run(source)
        #expect(failed.status == "failed")
        #expect(failed.error?.contains("500") == true)
        #expect(failed.error?.contains("Source 'norland'") == true)
        #expect(failed.seen == 100)
        #expect(try store.recordCount() == 170)
        let after = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        #expect(after == snapshot)
        let runs = try store.runs(sourceID: "norland")
        #expect(runs.first?.status == "failed")
        #expect(try store.issues(runID: runs[0].id).contains { $0.code == "harvest.failed" })
    }

    @Test("a re-harvest of an unchanged portal parses nothing", arguments: [TestPortal.Validation.etag, .lastModified, .none])
    func conditionalGet(validation: TestPortal.Validation) throws {
        let portal = try TestPortal(directory: Self.samples)
        portal.validate(with: validation)
        let store = try temporaryStore()
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside",
                                  options: ["rows": "50", "incremental": "false"])
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.added == 120)
        #expect(first.counters.pages == 3)
        #expect(first.counters.unchangedPages == 0)
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.status == "succeeded")
        #expect(second.unchanged == 120)
        #expect(second.nothingChanged)
        #expect(second.counters.unchangedPages == 3)
        #expect(second.counters.notModified == (validation == .none ? 0 : 3))
        if validation == .none {
            #expect(second.counters.bytes == first.counters.bytes) // fetched again, but not parsed or written
        } else {
            #expect(second.counters.bytes < first.counters.bytes / 100)
        }
        #expect(try store.recordCount() == 120)
    }

    @Test func aChangedPageIsParsedAgainAndTheRestAreNot() throws {
        let v1 = try sampleFolder(portal: "city", packages: (1...9).map { ("p\($0)", "Dataset \($0)") })
        let v2 = try sampleFolder(portal: "city", packages: (1...9).map { ("p\($0)", $0 == 8 ? "Dataset eight" : "Dataset \($0)") })
        let portal = try TestPortal(directory: v1)
        portal.validate(with: .etag)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["rows": "3", "incremental": "false"])
        _ = try HarvestRunner(store: store).run(source)
        try portal.load(v2)
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.updated == 1)
        #expect(second.unchanged == 8)
        #expect(second.counters.unchangedPages == 2)
        #expect(try store.record("city/id-p8")?.record.title.value == "Dataset eight")
    }

    @Test func anIncrementalHarvestAsksOnlyForWhatChangedThenListsIds() throws {
        let old = try sampleFolder(portal: "city", packages: (1...9).map { ("p\($0)", "Dataset \($0)") })
        let portal = try TestPortal(directory: old)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["rows": "4"])
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.added == 9)
        #expect(first.counters.requests == 3)
        // p8 is edited now (metadata_modified moves), p9 is withdrawn, p10 is new.
        let now = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateSeparator(.dash).timeSeparator(.colon)).replacingOccurrences(of: "Z", with: "")
        let edited = try sampleFolder(portal: "city", packages: (1...8).map { ("p\($0)", $0 == 8 ? "Dataset eight" : "Dataset \($0)") } + [("p10", "Dataset ten")],
                                      modified: ["p8": now, "p10": now])
        try portal.load(edited)
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.status == "succeeded")
        #expect(second.updated == 1)
        #expect(second.added == 1)
        #expect(second.deleted == 1)
        #expect(second.unchanged == 7)
        // One page of modified packages, one page of ids (1000 a page).
        #expect(second.counters.requests == 2)
        #expect(try store.record("city/id-p8")?.record.title.value == "Dataset eight")
        #expect(try store.record("city/id-p9") == nil)
    }

    /// A first harvest streams its records in as it goes (`streamed`): the 100 read before the failure are in the
    /// catalogue, as nothing was there before them; staged, a failed run shows nothing. Either way the next run
    /// resumes from the last stored page and counts the whole listing as added.
    @Test(arguments: [true, false])
    func aFailedRunResumesFromItsLastStoredPage(streamed: Bool) throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "norland", kind: "ckan", url: "\(portal.server.baseURL)/norland",
                                  options: ["rows": "50", "retries": "1", "retry_delay": "0.01"])
        var runner = HarvestRunner(store: store)
        runner.streamFirstHarvest = streamed
        portal.fail(from: 100)
        let failed = try runner.run(source)
        #expect(failed.status == "failed")
        #expect(failed.streamed == streamed)
        #expect(failed.seen == 100)
        #expect(try store.recordCount() == (streamed ? 100 : 0))
        portal.fail(from: nil)
        let resumed = try runner.run(source)
        #expect(resumed.streamed == streamed)
        #expect(resumed.status == "succeeded")
        #expect(resumed.resumed)
        #expect(resumed.runID == failed.runID)
        #expect(resumed.added == 170)
        #expect(resumed.counters.pages == 4)
        #expect(try store.recordCount() == 170)
        let run = try #require(try store.runs(sourceID: "norland").first)
        #expect(run.resumes == 1)
        #expect(run.status == "succeeded")
    }

    /// A restart discards the unfinished run's staged work. Records a streamed first harvest already wrote stay in
    /// the catalogue, so the fresh run finds them unchanged.
    @Test(arguments: [true, false])
    func restartDiscardsAnUnfinishedRun(streamed: Bool) throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "norland", kind: "ckan", url: "\(portal.server.baseURL)/norland",
                                  options: ["rows": "50", "retries": "1", "retry_delay": "0.01"])
        var runner = HarvestRunner(store: store)
        runner.streamFirstHarvest = streamed
        portal.fail(from: 100)
        let failed = try runner.run(source)
        portal.fail(from: nil)
        let fresh = try runner.run(source, restart: true)
        #expect(!fresh.resumed)
        #expect(fresh.runID != failed.runID)
        #expect(!fresh.streamed)
        #expect(fresh.added == (streamed ? 70 : 170))
        #expect(fresh.unchanged == (streamed ? 100 : 0))
        #expect(fresh.counters.pages == 4)
        #expect(try store.recordCount() == 170)
    }

    @Test func transientErrorsAreRetried() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        portal.failNext(2)
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside",
                                  options: ["retry_delay": "0.01"])
        let report = try HarvestRunner(store: store).run(source)
        #expect(report.status == "succeeded")
        #expect(report.counters.retries == 2)
        #expect(report.added == 120)
    }

    /// Faults served for the second page of lakeside (start=50) on a re-harvest.
    static let gzipBomb: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../FetchTests/Fixtures/zeros-50MB.gz")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    static let faults: [(String, @Sendable (HTTPRequest) -> HTTPResponse, String)] = [
        ("503 forever", { _ in .status(503) }, "503"),
        ("truncated body", { _ in var r = HTTPResponse.json("{\"success\": true, \"result\": {\"count\": 120, \"results\": []}}"); r.lieAboutContentLength = 5000; return r }, "attempts"),
        ("slow drip", { _ in var r = HTTPResponse.json(String(repeating: " ", count: 200)); r.chunkDelay = (bytesPerChunk: 1, delay: .milliseconds(500)); return r }, "attempts"),
        ("redirect loop", { request in HTTPResponse(status: 302, headers: [("Location", request.rawTarget)]) }, "redirect"),
        ("gzip bomb", { _ in HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: gzipBomb) }, "larger than the limit"),
        ("wrong Content-Type", { _ in HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: Array("<html><body>Maintenance</body></html>".utf8)) }, "text/html"),
        ("paging loop", { request in pageOneAgain(request) }, "repeats the previous page"),
        ("404", { _ in .status(404) }, "HTTP 404"),
    ]

    /// Page 1 again, whatever 'start' asks for: a portal that ignores paging.
    static let sampleAPI = CKANActionAPI(catalog: try! SampleCatalog.load(directory: samples))

    static func pageOneAgain(_ request: HTTPRequest) -> HTTPResponse {
        var rewritten = request
        rewritten.query = request.query.map { $0.name == "start" ? (name: "start", value: "0") : $0 }
        rewritten.rawTarget = request.rawTarget.replacingOccurrences(of: "start=50", with: "start=0")
        return sampleAPI.handle(rewritten)
    }

    @Test("a fault midway ends the run in bounded time with the reason recorded and nothing lost",
          arguments: 0..<PipelineTests.faults.count)
    func faultMidway(index: Int) throws {
        let (name, fault, expected) = Self.faults[index]
        _ = Self.sampleAPI  // loaded here, not inside a request handler held to a 1 s low-speed limit
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside", options: [
            "rows": "50", "retries": "1", "retry_delay": "0.01", "timeout": "5", "low_speed_bytes": "100",
            "low_speed_seconds": "3", "max_body_mb": "1", "incremental": "false",
        ])
        #expect(try HarvestRunner(store: store).run(source).added == 120)
        let before = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        _ = Self.sampleAPI  // loaded here, not inside the handler, where a slow load would trip the low-speed limit
        portal.inject { request in request.queryValue("start") == "50" ? fault(request) : nil }
        // Make the second page look new so it is fetched and parsed, not taken from the page cache.
        try store.pool.write { db in try db.execute(sql: "DELETE FROM http_cache") }
        let report = try HarvestRunner(store: store).run(source)
        #expect(report.status == "failed", "\(name)")
        #expect(report.error?.contains(expected) == true, "\(name): \(report.error ?? "no error")")
        #expect(report.error?.contains("Source 'lakeside'") == true, "\(name)")
        let after = try store.read("test") { db in try String.fetchAll(db, sql: "SELECT content_hash FROM records ORDER BY id") }
        #expect(after == before, "\(name)")
        let run = try #require(try store.runs(sourceID: "lakeside").first)
        #expect(run.status == "failed")
        #expect(run.error == report.error)
    }

    @Test func retryAfterIsHonouredAndTheRunSucceeds() throws {
        let portal = try TestPortal(directory: Self.samples)
        let store = try temporaryStore()
        let once = OnceFlag()
        portal.inject { request in
            guard request.queryValue("start") == "50", once.take() else { return nil }
            return HTTPResponse(status: 429, headers: [("Retry-After", "1")])
        }
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside", options: ["rows": "50"])
        let report = try HarvestRunner(store: store).run(source)
        #expect(report.status == "succeeded")
        #expect(report.counters.retries == 1)
        #expect(report.added == 120)
        let issues = try store.issues(runID: try #require(report.runID))
        #expect(issues.contains { $0.code == "fetch.retry" && $0.message.contains("429") })
    }

    @Test func anUnknownKindFailsTheRunWithTheKnownKinds() throws {
        let store = try temporaryStore()
        let report = try HarvestRunner(store: store).run(SourceConfig(id: "odd", kind: "sparql", url: "https://x.example"))
        #expect(report.failed)
        #expect(report.error?.contains("Known kinds: ckan, datajson, dcat, socrata, opendatasoft, udata, schemaorg") == true)
    }
}

import GRDB
