import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Pipeline
import Quality
import Testing

/// Records are scored while a run stages them; the source's tally is summed from the stored rows, and rows of
/// records on pages that did not change are carried from the previous run. The result must be what reading every
/// record back and scoring it gives.
@Suite("Quality scored during the harvest")
struct RunScoringTests {
    /// A portal of nine packages, three per page, of which `tagged` have tags and a licence.
    private static func folder(tagged: Set<Int>) throws -> URL {
        let directory = try sampleFolder(portal: "city", packages: (1...9).map { ("p\($0)", "Dataset \($0)") })
        let file = directory.appendingPathComponent("city.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        for index in tagged {
            // Within the package's own object: tags and a licence.
            let start = try #require(text.range(of: #"{"id":"id-p\#(index)","#))
            let tags = try #require(text.range(of: #""tags":[]"#, range: start.upperBound..<text.endIndex))
            text.replaceSubrange(tags, with: #""tags":[{"name":"trees"}],"license_id":"cc-by""#)
        }
        try Data(text.utf8).write(to: file)
        return directory
    }

    private static func storedTally(_ store: CatalogStore, run: Int64) throws -> SourceTally {
        let json = try store.read("tally") { db in try String.fetchOne(db, sql: "SELECT tally_json FROM quality_runs WHERE run_id = ?", arguments: [run]) }
        return try TallyCodec.decode(try #require(json), runID: run)
    }

    private static func expectSame(_ a: SourceTally, _ b: SourceTally) {
        #expect(a.records == b.records)
        #expect(a.distributions == b.distributions)
        #expect(a.failing == b.failing)
        #expect(a.histogram == b.histogram)
        #expect(a.openLicences == b.openLicences)
        #expect(a.checked == b.checked)
        for metric in Metric.allCases { #expect(abs((a.passed[metric] ?? 0) - (b.passed[metric] ?? 0)) < 1e-9, "\(metric)") }
    }

    @Test func theTallyEqualsAFullRescoreAndUnchangedPagesCarryTheirRows() throws {
        let portal = try TestPortal(directory: try Self.folder(tagged: [1]))
        portal.validate(with: .etag)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["rows": "3", "incremental": "false"])
        let first = try HarvestRunner(store: store).run(source)
        let firstRun = try #require(first.runID)
        let firstTally = try Self.storedTally(store, run: firstRun)
        #expect(firstTally.records == 9)

        // Page 3 changes (p8 gains tags and a licence); pages 1 and 2 are not parsed again, and p7 and p9, unchanged on
        // the page read again, are not scored again: all three carry their rows from the first run.
        try portal.load(try Self.folder(tagged: [1, 8]))
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.updated == 1)
        #expect(second.counters.unchangedPages == 2)
        let run = try #require(second.runID)
        let inRun = try Self.storedTally(store, run: run)
        #expect(inRun.score > firstTally.score)
        let rows = try store.read("rows") { db in
            try Row.fetchAll(db, sql: "SELECT run_id, count(*), count(shares) FROM quality_records GROUP BY run_id")
                .map { [$0[0] as Int64, $0[1] as Int64, $0[2] as Int64] }
        }
        #expect(rows == [[run, 9, 9]])

        let full = try QualityScorer(store: store).score(sourceID: "city", runID: run)
        Self.expectSame(inRun, full)
        #expect(abs((second.quality ?? -1) - full.percent) < 1e-9)
    }

    @Test func rowsStoredBeforeSharesExistedMeanAFullRescore() throws {
        let portal = try TestPortal(directory: try Self.folder(tagged: [2]))
        portal.validate(with: .etag)
        let store = try temporaryStore()
        let source = SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city", options: ["rows": "3", "incremental": "false"])
        _ = try HarvestRunner(store: store).run(source)
        // As an older fedcat left them: no shares.
        try store.pool.write { db in try db.execute(sql: "UPDATE quality_records SET shares = NULL, distributions = 0") }
        try portal.load(try Self.folder(tagged: [2, 9]))
        let second = try HarvestRunner(store: store).run(source)
        #expect(second.counters.unchangedPages == 2)
        let run = try #require(second.runID)
        let stored = try Self.storedTally(store, run: run)
        let shares = try store.read("rows") { db in try Int.fetchOne(db, sql: "SELECT count(shares) FROM quality_records WHERE run_id = ?", arguments: [run]) }
        #expect(shares == 9)
        Self.expectSame(stored, try QualityScorer(store: store).score(sourceID: "city", runID: run))
    }
}
