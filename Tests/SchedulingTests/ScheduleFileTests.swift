import CatalogModel
import Foundation
@testable import Scheduling
import Testing

@Suite("schedules/<name>.yaml")
struct ScheduleFileTests {
    static let path = "/srv/fedcat/schedules/nightly.yaml"

    static func parse(_ text: String) throws(ScheduleFileError) -> Schedule {
        try ScheduleFile.parse(text, path: path, name: "nightly")
    }

    @Test func readsEveryKey() throws {
        let schedule = try Self.parse("""
        version: 1
        description: City portals, at night in London
        cron: "30 2 * * MON-FRI"
        timezone: Europe/London
        sources: [lakeside, norland]
        tags: [city]
        """)
        #expect(schedule.name == "nightly")
        #expect(schedule.cron.text == "30 2 * * MON-FRI")
        #expect(schedule.timeZone.identifier == "Europe/London")
        #expect(schedule.selection == SourceSelection(all: false, ids: ["lakeside", "norland"], tags: ["city"]))
        #expect(schedule.selection.selects(SourceConfig(id: "lakeside", kind: "ckan", url: "u")))
        #expect(schedule.selection.selects(SourceConfig(id: "other", kind: "ckan", url: "u", tags: ["city"])))
        #expect(!schedule.selection.selects(SourceConfig(id: "other", kind: "ckan", url: "u", tags: ["national"])))
    }

    @Test func allSourcesAndUTCByDefault() throws {
        let schedule = try Self.parse("version: 1\ncron: '@daily'\nsources: all\n")
        #expect(schedule.zoneName == "UTC")
        #expect(schedule.selection.all)
        #expect(schedule.selection.selects(SourceConfig(id: "any", kind: "ckan", url: "u")))
    }

    @Test(arguments: [
        ("version: 1\ncron: '@daily'\nevery: 2h\n",
         "The schedule file \(path), line 3: unknown key 'every'; the known keys are version, cron, timezone, sources, tags, description."),
        ("version: 2\ncron: '@daily'\n",
         "The schedule file \(path), line 1, key 'version': version 2 is newer than this fedcat reads (1); upgrade fedcat."),
        ("version: one\ncron: '@daily'\n",
         "The schedule file \(path), line 1, key 'version': 'one' must be a whole number (1)."),
        ("version: 1\n\ncron: '61 * * * *'\n",
         "The schedule file \(path), line 3, key 'cron': The minute field '61' is outside 0-59."),
        ("version: 1\ncron: '0 3 * * *'\ntimezone: Europe/Lundon\n",
         "The schedule file \(path), line 3, key 'timezone': 'Europe/Lundon' is not an IANA time zone (such as Europe/London, America/New_York or UTC)."),
        ("version: 1\ncron: [0, 3]\n",
         "The schedule file \(path), line 2, key 'cron': 'a list' must be a cron expression such as \"0 3 * * *\" or @daily."),
        ("version: 1\ncron: '@daily'\nsources: {lakeside: yes}\n",
         "The schedule file \(path), line 3, key 'sources': 'a mapping' must be a list of texts."),
        ("version: 1\ncron: '@daily'\nsources: some\n",
         "The schedule file \(path), line 3, key 'sources': 'some' must be 'all' or a list of source ids (sources: [city, region])."),
        ("version: 1\ncron: '@daily'\ntags:\n  - city\n  - [a, b]\n",
         "The schedule file \(path), line 5, key 'tags': 'a list' must be a tag."),
        ("version: 1\ntimezone: UTC\n", "The schedule file \(path) has no 'cron' key, which is required."),
        ("cron: '@daily'\n", "The schedule file \(path) has no 'version' key, which is required."),
        ("- a\n- b\n", "The schedule file \(path) must be a YAML mapping with the keys version, cron, timezone and sources or tags."),
    ])
    func refused(_ text: String, _ message: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aBookLoadsGoodFilesAndReportsBrokenOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-schedules-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "version: 1\ncron: '0 3 * * *'\ntimezone: Europe/London\nsources: [lakeside, gone]\n".write(to: folder.appendingPathComponent("nightly.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\ncron: '@hourly'\ntags: [city]\n".write(to: folder.appendingPathComponent("hourly.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\ncron: '* * *'\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let book = ScheduleBook.load(root: root)
        #expect(book.schedules.map(\.name) == ["hourly", "nightly"])
        #expect(book.errors.count == 1)
        #expect(book.errors.first?.description.contains("broken.yaml, line 2, key 'cron'") == true)
        #expect(book.unknownSources(known: ["lakeside"]).count == 1)

        let lakeside = SourceConfig(id: "lakeside", kind: "ckan", url: "u", tags: ["city"])
        let both = book.assignment(for: lakeside)
        #expect(both.schedule?.name == "hourly")
        #expect(both.note?.contains("selected by several schedules (hourly, nightly)") == true)
        #expect(both.problem == nil)
        var chosen = lakeside
        chosen.schedule = "nightly"
        #expect(book.assignment(for: chosen).schedule?.name == "nightly")
        #expect(book.assignment(for: chosen).problem == nil && book.assignment(for: chosen).note == nil)
        chosen.schedule = "*/10 * * * *"
        #expect(book.assignment(for: chosen).schedule?.cron.text == "*/10 * * * *")
        chosen.schedule = "weekly"
        #expect(book.assignment(for: chosen).schedule == nil)
        #expect(book.assignment(for: chosen).problem?.contains("known schedules: hourly, nightly") == true)
        #expect(book.assignment(for: SourceConfig(id: "alone", kind: "ckan", url: "u")).schedule == nil)
    }
}
