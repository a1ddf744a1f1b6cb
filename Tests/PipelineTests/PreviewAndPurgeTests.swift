import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Pipeline
import Testing

@Suite("Source preview and purge")
struct PreviewAndPurgeTests {
    @Test func previewMapsTheFirstRecordsWithoutTouchingAnyDatabase() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let source = SourceConfig(id: "lakeside", kind: "ckan", url: "\(portal.server.baseURL)/lakeside", options: ["date_order": "dmy"])
        let report = try SourcePreview(source: source).run()
        #expect(report.announced == 120)
        #expect(report.pages == 1)
        #expect(report.listed == 100, "one CKAN page of the default 100 rows")
        #expect(report.records.count == 20)
        #expect(report.records.allSatisfy { $0.provenance.sourceID == "lakeside" })
        #expect(Set(report.records.map(\.id)).count == 20)
        let score = try #require(report.score)
        #expect((1...100).contains(score.value))
        #expect(score.method.hasPrefix("MQA metrics over 20 records, links not checked"))
        // The issue counts add up to the issues found.
        #expect(report.issueCounts.reduce(0) { $0 + $1.count } == report.issues.count)
        let text = report.text(width: 100)
        #expect(text.hasPrefix("Preview of 'lakeside' (ckan) at \(source.url)\nThe source announces 120 datasets; 1 page read (1 request) listed 100 records, the first 20 shown.\n"))
        let issueLines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for count in report.issueCounts {
            #expect(issueLines.contains([count.severity.rawValue, count.code, String(count.count)]), "\(count.code)")
        }
        #expect(text.contains("TITLE"))
        #expect(text.contains(report.records[0].title.value.prefix(12)))
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("TITLE") }.prefix { !$0.isEmpty }
        #expect(rows.count == 21)
        #expect(rows.allSatisfy { $0.count <= 100 }, "the table fits the width")
        #expect(text.contains("Predicted quality score: \(score.value)/100"))
    }

    @Test func aPreviewOfABrokenSourceThrowsASentence() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let source = SourceConfig(id: "nowhere", kind: "ckan", url: "\(portal.server.baseURL)/nowhere")
        #expect { _ = try SourcePreview(source: source).run() } throws: { error in
            "\(error)".hasPrefix("Source 'nowhere':")
        }
    }

    @Test func purgeLeavesNoRowOfTheSourceAndReclustersTheRest() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let store = try ClusterTests.harvest(["lakeside", "norland", "riverbasin"], portal: portal)
        #expect(try store.mergedClusterCount() == 40)
        let scored = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM quality_records WHERE source_id = 'lakeside'") }
        #expect(scored == 120, "the harvest scored lakeside's records, so the purge has quality rows to delete")
        let counts = try store.purge(sourceID: "lakeside")
        #expect(counts.records == 120)
        #expect(counts.runs == 1)
        #expect(counts.reclustered > 0)
        let leftovers = try store.read("test") { db in
            try ["records", "raw_records", "record_keys", "record_issues", "http_cache", "harvest_runs", "quality_runs",
                 "quality_records", "withdrawn_records", "schedule_state"].map { table -> Int in
                let column = "source_id"
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(column) = 'lakeside'") ?? -1
            } + [Int.fetchOne(db, sql: "SELECT count(*) FROM sources WHERE id = 'lakeside'") ?? -1,
                 Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE cluster_id LIKE 'lakeside/%'") ?? -1,
                 Int.fetchOne(db, sql: "SELECT count(*) FROM clusters WHERE id LIKE 'lakeside/%' OR canonical_id LIKE 'lakeside/%'") ?? -1,
                 Int.fetchOne(db, sql: "SELECT count(*) FROM record_terms WHERE seq NOT IN (SELECT seq FROM records)") ?? -1]
        }
        #expect(leftovers == Array(repeating: 0, count: 14))
        // What remains is clustered as if lakeside had never been harvested.
        let fresh = try ClusterTests.harvest(["norland", "riverbasin"], portal: portal)
        #expect(try ClusterTests.assignment(store) == ClusterTests.assignment(fresh))
        #expect(try store.recordCount() == 249)
        let integrity = try store.read("test") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
        let fts = try store.pool.write { db -> Bool in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            return true
        }
        #expect(fts)
        #expect(try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records_fts") } == 249)
    }
}
