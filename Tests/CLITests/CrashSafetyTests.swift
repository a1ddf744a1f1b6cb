import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import SamplePortal
import TestSupport
import Testing

@Suite("Crash safety: kills and concurrent readers", .serialized)
struct CrashSafetyTests {
    /// The sample CKAN portals, each page of norland dripped out over about `pageDelay`, so a harvest of it takes a
    /// second or so and a kill lands mid-run.
    static func slowPortal(pageDelay: Duration = .milliseconds(60)) throws -> LoopbackServer {
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples))
        let server = try LoopbackServer { request in
            var response = api.handle(request)
            if request.path.hasPrefix("/norland/") && !response.body.isEmpty {
                response.chunkDelay = (bytesPerChunk: max(1, response.body.count / 3 + 1), delay: pageDelay / 3)
            }
            return response
        }
        try server.start()
        return server
    }

    static func addSources(_ cli: CLI, server: LoopbackServer) throws {
        #expect(try cli.run("source", "add", "\(server.baseURL)/lakeside", "--kind", "ckan", "--id", "lakeside").status == 0)
        // Ten datasets a page and every run a full one, so each run rewrites norland page after page.
        try Data("version: 1\nid: norland\nkind: ckan\nurl: \"\(server.baseURL)/norland\"\noptions:\n  rows: \"10\"\n  incremental: \"false\"\n".utf8)
            .write(to: cli.root.appendingPathComponent("harvesters/norland.yaml"))
    }

    static func localIDs(_ store: CatalogStore, source: String) throws -> Set<String> {
        try store.read("test") { db in
            Set(try String.fetchAll(db, sql: "SELECT local_id FROM records WHERE source_id = ?", arguments: [source]))
        }
    }

    @Test func twentySigkillsAtSeededRandomPointsNeverCorruptTheCatalogue() throws {
        let server = try Self.slowPortal()
        defer { server.stop() }
        let cli = try CLI()
        try Self.addSources(cli, server: server)
        let db = cli.root.appendingPathComponent("fedcat.db").path
        let first = try cli.run("harvest", "--all")
        #expect(first.status == 0, "\(first.stderr)")
        let store = try CatalogStore(path: db)
        let lakeside = try Self.localIDs(store, source: "lakeside")
        let norland = try Self.localIDs(store, source: "norland")
        #expect(lakeside.count == 120)
        #expect(norland.count == 170)

        var random = SeededGenerator(seed: 20_261_121)
        var killedMidRun = 0
        for round in 0..<20 {
            let process = try cli.start("harvest", "norland", "--quiet")
            // A whole run takes about 17 pages x 60 ms plus start-up; kills fall anywhere from start-up to the commit.
            usleep(UInt32.random(in: 0...1_400_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidRun += 1
            }
            process.waitUntilExit()

            let integrity = try store.read("test") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"], "round \(round): \(integrity)")
            let foreignKeys = try store.read("test") { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count }
            #expect(foreignKeys == 0, "round \(round)")
            #expect(try Self.localIDs(store, source: "norland") == norland, "round \(round): norland's records changed")
            #expect(try Self.localIDs(store, source: "lakeside") == lakeside, "round \(round): lakeside's records changed")
        }
        // Most of the 20 kills must land while the harvest runs, or the test proves little.
        #expect(killedMidRun >= 10, "only \(killedMidRun) of 20 kills landed mid-run")

        let last = try cli.run("harvest", "norland", "--json")
        #expect(last.status == 0, "\(last.stderr)")
        let reports = try #require(try cli.json(last.stdout) as? [[String: Any]])
        #expect(reports.first?["status"] as? String == "succeeded", "\(last.stdout)")
        #expect(try Self.localIDs(store, source: "norland") == norland)
        #expect(try store.sourceStats()["norland"]?.records == 170)
        let integrity = try store.read("test") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    @Test func searchesWhileAHarvestWritesSeeOnlyWholeRecords() throws {
        let server = try Self.slowPortal(pageDelay: .milliseconds(120))
        defer { server.stop() }
        let cli = try CLI()
        try Self.addSources(cli, server: server)
        #expect(try cli.run("harvest", "lakeside").status == 0)

        let harvest = try cli.start("harvest", "norland", "--quiet")

        // While norland is harvested for the first time nothing is deleted or updated: a new record either adds a
        // result or joins an existing one's cluster, so the number of results and the number of records they
        // stand for can only grow or stay; a commit is one transaction, so a reader never sees part of one.
        var searches = 0, lastTotal = 0, lastRecords = 0, sawGrowth = false
        var finished = false
        while !finished {
            finished = !harvest.isRunning
            let result = try cli.run("search", "", "--json", "--limit", "1000")
            searches += 1
            #expect(result.status == 0, "search \(searches): \(result.stderr)")
            guard let page = try? cli.json(result.stdout) as? [String: Any],
                  let total = page["total"] as? Int, let hits = page["results"] as? [[String: Any]] else {
                Issue.record("search \(searches) printed unreadable JSON: \(result.stdout.prefix(200))")
                break
            }
            #expect(hits.count == total, "search \(searches)")
            for hit in hits {
                let title = hit["title"] as? String ?? ""
                #expect(!title.isEmpty, "search \(searches): a result without a title: \(hit)")
                #expect(!(hit["records"] as? [String] ?? []).isEmpty, "search \(searches): a result without records")
            }
            let records = hits.reduce(0) { $0 + ($1["records"] as? [String] ?? []).count }
            #expect(total >= lastTotal, "search \(searches): \(lastTotal) results, then \(total)")
            #expect(records >= lastRecords, "search \(searches): \(lastRecords) records, then \(records)")
            if records > lastRecords && lastRecords > 0 { sawGrowth = true }
            // The newest result is shown whole.
            if let id = (hits.first?["records"] as? [String])?.first {
                let shown = try cli.run("show", id, "--json")
                #expect(shown.status == 0, "show \(id): \(shown.stderr)")
                let record = try? cli.json(shown.stdout) as? [String: Any]
                let title = (record?["title"] as? [String: Any])?["value"] as? String ?? ""
                #expect(!title.isEmpty, "show \(id) printed \(shown.stdout.prefix(200))")
            }
            lastTotal = total
            lastRecords = records
        }
        harvest.waitUntilExit()
        #expect(harvest.terminationStatus == 0)
        #expect(searches >= 3, "the harvest ended before the readers could overlap it")
        #expect(sawGrowth || searches < 3, "no search saw the catalogue grow during the harvest")
        #expect(lastRecords == 290)
    }
}
