import FeedParsing
import Foundation
import Quality
import Testing
import TestSupport

@Suite("HTML report")
struct HTMLReportTests {
    /// Three sources, one with two runs, one with a name that needs escaping.
    static func report() -> QualityReport {
        func run(_ source: String, _ id: Int64, _ records: [CatalogRecordFixture]) -> RunQuality {
            RunQuality(sourceID: source, runID: id, computedAt: "2026-11-2\(id)T10:00:00.000Z", tally: FixTests.tally(records.map(\.record)))
        }
        let city = [run("city", 1, [.bare, .mixed]), run("city", 3, [.mixed, .complete])]
        let region = [run("region<&>\"'", 2, [.complete])]
        let empty = [run("empty", 4, [])]
        return QualityReport(sources: [
            SourceReport(latest: city[1], history: city,
                         worst: [WorstRecord(id: "city/mixed", title: "Street trees <draft>", percent: 73.1, findings: 7)]),
            SourceReport(latest: region[0], history: region),
            SourceReport(latest: empty[0], history: empty),
        ], generatedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Every text node of the document, with the path of element names above it.
    static func texts(_ html: String) throws -> [(path: [String], text: String)] {
        let reader = try XMLReader(bytes: Array(html.utf8))
        var stack: [String] = []
        var out: [(path: [String], text: String)] = []
        while let event = try reader.next() {
            switch event {
            case .startElement(let name, _, _): stack.append(name.local)
            case .endElement: stack.removeLast()
            case .text(let text): out.append((stack, text))
            }
        }
        #expect(reader.warnings.isEmpty, "\(reader.warnings)")
        return out
    }

    @Test func theReportIsWellFormedAndShowsEverySourceInEveryChart() throws {
        let report = Self.report()
        let html = HTMLReport.render(report)
        let texts = try Self.texts(html)
        for source in ["city", "region<&>\"'", "empty"] {
            #expect(texts.contains { $0.path.last == "a" && $0.path.contains("table") && $0.text == source }, "ranking row of \(source)")
            let inCharts = texts.filter { $0.path.contains("svg") && $0.text == source }
            #expect(inCharts.count >= 3, "\(source): bar chart, trend legend and dimension figure")
            #expect(texts.contains { $0.path.last == "h2" && $0.text == source }, "section of \(source)")
        }
        #expect(report.sources.map(\.sourceID) == ["region<&>\"'", "city", "empty"], "best first")
        #expect(texts.contains { $0.path.last == "li" && $0.text.hasPrefix("1 of 2 datasets") }, "city's fixes")
        #expect(texts.contains { $0.text == "Street trees <draft>" })
        #expect(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("url("), "nothing loaded from the network")
        #expect(!html.contains("<script"))
        // Two runs of city: one polyline with two points.
        #expect(html.components(separatedBy: "<polyline").count == 2)
    }

    @Test func anEmptyCatalogueStillGivesAPage() throws {
        let html = HTMLReport.render(QualityReport(sources: [], generatedAt: Date()))
        #expect(try Self.texts(html).contains { $0.text.contains("No source has been scored yet") })
    }

    /// A screenshot in headless Chromium, where one is installed (skipped otherwise).
    @Test func chromiumRendersTheReport() throws {
        let candidates = ["chromium", "chromium-browser", "google-chrome"]
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let browser = candidates.lazy.compactMap({ name in
            paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }).first else {
            print("skipped: no chromium, chromium-browser or google-chrome on PATH")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("report.html"), shot = folder.appendingPathComponent("report.png")
        try HTMLReport.render(Self.report()).write(to: page, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,2000",
                                                    "--screenshot=\(shot.path)", page.absoluteString])
        #expect(result.status == 0, "\(result.error)")
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000, "a page with charts, not a blank image")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}

/// The hand-built records by name.
enum CatalogRecordFixture {
    case complete, bare, mixed

    var record: CatalogModel.CatalogRecord {
        switch self {
        case .complete: Fixtures.complete
        case .bare: Fixtures.bare
        case .mixed: Fixtures.mixed
        }
    }
}

import CatalogModel
