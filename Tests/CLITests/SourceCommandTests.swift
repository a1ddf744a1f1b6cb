import CatalogStore
import Foundation
import GRDB
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("fedcat source add, show, check, remove and lint as a process")
struct SourceCommandTests {
    static func samplePortal() throws -> LoopbackServer {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples)).handler)
        try server.start()
        return server
    }

    @Test func addDetectsPreviewsAndWritesACommentedFile() throws {
        let server = try Self.samplePortal()
        defer { server.stop() }
        let cli = try CLI()
        let added = try cli.run("source", "add", "\(server.baseURL)/lakeside", "--id", "lakeside", "--schedule", "nightly")
        #expect(added.status == 0, "\(added.stderr)")
        let out = added.stdout
        #expect(out.contains("Detected ckan: CKAN: /api/3/action/status_show answered ckan_version 2.10.4\n"))
        #expect(out.contains("Preview of 'lakeside' (ckan) at \(server.baseURL)/lakeside\nThe source announces 120 datasets; 1 page read (1 request) listed 100 records, the first 20 shown.\n"))
        #expect(out.contains("Issues (") || out.contains("Issues: none."))
        #expect(out.contains("\nTITLE "))
        #expect(out.contains("MODIFIED"))
        #expect(out.contains("FORMATS"))
        #expect(out.contains("LICENCE"))
        #expect(out.contains("Predicted quality score: "))
        #expect(out.contains("/100 (MQA metrics over 20 records, links not checked: "))
        #expect(out.contains("Registered source 'lakeside' (ckan) for \(server.baseURL)/lakeside in "))
        // 20 table rows between the header and the issues.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("TITLE ") })
        #expect(lines[(header + 1)...].prefix { !$0.isEmpty }.count == 20)

        let text = try String(contentsOf: cli.root.appendingPathComponent("harvesters/lakeside.yaml"), encoding: .utf8)
        #expect(text.contains("# Kind detected by: CKAN: /api/3/action/status_show answered ckan_version 2.10.4\n"))
        #expect(text.contains("\nschedule: \"nightly\" "))
        #expect(text.contains("# rows: \"100\""))
        // Nothing touched the database, and the file reads back.
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("fedcat.db").path))
        let list = try cli.run("source", "list", "--json")
        let entries = try #require(try cli.json(list.stdout) as? [[String: Any]])
        #expect(entries.first?["url"] as? String == "\(server.baseURL)/lakeside")
        #expect(try cli.run("source", "lint").status == 0)
    }

    @Test func dryRunWritesNothing() throws {
        let server = try Self.samplePortal()
        defer { server.stop() }
        let cli = try CLI()
        let dry = try cli.run("source", "add", "\(server.baseURL)/norland/api/3/action", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Detected ckan: CKAN: the URL answered a CKAN Action API envelope") || dry.stdout.contains("Detected ckan: CKAN: /api/3/action/status_show"))
        #expect(dry.stdout.contains("Dry run: nothing was written. harvesters/"))
        #expect(dry.stdout.contains("\nversion: 1 "))
        let made = try FileManager.default.contentsOfDirectory(atPath: cli.root.path)
        #expect(made.isEmpty, "\(made)")
    }

    @Test func aURLThatIsNotACatalogueIsNamedAndNothingIsWritten() throws {
        let server = try LoopbackServer { request in
            request.path == "/" ? HTTPResponse(status: 200, headers: [("Content-Type", "text/html")],
                                               body: Array("<!doctype html><html><body>Hello</body></html>".utf8)) : .status(404)
        }
        try server.start()
        defer { server.stop() }
        let cli = try CLI()
        let result = try cli.run("source", "add", server.baseURL + "/")
        #expect(result.status == 1)
        #expect(result.stderr.contains("fedcat: \(server.baseURL)/ answered an HTML page (text/html) with no catalogue links: not a CKAN, Socrata, OpenDataSoft, udata, data.json, OAI-PMH, CSW, Atom, DCAT or schema.org source."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path).isEmpty)
    }

    @Test func showCheckRemovePurgeAndLint() throws {
        let server = try Self.samplePortal()
        defer { server.stop() }
        let cli = try CLI()
        for id in ["lakeside", "norland"] {
            #expect(try cli.run("source", "add", "\(server.baseURL)/\(id)", "--kind", "ckan", "--id", id, "--option", "rows=50").status == 0)
        }
        #expect(try cli.run("harvest", "--all").status == 0)

        let show = try cli.run("source", "show", "lakeside")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Source 'lakeside' (ckan) in \(cli.root.path)/harvesters/lakeside.yaml"))
        #expect(show.stdout.contains("rows "))
        #expect(show.stdout.contains("CKAN: packages per page, 1-1000"))
        #expect(show.stdout.contains("Records in the catalogue: 120"))
        #expect(show.stdout.contains("succeeded"))

        let check = try cli.run("source", "check", "lakeside")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("answers as ckan: CKAN: /api/3/action/status_show answered ckan_version 2.10.4"))
        // A file whose URL no longer answers as its kind.
        try Data("version: 1\nid: moved\nkind: datajson\nurl: \"\(server.baseURL)/riverbasin\"\n".utf8)
            .write(to: cli.root.appendingPathComponent("harvesters/moved.yaml"))
        let moved = try cli.run("source", "check", "moved")
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("\(server.baseURL)/riverbasin now answers as ckan, not datajson: CKAN: /api/3/action/status_show answered ckan_version 2.10.4"))
        try FileManager.default.removeItem(at: cli.root.appendingPathComponent("harvesters/moved.yaml"))
        let file = cli.root.appendingPathComponent("harvesters/norland.yaml")
        let broken = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "  rows: \"50\"", with: "  rows: \"fifty\"")
        try Data(broken.utf8).write(to: file)
        let line = (broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  rows:") } ?? -2) + 1
        let bad = try cli.run("source", "check", "norland")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("The source file \(file.path), line \(line), key 'options.rows': 'fifty' is not a whole number."))
        let lint = try cli.run("source", "lint", "--json")
        #expect(lint.status == 1)
        let report = try #require(try cli.json(lint.stdout) as? [String: Any])
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems.first?["line"] as? Int == line)
        #expect(problems.first?["key"] as? String == "options.rows")

        let removed = try cli.run("source", "remove", "lakeside", "--purge")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("Purged 'lakeside' from fedcat.db: 120 records"))
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("harvesters/lakeside.yaml").path))
        let store = try CatalogStore(path: cli.root.appendingPathComponent("fedcat.db").path)
        let left = try store.read("test") { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM records WHERE source_id = 'lakeside') + (SELECT count(*) FROM raw_records WHERE source_id = 'lakeside')
                     + (SELECT count(*) FROM record_keys WHERE source_id = 'lakeside') + (SELECT count(*) FROM record_issues WHERE source_id = 'lakeside')
                     + (SELECT count(*) FROM harvest_runs WHERE source_id = 'lakeside') + (SELECT count(*) FROM clusters WHERE canonical_id LIKE 'lakeside/%')
                """)
        }
        #expect(left == 0)
        #expect(try store.read("test") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try store.mergedClusterCount() == 0, "norland's copies of lakeside datasets stand alone again")
        let again = try cli.run("source", "remove", "lakeside")
        #expect(again.status == 64)
        #expect(again.stderr.contains("There is no source 'lakeside'"))
        let kept = try cli.run("source", "remove", "norland")
        #expect(kept.stdout.contains("Its records stay in the catalogue"))
        #expect(try store.recordCount() > 0)
    }
}
