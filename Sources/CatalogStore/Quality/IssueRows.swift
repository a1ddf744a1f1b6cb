import GRDB

/// A stored harvest issue with the URL it concerns, for `fedcat issues`.
public struct IssueRow: Sendable, Hashable {
    public var localID: String?
    public var code: String
    public var severity: String
    public var message: String
    public var location: String?
    public var url: String?
}

extension CatalogStore {
    /// The harvest issues of a run, by record then order found.
    public func issueRows(runID: Int64) throws(StoreError) -> [IssueRow] {
        try read("reading issues of run \(runID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT local_id, code, severity, message, location, url FROM record_issues WHERE run_id = ? ORDER BY local_id, id
                """, arguments: [runID]).map {
                IssueRow(localID: $0[0], code: $0[1], severity: $0[2], message: $0[3], location: $0[4], url: $0[5])
            }
        }
    }

    /// The source's latest run of any status, if it has one.
    public func latestRunID(sourceID: String) throws(StoreError) -> Int64? {
        try read("reading the last run of '\(sourceID)'") { db in
            try Int64.fetchOne(db, sql: "SELECT max(id) FROM harvest_runs WHERE source_id = ?", arguments: [sourceID])
        }
    }
}
