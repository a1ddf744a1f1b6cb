import Foundation
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("fedcat as a process")
struct CLITests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/ckan").standardized

    @Test func versionAndHelpForEveryCommand() throws {
        let cli = try CLI()
        let version = try cli.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try cli.run("--help")
        for command in ["source", "harvest", "runs", "search", "show", "stats"] { #expect(help.stdout.contains(command)) }
        #expect(help.stdout.contains("64 bad usage"))
        for command in [["source", "add"], ["source", "list"], ["source", "show"], ["source", "check"], ["source", "remove"],
                        ["source", "lint"], ["harvest"], ["runs"], ["search"], ["show"], ["stats"]] {
            let result = try cli.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("--db"), "\(command)")
        }
        #expect(try cli.run("source", "kinds", "--help").status == 0)
        let kinds = try cli.run("source", "kinds")
        #expect(kinds.stdout.hasPrefix("ckan: CKAN Action API."))
        let completion = try cli.run("--generate-completion-script", "bash")
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("_fedcat"))
    }

    @Test func badUsageExits64WithASentence() throws {
        let cli = try CLI()
        // Without --kind, a bad URL or id is refused before any request.
        let noKindBadID = try cli.run("source", "add", "https://demo.ckan.org", "--id", "../x")
        #expect(noKindBadID.status == 64)
        #expect(noKindBadID.stderr.contains("The source id '../x' is not usable"))
        #expect(try cli.run("source", "add", "ftp://demo.ckan.org").status == 64)
        let badKind = try cli.run("source", "add", "https://demo.ckan.org", "--kind", "sparql")
        #expect(badKind.status == 64)
        #expect(badKind.stderr.contains("Unknown harvester kind 'sparql'. Known kinds: ckan, datajson, dcat, socrata, opendatasoft, udata, schemaorg, atom, oaipmh, csw."))
        let badURL = try cli.run("source", "add", "ftp://demo.ckan.org", "--kind", "ckan")
        #expect(badURL.status == 64)
        #expect(badURL.stderr.contains("ftp://demo.ckan.org"))
        let noSource = try cli.run("harvest")
        #expect(noSource.status == 64)
        #expect(noSource.stderr.contains("--all"))
        let unknown = try cli.run("harvest", "nowhere")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("There is no source 'nowhere'"))
        let onlyExcluded = try cli.run("search", "-trees")
        #expect(onlyExcluded.status == 64)
    }

    @Test func addWritesASourceFileAndRefusesDuplicates() throws {
        let cli = try CLI()
        // The .example hosts do not resolve: the preview fails, and only --force writes the file.
        let refused = try cli.run("source", "add", "https://data.lakeside.example/", "--kind", "ckan", "--title", "Lakeside")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the preview failed: Source 'data-lakeside-example':"))
        #expect(refused.stderr.contains("nothing was written for 'data-lakeside-example' because the preview failed"))
        let file = cli.root.appendingPathComponent("harvesters/data-lakeside-example.yaml")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let added = try cli.run("source", "add", "https://data.lakeside.example/", "--kind", "ckan", "--title", "Lakeside", "--force")
        #expect(added.status == 0, "\(added.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in ["id: \"data-lakeside-example\"", "kind: \"ckan\"", "url: \"https://data.lakeside.example/\"", "title: \"Lakeside\""] {
            #expect(text.contains("\n" + line + " "), "\(line)")
        }
        let withOptions = try cli.run("source", "add", "https://b.example/", "--kind", "ckan", "--id", "b",
                                      "--option", "date_order=dmy", "--option", "rows=50", "--force")
        #expect(withOptions.status == 0)
        let optionsText = try String(contentsOf: cli.root.appendingPathComponent("harvesters/b.yaml"), encoding: .utf8)
        #expect(optionsText.contains("options:"))
        #expect(optionsText.contains("\n  date_order: \"dmy\" "))
        #expect(optionsText.contains("\n  rows: \"50\" "))
        #expect(try cli.run("source", "add", "https://c.example/", "--kind", "ckan", "--option", "nonsense").status == 64)
        let again = try cli.run("source", "add", "https://data.lakeside.example/", "--kind", "ckan", "--force")
        #expect(again.status == 64)
        #expect(again.stderr.contains("already exists"))
        let list = try cli.run("source", "list", "--json")
        #expect(list.status == 0)
        let entries = try #require(try cli.json(list.stdout) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["b", "data-lakeside-example"])
        #expect(entries.last?["records"] as? Int == 0)
    }

    @Test func aBrokenSourceFileIsNamedAndTheRestStillLoad() throws {
        let cli = try CLI()
        #expect(try cli.run("source", "add", "https://a.example", "--kind", "ckan", "--id", "good", "--force").status == 0)
        try Data("version: 1\nid: bad\nkind: sparql\nurl: https://b.example\n".utf8)
            .write(to: cli.root.appendingPathComponent("harvesters/bad.yaml"))
        try Data("version: [1\n".utf8).write(to: cli.root.appendingPathComponent("harvesters/worse.yaml"))
        let list = try cli.run("source", "list")
        #expect(list.status == 1)
        #expect(list.stdout.contains("good"))
        #expect(list.stderr.contains("harvesters/bad.yaml: unknown harvester kind 'sparql'. Known kinds: ckan, datajson, dcat, socrata, opendatasoft, udata, schemaorg, atom, oaipmh, csw."))
        #expect(list.stderr.contains("harvesters/worse.yaml is not valid YAML"))
    }

    @Test func harvestSearchShowAndStatsOverLoopback() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: Self.samples)).handler)
        try server.start()
        defer { server.stop() }
        var cli = try CLI()
        cli.environment["FEDCAT_DB"] = cli.root.appendingPathComponent("env.db").path
        #expect(try cli.run("source", "add", "\(server.baseURL)/lakeside", "--kind", "ckan", "--id", "lakeside").status == 0)
        let harvest = try cli.run("harvest", "lakeside")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        #expect(harvest.stdout.contains("lakeside: succeeded — 120 added, 0 updated, 0 unchanged, 0 deleted"))
        #expect(FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("env.db").path))
        let again = try cli.run("harvest", "--all", "--json")
        let reports = try #require(try cli.json(again.stdout) as? [[String: Any]])
        #expect(reports.first?["unchanged"] as? Int == 120)
        #expect(reports.first?["status"] as? String == "succeeded")

        // Searching opens the catalogue read-only: the file is left as it was.
        let catalogue = cli.root.appendingPathComponent("env.db")
        let unsearched = try Data(contentsOf: catalogue)
        let search = try cli.run("search", "air quality", "--json", "--limit", "3")
        #expect(search.status == 0)
        #expect(try Data(contentsOf: catalogue) == unsearched)
        let results = try #require(try cli.json(search.stdout) as? [String: Any])
        #expect((results["total"] as? Int ?? 0) >= 3)
        // A catalogue this small is counted in full, with `--exact-total` or without.
        #expect(results["totalIsLowerBound"] as? Bool == false)
        let exact = try #require(try cli.json(try cli.run("search", "air quality", "--json", "--exact-total").stdout) as? [String: Any])
        #expect(exact["total"] as? Int == results["total"] as? Int)
        let hits = try #require(results["results"] as? [[String: Any]])
        #expect(hits.count == 3)
        let first = hits[0]
        for key in ["id", "title", "publisher", "sources", "modified"] { #expect(first[key] != nil, "\(key)") }
        #expect(first["sources"] as? [String] == ["lakeside"])
        let table = try cli.run("search", "air quality")
        #expect(table.stdout.contains("TITLE"))
        #expect(table.stdout.contains("PUBLISHER"))
        #expect(!table.stdout.contains("\u{1B}"), "piped output has no colour")
        let faceted = try cli.run("search", "air quality", "--facets", "source,year", "--sort", "title")
        #expect(faceted.status == 0, "\(faceted.stderr)")
        #expect(faceted.stdout.contains("\nsource  lakeside "))
        let facetJSON = try #require(try cli.json(try cli.run("search", "air", "--facets", "format", "--json").stdout) as? [String: Any])
        #expect((facetJSON["facets"] as? [[String: Any]])?.first?["field"] as? String == "format")
        let csv = try cli.run("search", "air quality", "--csv", "--limit", "3")
        #expect(csv.stdout.hasPrefix("id,title,publisher,sources,modified,score,records,snippet\r\n"))
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 5)
        let ndjson = try cli.run("search", "air quality", "--ndjson", "--limit", "3")
        #expect(try ndjson.stdout.split(separator: "\n").map { try cli.json(String($0)) as? [String: Any] }.count == 3)
        let malformed = try cli.run("search", "title:\"air")
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("The quote at character 7 is never closed"))
        #expect(try cli.run("search", "x", "--csv", "--json").status == 64)
        // A catalogue that does not exist yet is created, as before searches opened read-only.
        #expect(try cli.run("search", "air", "--db", "new.db").status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("new.db").path))

        let id = try #require(first["id"] as? String)
        let show = try cli.run("show", id)
        #expect(show.status == 0)
        #expect(show.stdout.contains(first["title"] as! String))
        #expect(show.stdout.contains("Distributions"))
        let showJSON = try cli.json(try cli.run("show", id, "--json").stdout) as? [String: Any]
        #expect(showJSON?["id"] as? String == id)
        let raw = try cli.run("show", id, "--raw")
        #expect(raw.stdout.contains("\"resources\""))
        let missing = try cli.run("show", "lakeside/nothing-here")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No record 'lakeside/nothing-here'"))

        let stats = try #require(try cli.json(try cli.run("stats", "--json").stdout) as? [String: Any])
        #expect(stats["records"] as? Int == 120)
        let lakeside = (stats["sources"] as? [String: Any])?["lakeside"] as? [String: Any]
        #expect(lakeside?["records"] as? Int == 120)
        #expect((lakeside?["last_run"] as? [String: Any])?["status"] as? String == "succeeded")
        let other = try cli.run("stats", "--json", "--db", cli.root.appendingPathComponent("other.db").path)
        #expect((try cli.json(other.stdout) as? [String: Any])?["records"] as? Int == 0)
    }

    @Test func aFailingSourceExits1AndTheOthersStillRun() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: Self.samples)).handler)
        try server.start()
        defer { server.stop() }
        let dead = try LoopbackServer { _ in .status(200) }
        try dead.start()
        let deadURL = dead.baseURL
        dead.stop()
        let cli = try CLI()
        #expect(try cli.run("source", "add", deadURL, "--kind", "ckan", "--id", "a-dead", "--force").status == 0)
        try Data("version: 1\nid: a-dead\nkind: ckan\nurl: \"\(deadURL)\"\noptions:\n  retries: \"1\"\n  retry_delay: \"0.01\"\n".utf8)
            .write(to: cli.root.appendingPathComponent("harvesters/a-dead.yaml"))
        #expect(try cli.run("source", "add", "\(server.baseURL)/riverbasin", "--kind", "ckan", "--id", "b-river").status == 0)
        let result = try cli.run("harvest", "--all")
        #expect(result.status == 1)
        #expect(result.stdout.contains("a-dead: failed"))
        #expect(result.stdout.contains("b-river: succeeded — 79 added"))
        #expect(result.stdout.contains("1 skipped"))
        #expect(result.stderr.contains("Source 'a-dead'"))
        #expect(result.stderr.contains(deadURL))
        #expect(result.stdout.contains("total: 2 sources (1 failed)"))
    }

    /// A stderr that cannot be written (a full disk, a descriptor open for reading) loses the message; the command still
    /// ends with its own exit code instead of a crash (Foundation's `FileHandle.write(_:)` raises on a failed write).
    @Test func aStderrThatCannotBeWrittenCostsTheMessageNotTheExitCode() throws {
        let cli = try CLI()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["show", "city/none", "--db", "/nonexistent-fedcat-folder/catalogue.db"]
        process.currentDirectoryURL = cli.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 74)
    }
}
