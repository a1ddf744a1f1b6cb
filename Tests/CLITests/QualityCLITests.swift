import Foundation
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("fedcat report and fedcat issues")
struct QualityCLITests {
    @Test func reportRanksExplainsAndWritesHTMLAndIssuesListsProblems() throws {
        let server = try LoopbackServer(handler: CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples)).handler)
        try server.start()
        defer { server.stop() }
        var cli = try CLI()
        cli.environment["FEDCAT_DB"] = cli.root.appendingPathComponent("quality.db").path
        let empty = try cli.run("report")
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("No quality scores yet"))
        for id in ["lakeside", "norland"] {
            #expect(try cli.run("source", "add", "\(server.baseURL)/\(id)", "--kind", "ckan", "--id", id).status == 0)
        }
        let harvest = try cli.run("harvest", "--all", "--json")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        let runs = try #require(try cli.json(harvest.stdout) as? [[String: Any]])
        #expect(runs.allSatisfy { ($0["quality"] as? Double ?? -1) > 0 })

        let table = try cli.run("report")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("SOURCE"))
        #expect(table.stdout.contains("lakeside") && table.stdout.contains("norland"))
        #expect(table.stdout.contains("new"), "a first run has no change yet")
        #expect(table.stdout.contains("links not checked"))

        _ = try cli.run("harvest", "--all")
        let overview = try #require(try cli.json(try cli.run("report", "--json").stdout) as? [String: Any])
        let sources = try #require(overview["sources"] as? [[String: Any]])
        #expect(Set(sources.compactMap { $0["source"] as? String }) == ["lakeside", "norland"])
        #expect(sources.allSatisfy { $0["change"] as? Double == 0 }, "nothing changed between the two runs")
        let percents = sources.compactMap { $0["percent"] as? Double }
        #expect(percents == percents.sorted(by: >), "best first")

        let detail = try cli.run("report", "lakeside")
        #expect(detail.status == 0, "\(detail.stderr)")
        #expect(detail.stdout.hasPrefix("lakeside: "))
        #expect(detail.stdout.contains("Fixes that would raise the score most:\n1. "))
        #expect(detail.stdout.contains("Worst records:"))
        #expect(detail.stdout.contains("DIMENSION"))
        let json = try #require(try cli.json(try cli.run("report", "lakeside", "--json").stdout) as? [String: Any])
        let fixes = try #require(json["fixes"] as? [[String: Any]])
        let gains = fixes.compactMap { $0["gain"] as? Double }
        #expect(!gains.isEmpty && gains == gains.sorted(by: >))
        #expect((json["history"] as? [Any])?.count == 2)
        let access = try #require((json["metrics"] as? [[String: Any]])?.first { $0["metric"] as? String == "access-url-answers" })
        #expect(access["weight"] as? Int == 50)
        #expect(access["points"] == nil, "not checked without --check-links")

        let htmlPath = cli.root.appendingPathComponent("report.html").path
        let html = try cli.run("report", "--html", htmlPath)
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("lakeside") && page.contains("norland"))

        let csv = try cli.run("issues", "lakeside", "--csv", "--only", "quality")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix("code,severity,record,location,message,url\r\n"))
        #expect(csv.stdout.contains("\r\nquality."))
        let issues = try #require(try cli.json(try cli.run("issues", "lakeside", "--json").stdout) as? [String: Any])
        #expect(issues["source"] as? String == "lakeside")
        #expect(((issues["issues"] as? [[String: Any]])?.count ?? 0) > 0)
        #expect(try cli.run("issues", "lakeside").stdout.contains("CODE"))

        let unknown = try cli.run("issues", "nowhere")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("There is no source 'nowhere'"))
        #expect(try cli.run("report", "nowhere").status == 1)
        #expect(try cli.run("report", "--check-links").status == 64)
        #expect(try cli.run("issues", "lakeside", "--json", "--csv").status == 64)
        let recomputed = try cli.run("report", "--recompute", "lakeside")
        #expect(recomputed.status == 0, "\(recomputed.stderr)")
        #expect(recomputed.stderr.contains("scored 1 source again"))
    }
}
