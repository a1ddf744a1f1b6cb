import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import SamplePortal
import Testing

/// Thread-safe switch between the test and the server's handler threads.
final class Switch: @unchecked Sendable {
    private let lock = NSLock()
    private var on = true
    var isOn: Bool { lock.withLock { on } }
    func set(_ value: Bool) { lock.withLock { on = value } }
}

@Suite("A harvest killed midway")
struct KillTests {
    @Test func sigkillLeavesTheDatabaseIntactAndTheNextRunResumes() throws {
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples))
        let slow = Switch()
        let server = try LoopbackServer { request in
            var response = api.handle(request)
            // While `slow` is on, pages of norland after the second drip so slowly the harvest never ends.
            if slow.isOn, request.path.hasPrefix("/norland/"), Int(request.queryValue("start") ?? "0") ?? 0 >= 100 {
                response.chunkDelay = (bytesPerChunk: 1, delay: .milliseconds(200))
            }
            return response
        }
        try server.start()
        defer { server.stop() }
        let cli = try CLI()
        let db = cli.root.appendingPathComponent("fedcat.db").path
        #expect(try cli.run("source", "add", "\(server.baseURL)/lakeside", "--kind", "ckan", "--id", "lakeside").status == 0)
        try Data("version: 1\nid: norland\nkind: ckan\nurl: \"\(server.baseURL)/norland\"\noptions:\n  rows: \"50\"\n".utf8)
            .write(to: cli.root.appendingPathComponent("harvesters/norland.yaml"))
        #expect(try cli.run("harvest", "lakeside").status == 0)

        let process = try cli.start("harvest", "norland", "--quiet")
        let store = try CatalogStore(path: db)
        var checkpoint: String?
        for _ in 0..<600 where checkpoint == nil {
            usleep(50_000)
            checkpoint = try store.read("test") { db in
                try String.fetchOne(db, sql: "SELECT checkpoint FROM harvest_runs WHERE source_id = 'norland' AND status = 'running'")
            }
        }
        #expect(checkpoint != nil, "the harvest never stored a page")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let integrity = try store.read("test") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
        let counts = try store.sourceStats()
        #expect(counts["lakeside"]?.records == 120)
        // norland's first harvest streams page by page: what it stored before the kill is in the catalogue, whole pages
        // only (50 records each), exactly the records the run had staged.
        let streamed = counts["norland"]?.records ?? 0
        #expect([50, 100].contains(streamed), "\(streamed) records")
        let staged = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM run_staging") ?? -1 }
        #expect(staged == streamed)

        slow.set(false)
        let resumed = try cli.run("harvest", "norland")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("norland: succeeded (resumed) — 170 added"), "\(resumed.stdout)")
        let runs = try #require(try cli.json(try cli.run("runs", "norland", "--json").stdout) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["resumes"] as? Int == 1)
        #expect(try store.sourceStats()["norland"]?.records == 170)
        #expect(try store.sourceStats()["lakeside"]?.records == 120)
    }
}
