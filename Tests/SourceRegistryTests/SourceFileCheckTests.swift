import CatalogModel
import Foundation
import Testing
@testable import SourceRegistry

@Suite("Commented source files, check and lint")
struct SourceFileCheckTests {
    @Test func aWrittenFileExplainsEveryOptionAndReadsBack() throws {
        let registry = try SourceRegistryTests.registry()
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "https://data.lakeside.example", title: "Lakeside",
                                  schedule: "nightly", options: ["rows": "50", "date_order": "dmy"])
        let file = try registry.write(source, detectedBy: "CKAN: /api/3/action/status_show answered ckan_version 2.10.4")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("# Kind detected by: CKAN: /api/3/action/status_show answered ckan_version 2.10.4\n"))
        #expect(text.contains("\nversion: 1 "))
        #expect(text.contains("# the format of this file; this fedcat reads version 1\n"))
        #expect(text.contains("  rows: \"50\"".padding(toLength: 40, withPad: " ", startingAt: 0) + " # CKAN: packages per page, 1-1000\n"))
        #expect(text.contains("  date_order: \"dmy\""))
        // Options not set are there, commented out at their defaults, with their meaning.
        #expect(text.contains("  # incremental: \"true\""))
        #expect(text.contains("  # timeout: \"180\"".padding(toLength: 40, withPad: " ", startingAt: 0) + " # seconds one request may take in all\n"))
        #expect(text.contains("  # max_pages: \"100000\""))
        #expect(!text.contains("follow_dataset_feeds"), "only the kind's own options")
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("  #") {
            #expect(line.contains(" # "), "every key is commented: \(line)")
        }
        #expect(try registry.source("lakeside") == source)
        #expect(registry.check(file: file).isEmpty)
        // With no option set, `options:` holds only comments and reads as none.
        let bare = SourceConfig(id: "bare", kind: "atom", url: "https://lakeside.example/feed.xml")
        let bareFile = try registry.write(bare)
        #expect(try registry.source("bare") == bare)
        #expect(registry.check(file: bareFile).isEmpty)
        #expect(throws: SourceFileError.alreadyExists(id: "bare", path: bareFile.path)) { try registry.write(bare) }
    }

    @Test func checkNamesFileLineAndKeyOfEveryProblem() throws {
        let registry = try SourceRegistryTests.registry()
        let text = """
            # a hand-written file
            version: 2
            id: lakeside
            kind: ckan
            url: https://data.lakeside.example
            colour: blue
            options:
              rows: many
              timeout: 30
              follow_dataset_feeds: true
              retries: [1, 2]

            """
        try SourceRegistryTests.write(text, as: "lakeside.yaml", in: registry)
        let file = registry.path(for: "lakeside")
        let problems = registry.check(file: file)
        let path = file.path
        #expect(problems == [
            .invalid(path: path, line: 6, key: "colour", reason: "unknown key; the known keys are id, kind, options, schedule, title, url, version"),
            .invalid(path: path, line: 2, key: "version", reason: "version 2 is newer than this fedcat reads (1); update fedcat"),
            .invalid(path: path, line: 8, key: "options.rows", reason: "'many' is not a whole number"),
            .invalid(path: path, line: 10, key: "options.follow_dataset_feeds", reason: "unknown option for kind 'ckan'; its options are "
                     + SourceOptions.for(kind: "ckan").map(\.name).joined(separator: ", ")),
            .invalid(path: path, line: 11, key: "options.retries", reason: "it must be a single value, not a list"),
        ])
        #expect(problems[1].description == "The source file \(path), line 2, key 'version': version 2 is newer than this fedcat reads (1); update fedcat.")
    }

    @Test func checkFindsAWrongIdKindAndMissingKeys() throws {
        let registry = try SourceRegistryTests.registry()
        try SourceRegistryTests.write("version: 1\nid: other\nkind: sparql\n", as: "mine.yaml", in: registry)
        let path = registry.path(for: "mine").path
        let problems = registry.check(file: registry.path(for: "mine"))
        #expect(problems.contains(.missingKey(path: path, key: "url")))
        #expect(problems.contains(.invalid(path: path, line: 2, key: "id", reason: "'other' is not the file's name; the file must be harvesters/other.yaml")))
        #expect(problems.contains { $0.description.hasPrefix("The source file \(path), line 3, key 'kind': unknown harvester kind 'sparql'; known kinds: ckan,") })
        try SourceRegistryTests.write("version: [1\n", as: "broken.yaml", in: registry)
        let broken = registry.check(file: registry.path(for: "broken"))
        #expect(broken.count == 1)
        #expect(broken.first?.description.hasPrefix("The source file \(registry.path(for: "broken").path) is not valid YAML") == true)
    }

    @Test func lintChecksSourcesAndTheShapeOfSchedules() throws {
        let registry = try SourceRegistryTests.registry()
        _ = try registry.write(SourceConfig(id: "good", kind: "ckan", url: "https://a.example"))
        try SourceRegistryTests.write("version: 1\nid: bad\nkind: ckan\nurl: https://b.example\noptions:\n  rows: ten\n", as: "bad.yaml", in: registry)
        try FileManager.default.createDirectory(at: registry.scheduleDirectory, withIntermediateDirectories: true)
        try Data("version: 1\ncron: \"0 3 * * *\"\ntimezone: Europe/Zurich\nsources: [good]\n".utf8)
            .write(to: registry.scheduleDirectory.appendingPathComponent("nightly.yaml"))
        try Data("version: 3\ncron: \"0 * * * *\"\nevery: hour\n".utf8).write(to: registry.scheduleDirectory.appendingPathComponent("hourly.yaml"))
        try Data("cron: [\n".utf8).write(to: registry.scheduleDirectory.appendingPathComponent("weekly.yaml"))
        let (files, problems) = RegistryLint(registry: registry).run()
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["bad.yaml", "good.yaml", "hourly.yaml", "nightly.yaml", "weekly.yaml"])
        let bad = registry.path(for: "bad").path
        let hourly = registry.scheduleDirectory.appendingPathComponent("hourly.yaml").path
        #expect(problems.count == 4)
        #expect(problems[0] == LintProblem(file: bad, line: 6, key: "options.rows",
                                           message: "The source file \(bad), line 6, key 'options.rows': 'ten' is not a whole number."))
        #expect(problems[1] == LintProblem(file: hourly, line: 1, key: "version",
                                           message: "The schedule file \(hourly), line 1, key 'version': version 3 is newer than this fedcat reads (1); update fedcat."))
        #expect(problems[2].key == "every" && problems[2].line == 3)
        #expect(problems[3].message.contains("weekly.yaml is not valid YAML"))
    }

    @Test func aScheduleCheckerPlugsIn() throws {
        struct NoCron: ScheduleFileChecking {
            func check(_ text: String, path: String) -> [LintProblem] {
                text.contains("cron:") ? [] : [LintProblem(file: path, key: "cron", message: "no cron")]
            }
        }
        let registry = try SourceRegistryTests.registry()
        try FileManager.default.createDirectory(at: registry.scheduleDirectory, withIntermediateDirectories: true)
        try Data("version: 1\n".utf8).write(to: registry.scheduleDirectory.appendingPathComponent("empty.yaml"))
        #expect(RegistryLint(registry: registry).run().problems.isEmpty)
        #expect(RegistryLint(registry: registry, schedules: NoCron()).run().problems.map(\.message) == ["no cron"])
    }

    @Test func removeDeletesTheFile() throws {
        let registry = try SourceRegistryTests.registry()
        let file = try registry.write(SourceConfig(id: "gone", kind: "ckan", url: "https://a.example"))
        #expect(try registry.remove("gone") == file)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(throws: SourceFileError.self) { try registry.remove("gone") }
    }
}
