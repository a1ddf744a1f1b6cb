import Foundation
import Testing

@Suite("fedcat export as a process")
struct ExportCLITests {
    /// A data.json of three datasets (the export tests' golden data.json), harvested as a local source.
    static let dataJSON = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ExportTests/Fixtures/golden/catalogue-datajson.json").standardized

    static func harvested() throws -> CLI {
        let cli = try CLI()
        let add = try cli.run("source", "add", "file://" + dataJSON.path, "--kind", "datajson", "--id", "local", "--option", "local=true")
        #expect(add.status == 0, "\(add.stderr)")
        let harvest = try cli.run("harvest", "local", "--quiet")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        return cli
    }

    @Test func exportsToStandardOutputAFileAndPages() throws {
        let cli = try Self.harvested()
        let turtle = try cli.run("export", "--format", "ttl", "--progress-every", "1")
        #expect(turtle.status == 0, "\(turtle.stderr)")
        #expect(turtle.stdout.hasPrefix("@prefix rdf:"))
        #expect(turtle.stdout.components(separatedBy: "a dcat:Dataset").count - 1 == 3)
        #expect(turtle.stderr.contains("fedcat export: 3 datasets written"))
        let quiet = try cli.run("export", "--format", "ndjson", "--query", "bus", "--quiet")
        #expect(quiet.stderr.isEmpty)
        #expect(quiet.stdout.split(separator: "\n").count == 1 && quiet.stdout.contains("\"title\":\"Bus stops\""))
        #expect(try cli.run("export", "--format", "csv", "-o", "out.csv", "--quiet").status == 0)
        let csv = try String(contentsOf: cli.root.appendingPathComponent("out.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,cluster,title,description,publisher,"))
        let missing = try cli.run("export", "--format", "ttl", "-o", "pages", "--paged", "2")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("The folder \(cli.root.appendingPathComponent("pages").path) does not exist") || missing.stderr.contains("pages does not exist"))
        try FileManager.default.createDirectory(at: cli.root.appendingPathComponent("pages"), withIntermediateDirectories: true)
        let paged = try cli.run("export", "--format", "ttl", "-o", "pages", "--paged", "2", "--base", "https://data.example.org/cat/")
        #expect(paged.status == 0, "\(paged.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.appendingPathComponent("pages").path).sorted() == ["page-1.ttl", "page-2.ttl"])
    }

    @Test func badOptionsExit64WithASentence() throws {
        let cli = try Self.harvested()
        let format = try cli.run("export", "--format", "yaml")
        #expect(format.status == 64)
        #expect(format.stderr.contains("The export format 'yaml' is unknown; the known formats are ttl, rdf, jsonld, nt, datajson, datajson3, csv, ndjson, atom."))
        let since = try cli.run("export", "--format", "ttl", "--since", "yesterday")
        #expect(since.status == 64)
        #expect(since.stderr.contains("'yesterday'"))
        let folder = try cli.run("export", "--format", "ttl", "-o", "nowhere/out.ttl")
        #expect(folder.status == 64)
        #expect(folder.stderr.contains("nowhere does not exist"))
        let base = try cli.run("export", "--format", "ttl", "--base", "relative/")
        #expect(base.status == 64 && base.stderr.contains("'relative/'"))
        #expect(try cli.run("export", "--format", "csv", "-o", ".", "--paged", "2").status == 64)
    }
}
