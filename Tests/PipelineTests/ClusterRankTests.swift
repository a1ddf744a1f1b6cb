import CatalogModel
import CatalogStore
import Foundation
import GRDB
import Pipeline
import Search
import Testing

/// The full-text index places the records of a dataset published on several portals together (`StaticRank`): every
/// record of a cluster of several records carries the cluster's smallest `seq`, a record standing alone none, through
/// harvests that form and split clusters; and the totals counted from the index equal a count of distinct clusters.
@Suite("Clusters in the ranked index")
struct ClusterRankTests {
    /// Records whose `cluster_seq` is not what their cluster makes it, and FTS5 rowids that are not the records' keys.
    static func violations(_ store: CatalogStore) throws -> [String] {
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO records_fts(records_fts, rank) VALUES('integrity-check', 1)")
            return try String.fetchAll(db, sql: """
                SELECT r.id FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id
                WHERE r.cluster_seq IS NOT (CASE WHEN c.id IS NULL THEN NULL ELSE (SELECT min(m.seq) FROM records m WHERE m.cluster_id = r.cluster_id) END)
                """) + String.fetchAll(db, sql: """
                SELECT r.id FROM records r WHERE NOT EXISTS (SELECT 1 FROM records_fts f WHERE f.rowid = r.rank_key)
                   OR (r.rank_key < \(StaticRank.standAlone)) <> (r.cluster_seq IS NOT NULL)
                """) + String.fetchAll(db, sql: """
                SELECT 'month of ' || coalesce(r.id, m.rank_key) FROM records r FULL JOIN record_months m ON m.rank_key = r.rank_key
                WHERE m.month IS NOT (CASE WHEN r.modified GLOB '[12][0-9][0-9][0-9]-[01][0-9]*'
                    THEN CAST(substr(r.modified, 1, 4) AS INTEGER) * 12 + CAST(substr(r.modified, 6, 2) AS INTEGER) - 1
                    WHEN r.modified GLOB '[12][0-9][0-9][0-9]*' THEN CAST(substr(r.modified, 1, 4) AS INTEGER) * 12 END)
                """)
        }
    }

    @Test func harvestsKeepClustersTogetherInTheIndexAndTotalsExact() throws {
        let portal = try TestPortal(directory: PipelineTests.samples)
        let store = try ClusterTests.harvest(["lakeside", "norland", "riverbasin"], portal: portal)
        #expect(try store.mergedClusterCount() == 40)
        #expect(try Self.violations(store) == [])
        let engine = SearchEngine(store: store)
        for query in ["water", "data", "lake OR river", "water format:csv", "*"] {
            let all = try engine.search(SearchRequest(text: query, limit: 1000))
            #expect(all.total == all.results.count, "\(query)")
            #expect(Set(all.results.map(\.id)).count == all.results.count, "\(query)")
            // Words without a filter: a count that stops at a limit counts datasets, not records, clusters included.
            guard !query.contains(":"), query != "*", all.total > 1 else { continue }
            var limited = engine
            limited.countLimit = all.total
            let atTheLimit = try limited.search(SearchRequest(text: query))
            #expect(atTheLimit.total == all.total && !atTheLimit.totalIsLowerBound, "\(query)")
            limited.countLimit = all.total - 1
            let oneBelow = try limited.search(SearchRequest(text: query))
            #expect(oneBelow.total == all.total - 1 && oneBelow.totalIsLowerBound, "\(query)")
            limited.countLimit = max(1, all.total / 4)
            let below = try limited.search(SearchRequest(text: query))
            #expect(below.total == max(1, all.total / 4) && below.totalIsLowerBound, "\(query)")
        }
    }

    @Test func aClusterThatSplitsLeavesTheClusterBand() throws {
        let v1 = try sampleFolder(portal: "city", packages: [("trees", "Street trees"), ("parks", "Parks")])
        let copies = try sampleFolder(portal: "nation", packages: [("trees", "Street trees (national copy)")])
        let portal = try TestPortal(directory: v1)
        let store = try temporaryStore()
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "city", kind: "ckan", url: "\(portal.server.baseURL)/city"))
        try portal.load(copies)
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "nation", kind: "ckan", url: "\(portal.server.baseURL)/nation"))
        #expect(try store.mergedClusterCount() == 1)
        #expect(try Self.violations(store) == [])
        let clustered = try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE cluster_seq IS NOT NULL") }
        #expect(clustered == 2)
        #expect(try SearchEngine(store: store).search(SearchRequest(text: "trees")).total == 1)
        try portal.load(try sampleFolder(portal: "nation", packages: [("other", "Another dataset")]))
        _ = try HarvestRunner(store: store).run(SourceConfig(id: "nation", kind: "ckan", url: "\(portal.server.baseURL)/nation"))
        #expect(try store.mergedClusterCount() == 0)
        #expect(try Self.violations(store) == [])
        #expect(try store.read("test") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE cluster_seq IS NOT NULL") } == 0)
        #expect(try SearchEngine(store: store).search(SearchRequest(text: "trees")).total == 1)
    }
}
