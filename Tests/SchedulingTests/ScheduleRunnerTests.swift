import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import Pipeline
import SamplePortal
import Scheduling
import Testing

/// A root folder with harvesters/ and schedules/, a database, and a loopback CKAN portal over samples/ckan
/// (lakeside: 120 datasets) whose /broken/ path answers 404.
final class ScheduleFixture: @unchecked Sendable {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/ckan").standardized
    let root: URL
    let store: CatalogStore
    let server: LoopbackServer

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-schedule-\(UUID().uuidString)")
        for folder in ["harvesters", "schedules"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        store = try CatalogStore(path: root.appendingPathComponent("fedcat.db").path)
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: Self.samples))
        server = try LoopbackServer { request in request.path.hasPrefix("/broken/") ? .status(404) : api.handle(request) }
        try server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: root)
    }

    func source(_ id: String, path: String, schedule: String? = nil) throws {
        var text = "version: 1\nid: \(id)\nkind: ckan\nurl: \"\(server.baseURL)/\(path)\"\n"
        if let schedule { text += "schedule: \"\(schedule)\"\n" }
        text += "options:\n  retries: \"0\"\n"
        try text.write(to: root.appendingPathComponent("harvesters/\(id).yaml"), atomically: true, encoding: .utf8)
    }

    func schedule(_ name: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent("schedules/\(name).yaml"), atomically: true, encoding: .utf8)
    }

    func runner(_ clock: ManualClock, owner: LockOwner = LockOwner()) -> ScheduleRunner {
        ScheduleRunner(store: store, root: root, harvester: HarvestRunner(store: store), clock: clock, owner: owner)
    }

    func runCount(_ id: String) throws -> Int {
        try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM harvest_runs WHERE source_id = ?", arguments: [id]) ?? 0 }
    }
}

@Suite("Running due sources", .serialized)
struct ScheduleRunnerTests {
    @Test func catchUpAfterThreeDaysRunsADailySourceOnce() throws {
        let fixture = try ScheduleFixture()
        try fixture.source("lakeside", path: "lakeside")
        try fixture.schedule("daily", "version: 1\ncron: '@daily'\ntimezone: Europe/London\nsources: [lakeside]\n")
        let clock = ManualClock(utc("2025-06-01T08:00:00Z"))
        let runner = fixture.runner(clock)

        let first = try runner.runDue(jobs: 2)
        #expect(first.map(\.kind) == [.harvested])
        #expect(first.first?.report?.added == 120)
        #expect(try runner.runDue(jobs: 2).isEmpty, "nothing is due again the same day")

        clock.set(utc("2025-06-04T08:00:00Z"))   // three midnights missed
        let late = try runner.runDue(jobs: 2)
        #expect(late.map(\.kind) == [.harvested])
        #expect(late.first?.report?.failed == false)
        #expect(try runner.runDue(jobs: 2).isEmpty, "the missed slots run once, not once each")
        #expect(try fixture.runCount("lakeside") == 2)
        let overview = try runner.overview()
        #expect(overview.sources.first?.plan == .waiting(next: utc("2025-06-04T23:00:00Z")))
        #expect(overview.sources.first?.lastRun?.status == "succeeded")
    }

    @Test func aFailingSourceBacksOffOnTheInjectedClock() throws {
        let fixture = try ScheduleFixture()
        try fixture.source("broken", path: "broken", schedule: "*/5 * * * *")
        let clock = ManualClock(utc("2025-06-01T10:00:30Z"))
        let runner = fixture.runner(clock)

        var expectedWait = 300.0
        for attempt in 1...3 {
            let outcomes = try runner.runDue(jobs: 1)
            #expect(outcomes.count == 1, "attempt \(attempt)")
            #expect(outcomes.first?.report?.failed == true)
            let state = try #require(outcomes.first?.state)
            #expect(state.failures == attempt)
            #expect(state.backoffUntil == clock.now() + expectedWait)
            // Within the wait nothing runs, though */5 slots pass.
            clock.advance(expectedWait - 1)
            #expect(try runner.runDue(jobs: 1).isEmpty)
            let item = try #require(try runner.overview().sources.first)
            #expect(item.plan == .backingOff(until: state.backoffUntil!, failures: attempt))
            clock.advance(1)
            expectedWait *= 2
        }
        #expect(try fixture.runCount("broken") == 3)
        #expect(try runner.overview().sources.first?.state?.lastError?.contains("404") == true)
    }

    @Test func aLiveLockIsRespectedAndAStaleOneTakenOver() throws {
        let fixture = try ScheduleFixture()
        try fixture.source("lakeside", path: "lakeside", schedule: "@hourly")
        let clock = ManualClock(utc("2025-06-01T08:00:00Z"))
        let owner = LockOwner()
        // Another scheduler on this host, alive (this test process's pid), heartbeat fresh.
        let live = LockHolder(token: "other", pid: getpid(), host: owner.host, acquiredAt: clock.now(), heartbeatAt: clock.now())
        #expect(try fixture.store.acquireLock(sourceID: "lakeside", holder: live) { _ in false } == .acquired)
        let runner = fixture.runner(clock, owner: owner)
        let blocked = try runner.runDue(jobs: 1)
        #expect(blocked.map(\.kind) == [.locked])
        #expect(blocked.first?.holder?.token == "other")
        #expect(try fixture.runCount("lakeside") == 0)

        // The same holder, its heartbeat now older than the limit: taken over.
        clock.advance(owner.staleAfter + 1)
        let resumed = try runner.runDue(jobs: 1)
        #expect(resumed.map(\.kind) == [.harvested])
        #expect(resumed.first?.tookOverStaleLock == true)
        #expect(try fixture.runCount("lakeside") == 1)
        #expect(try fixture.store.locks().isEmpty, "the lock is given back after the run")
    }

    @Test func dueSourcesRunSideBySideWithinJobs() throws {
        // Three portals whose every answer takes 300 ms; the gauge records how many are being answered at once.
        let gauge = Gauge()
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: ScheduleFixture.samples))
        let server = try LoopbackServer { request in
            gauge.enter()
            defer { gauge.leave() }
            usleep(300_000)
            return api.handle(request)
        }
        try server.start()
        defer { server.stop() }
        let fixture = try ScheduleFixture()
        for (id, path) in [("lakeside", "lakeside"), ("norland", "norland"), ("riverbasin", "riverbasin")] {
            try "version: 1\nid: \(id)\nkind: ckan\nurl: \"\(server.baseURL)/\(path)\"\ntags: [all]\noptions:\n  rows: \"1000\"\n"
                .write(to: fixture.root.appendingPathComponent("harvesters/\(id).yaml"), atomically: true, encoding: .utf8)
        }
        try fixture.schedule("everything", "version: 1\ncron: '@daily'\ntags: [all]\n")
        let outcomes = try fixture.runner(ManualClock(utc("2025-06-01T08:00:00Z"))).runDue(jobs: 2)
        #expect(outcomes.map(\.sourceID) == ["lakeside", "norland", "riverbasin"])
        #expect(outcomes.allSatisfy { $0.kind == .harvested && $0.report?.failed == false })
        #expect(gauge.highest == 2, "at most --jobs sources at once, and more than one")
    }

    @Test func aLockOfAKilledProcessIsStaleAtOnce() throws {
        let owner = LockOwner()
        let now = Date()
        let dead = LockHolder(token: "dead", pid: 4_000_000, host: owner.host, acquiredAt: now, heartbeatAt: now)
        #expect(owner.isStale(dead, now: now))
        var elsewhere = dead
        elsewhere.host = "another-machine"
        #expect(!owner.isStale(elsewhere, now: now), "a process on another host is judged by its heartbeat only")
        #expect(owner.isStale(elsewhere, now: now + owner.staleAfter + 1))
        let alive = LockHolder(token: "alive", pid: getpid(), host: owner.host, acquiredAt: now, heartbeatAt: now)
        #expect(!owner.isStale(alive, now: now + 10))
    }
}

/// How many requests are being answered at once, and the most there were.
final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var most = 0
    func enter() { lock.withLock { current += 1; most = max(most, current) } }
    func leave() { lock.withLock { current -= 1 } }
    var highest: Int { lock.withLock { most } }
}
