import CatalogModel
import CatalogStore
import Fetch
import Foundation
import GRDB
import LoopbackHTTP
import Pipeline
import Quality
import Testing

func temporaryStore() throws -> CatalogStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-quality-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try CatalogStore(path: directory.appendingPathComponent("catalogue.db").path)
}

/// Serves whatever bytes the test sets.
final class Document: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func set(_ text: String) { lock.withLock { bytes = Array(text.utf8) } }
    var value: [UInt8] { lock.withLock { bytes } }
}

/// A data.json served over loopback to a fresh catalogue.
struct Feed {
    let document = Document()
    let server: LoopbackServer
    let store: CatalogStore
    let source: SourceConfig

    init() throws {
        let document = self.document
        server = try LoopbackServer { _ in HTTPResponse.json(document.value) }
        try server.start()
        store = try temporaryStore()
        source = SourceConfig(id: "federal", kind: "datajson", url: server.baseURL + "/data.json")
    }
}

/// A federal data.json whose second version mends what the first lacked.
enum Feeds {
    static func dataset(_ id: String, licence: Bool, keywords: Bool) -> String {
        """
        {"identifier": "https://federal.example/\(id)", "title": "Dataset \(id)", "description": "About \(id).",
         \(keywords ? #""keyword": ["roads"],"# : "")
         \(licence ? #""license": "https://creativecommons.org/licenses/by/4.0/","# : "")
         "publisher": {"name": "Federal Roads"}, "contactPoint": {"fn": "Desk", "hasEmail": "mailto:desk@federal.example"},
         "accessLevel": "public", "modified": "2024-02-01", "issued": "2023-01-15",
         "distribution": [{"downloadURL": "https://files.federal.example/\(id).csv", "mediaType": "text/csv"}]}
        """
    }

    static func catalogue(_ datasets: [String]) -> String {
        #"{"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": ["# + datasets.joined(separator: ",") + "]}"
    }
}

@Suite("Scores per run and their trend")
struct TrendTests {
    @Test func aSecondRunThatMendsLicencesRaisesTheScoreAndTheReportShowsTheChange() throws {
        let feed = try Feed()
        defer { feed.server.stop() }
        let (document, store, source) = (feed.document, feed.store, feed.source)

        document.set(Feeds.catalogue([Feeds.dataset("a", licence: true, keywords: true), Feeds.dataset("b", licence: false, keywords: false),
                                      Feeds.dataset("c", licence: false, keywords: true)]))
        let first = try HarvestRunner(store: store).run(source)
        #expect(first.status == "succeeded")
        let firstScore = try #require(first.quality)

        document.set(Feeds.catalogue([Feeds.dataset("a", licence: true, keywords: true), Feeds.dataset("b", licence: true, keywords: true),
                                      Feeds.dataset("c", licence: true, keywords: true)]))
        let second = try HarvestRunner(store: store).run(source)
        let secondScore = try #require(second.quality)

        let report = try QualityReports.load(store: store, worst: 5)
        let federal = try #require(report.sources.first)
        #expect(federal.history.map(\.runID) == [first.runID, second.runID])
        let before = federal.history[0].tally, after = federal.latest.tally
        #expect(before.records == 3 && after.records == 3)
        #expect(before.failing[.licence] == 2)
        #expect(before.failing[.keywords] == 1)
        #expect(after.failing[.licence] == nil)
        #expect(after.failing[.keywords] == nil)
        // Licence (20) for 2 of 3 records, its vocabulary (10) too when recognised, keywords (30) for 1 of 3.
        let gained = (after.score - before.score)
        #expect(abs(gained - (20.0 * 2 / 3 + after.points(.licenceVocabulary) - before.points(.licenceVocabulary) + 30.0 / 3)) < 1e-9)
        #expect(after.points(.licenceVocabulary) == 10, "the CC BY 4.0 URL is recognised")
        #expect(abs((federal.change ?? 0) - (secondScore - firstScore)) < 1e-9)
        #expect(federal.change ?? 0 > 0)
        #expect(Fix.ranked(before).contains { $0.metric == .licence && $0.records == 2 && $0.total == 3 })

        // Only the latest run keeps per-record scores.
        let kept = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT DISTINCT run_id FROM quality_records") }
        #expect(kept == [try #require(second.runID)])
        #expect(federal.worst.count == 3)
        #expect(federal.worst.allSatisfy { $0.id.hasPrefix("federal/") })

        // A third run that changes nothing carries the score forward without reading the records again.
        let third = try HarvestRunner(store: store).run(source)
        #expect(third.nothingChanged)
        #expect(third.quality == secondScore)
        let trend = try #require(try QualityReports.load(store: store).sources.first)
        #expect(trend.history.map(\.runID) == [first.runID, second.runID, third.runID])
        #expect(trend.change == 0)
        let moved = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT DISTINCT run_id FROM quality_records") }
        #expect(moved == [try #require(third.runID)])
    }

    @Test func recomputingAndIssuesReadTheLatestRun() throws {
        let feed = try Feed()
        defer { feed.server.stop() }
        let (document, store, source) = (feed.document, feed.store, feed.source)
        document.set(Feeds.catalogue([Feeds.dataset("a", licence: false, keywords: true), Feeds.dataset("b", licence: true, keywords: false)]))
        var runner = HarvestRunner(store: store)
        runner.scoreQuality = false
        let run = try runner.run(source)
        #expect(run.quality == nil)
        #expect(try QualityReports.load(store: store).sources.isEmpty)

        #expect(try QualityReports.recompute(store: store) == ["federal"])
        let report = try QualityReports.load(store: store, sourceID: "federal", worst: 1)
        #expect(report.sources.first?.latest.runID == run.runID)
        #expect(report.sources.first?.worst.count == 1)

        let listing = try PublisherIssues.load(store: store, sourceID: "federal")
        #expect(listing.qualityRun == run.runID)
        let licence = listing.issues.filter { $0.code == "quality.licence" }
        #expect(licence.count == 1)
        #expect(licence.first?.record == "https://federal.example/a")
        #expect(licence.first?.location == "distributions[0].license")
        #expect(licence.first?.message == "Distribution 1 has no licence (dct:license).")
        #expect(listing.issues.contains { $0.code == "quality.keywords" && $0.record == "https://federal.example/b" })
    }
}

@Suite("Link checks")
struct LinkCheckTests {
    @Test func urlsThatAnswerScoreAccessibilityAndBrokenOnesAreFindings() throws {
        let document = Document()
        let requests = Counter()
        let server = try LoopbackServer { request in
            if request.path == "/data.json" { return HTTPResponse.json(document.value) }
            requests.add(request.path)
            if request.path.hasPrefix("/files/ok") { return HTTPResponse(status: 206, headers: [("Content-Type", "text/csv")], body: Array("a".utf8)) }
            return HTTPResponse(status: 404, headers: [], body: Array("gone".utf8))
        }
        try server.start()
        defer { server.stop() }
        let base = server.baseURL
        document.set(Feeds.catalogue([
            #"{"identifier": "one", "title": "One", "description": "d", "distribution": [{"downloadURL": "\#(base)/files/ok.csv", "accessURL": "\#(base)/files/ok"}]}"#,
            #"{"identifier": "two", "title": "Two", "description": "d", "distribution": [{"downloadURL": "\#(base)/files/missing.csv", "accessURL": "\#(base)/files/ok"}]}"#,
        ]))
        let store = try temporaryStore()
        var runner = HarvestRunner(store: store)
        runner.scoreQuality = false
        let run = try runner.run(SourceConfig(id: "links", kind: "datajson", url: base + "/data.json"))
        #expect(run.status == "succeeded")

        let checker = LinkChecker(store: store, gate: HostGate())
        #expect(try QualityReports.recompute(store: store, checkLinks: checker) == ["links"])
        let tally = try #require(try QualityReports.load(store: store).sources.first?.latest.tally)
        #expect(tally.maximum == 405)
        #expect(tally.points(.accessURLAnswers) == 50, "both access URLs answer")
        #expect(tally.points(.downloadURLAnswers) == 15, "one download URL of two answers")
        #expect(requests.count("/files/ok") == 1, "a URL shared by two records is requested once")
        let broken = try PublisherIssues.load(store: store, sourceID: "links").issues.filter { $0.code == "quality.download-url-answers" }
        #expect(broken.map(\.record) == ["two"])
        #expect(broken.first?.message == "Distribution 1's download URL did not answer (dcat:downloadURL). Found: '\(base)/files/missing.csv'.")

        // A harvest with a link checker scores the same at the end of its run, and the two runs make a trend.
        var checking = HarvestRunner(store: store)
        checking.linkChecker = checker
        let again = try checking.run(SourceConfig(id: "links", kind: "datajson", url: base + "/data.json"))
        let source = try #require(try QualityReports.load(store: store).sources.first)
        #expect(source.latest.runID == again.runID)
        #expect(source.latest.linksChecked)
        #expect(source.latest.tally.points(.downloadURLAnswers) == 15)
        #expect(source.change == 0)
    }
}

/// Requests seen by a test server, by path.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Int] = [:]
    func add(_ path: String) { lock.withLock { seen[path, default: 0] += 1 } }
    func count(_ path: String) -> Int { lock.withLock { seen[path] ?? 0 } }
}
