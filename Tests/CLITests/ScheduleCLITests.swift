import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("fedcat schedule")
struct ScheduleCLITests {
    /// A CKAN portal over samples/ckan whose lakeside pages drip slowly while `slow` is on, so a harvest
    /// lasts a few seconds.
    static func portal(slow: Switch) throws -> LoopbackServer {
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples))
        let server = try LoopbackServer { request in
            var response = api.handle(request)
            if slow.isOn, request.path.hasPrefix("/lakeside/") {
                response.chunkDelay = (bytesPerChunk: 4096, delay: .milliseconds(150))
            }
            return response
        }
        try server.start()
        return server
    }

    static func write(_ text: String, _ path: String, in cli: CLI) throws {
        let url = cli.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func start(_ arguments: [String], in cli: CLI) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = cli.root
        var environment = ProcessInfo.processInfo.environment
        environment["FEDCAT_DB"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func text(_ pipe: Pipe) -> String { String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

    @Test func twoSchedulersAtOnceHarvestASourceOnce() throws {
        let slow = Switch()
        let server = try Self.portal(slow: slow)
        defer { server.stop() }
        let cli = try CLI()
        try Self.write("version: 1\nid: lakeside\nkind: ckan\nurl: \"\(server.baseURL)/lakeside\"\nschedule: nightly\noptions:\n  rows: \"20\"\n",
                       "harvesters/lakeside.yaml", in: cli)
        // Daily at a London hour twelve hours away, so that no slot falls due while the test runs (a fixed hour made
        // the last check fail whenever the test ran across it).
        var london = Calendar(identifier: .gregorian)
        london.timeZone = TimeZone(identifier: "Europe/London")!
        let hour = (london.component(.hour, from: Date()) + 12) % 24
        let cron = "0 \(hour) * * *"
        try Self.write("version: 1\ncron: \"\(cron)\"\ntimezone: Europe/London\n", "schedules/nightly.yaml", in: cli)

        let first = try Self.start(["schedule", "run"], in: cli)
        let second = try Self.start(["schedule", "run"], in: cli)
        let outputs = [first, second].map { process, out, err -> (Int32, String, String) in
            let stdout = Self.text(out), stderr = Self.text(err)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        for (status, _, stderr) in outputs { #expect(status == 0, "\(stderr)") }
        let harvested = outputs.filter { $0.1.contains("lakeside: succeeded — 120 added") }
        let skipped = outputs.filter { $0.1.contains("lakeside: skipped — locked by another scheduler (pid ") }
        #expect(harvested.count == 1, "\(outputs)")
        #expect(skipped.count == 1, "\(outputs)")
        let store = try CatalogStore(path: cli.root.appendingPathComponent("fedcat.db").path)
        let runs = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM harvest_runs WHERE source_id = 'lakeside'") }
        #expect(runs == 1)
        #expect(try store.locks().isEmpty)

        slow.set(false)
        let list = try cli.run("schedule", "list")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("SOURCE"))
        #expect(list.stdout.contains("lakeside  nightly   \(cron) Europe/London"), "\(list.stdout)")
        #expect(list.stdout.contains("succeeded"), "\(list.stdout)")
        let json = try #require(try cli.json(try cli.run("schedule", "list", "--json").stdout) as? [[String: Any]])
        #expect(json.first?["source"] as? String == "lakeside")
        #expect(json.first?["due"] as? Bool == false)
        #expect(json.first?["last_run_status"] as? String == "succeeded")
        #expect(json.first?["next_run"] is String)

        let again = try cli.run("schedule", "run")
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Nothing is due; next: lakeside at "), "\(again.stdout)")
    }

    @Test func aBrokenScheduleFileNamesFileLineAndKey() throws {
        let cli = try CLI()
        try Self.write("version: 1\nid: city\nkind: ckan\nurl: \"http://127.0.0.1:9/city\"\nschedule: nightly\n", "harvesters/city.yaml", in: cli)
        try Self.write("version: 1\ntimezone: Mars/Olympus\ncron: \"0 2 * * *\"\n", "schedules/nightly.yaml", in: cli)
        let list = try cli.run("schedule", "list")
        #expect(list.status == 1)
        #expect(list.stderr.contains("schedules/nightly.yaml, line 2, key 'timezone': 'Mars/Olympus' is not an IANA time zone"), "\(list.stderr)")
        #expect(list.stderr.contains("Source 'city' names the schedule 'nightly', which is neither a file"), "\(list.stderr)")
        try Self.write("version: 1\ncron: \"0 25 * * *\"\n", "schedules/nightly.yaml", in: cli)
        let run = try cli.run("schedule", "run")
        #expect(run.status == 1)
        #expect(run.stderr.contains("schedules/nightly.yaml, line 2, key 'cron': The hour field '25' is outside 0-23."), "\(run.stderr)")
        #expect(try cli.run("schedule", "run", "--jobs", "0").status == 64)
    }

    @Test("SIGTERM stops a scheduler after the current page and the next run resumes",
          arguments: [["schedule", "daemon", "--jobs", "2"], ["schedule", "run"]])
    func sigtermStopsAfterTheCurrentPage(_ arguments: [String]) throws {
        let isDaemon = arguments[1] == "daemon"
        let slow = Switch()
        let server = try Self.portal(slow: slow)
        defer { server.stop() }
        let cli = try CLI()
        try Self.write("version: 1\nid: lakeside\nkind: ckan\nurl: \"\(server.baseURL)/lakeside\"\ntags: [city]\noptions:\n  rows: \"10\"\n",
                       "harvesters/lakeside.yaml", in: cli)
        try Self.write("version: 1\ncron: \"*/30 * * * *\"\ntags: [city]\n", "schedules/city.yaml", in: cli)
        let (daemon, out, err) = try Self.start(arguments, in: cli)
        let store = try CatalogStore(path: cli.root.appendingPathComponent("fedcat.db").path)
        var pages = 0
        for _ in 0..<400 where pages < 2 {
            usleep(50_000)
            pages = (try? store.read("test") { db in
                try Int.fetchOne(db, sql: "SELECT pages FROM harvest_runs WHERE source_id = 'lakeside' AND status = 'running'")
            }) ?? 0
        }
        #expect(pages >= 2, "the daemon never stored a page")
        kill(daemon.processIdentifier, SIGTERM)
        let stdout = Self.text(out), stderr = Self.text(err)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit)
        #expect(daemon.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("lakeside: stopped — the next run resumes where this one stopped."), "\(stdout)")
        if isDaemon {
            #expect(stdout.contains("lakeside: starting"), "\(stdout)")
            #expect(stdout.contains("scheduler stopped"))
        }
        #expect(try store.locks().isEmpty, "the daemon gives its locks back")
        let stopped = try store.runs(sourceID: "lakeside")
        #expect(stopped.first?.status == "failed")
        #expect(stopped.first?.error?.contains("the scheduler was asked to stop") == true)
        let pending = try #require(try store.scheduleStates()["lakeside"])
        #expect(pending.resumePending && pending.failures == 0 && pending.lastSlot == nil,
                "a stopped run counts neither as a failure nor as a served slot")

        slow.set(false)
        let resumed = try cli.run("schedule", "run")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("lakeside: succeeded (resumed) — "), "\(resumed.stdout)")
        #expect(try store.sourceStats()["lakeside"]?.records == 120)
    }
}
