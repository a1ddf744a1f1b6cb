public import CatalogStore
import CatalogModel
import Search
import GRDB

/// Reads the selected datasets from the catalogue in keyset-paged batches (`batchSize` clusters by id per read),
/// so an export holds one batch in memory whatever the size of the catalogue.
public struct ExportReader: Sendable {
    public let store: CatalogStore
    public let selection: ExportSelection
    public let iris: IRIScheme
    /// The title the catalogue carries (`dct:title`, data.json has none).
    public var catalogTitle = "fedcat catalogue"
    public var batchSize = 1000
    /// The e-mail data.json writes as the contact of datasets none of whose records has one (DCAT-US requires a
    /// contact); nil leaves them without, counted in `gaps`.
    public var contactEmail: String?
    /// Fields left out of datasets because no record had them, counted as the export goes.
    public var gaps = ExportGaps()
    /// Called after each batch with the number of datasets written so far.
    public var progress: (@Sendable (Int) -> Void)?

    private let condition: String?
    private let arguments: StatementArguments
    /// The condition of change feeds: `since` applies to catalogue changes only, not to published dates.
    private let changeCondition: String?
    private let changeArguments: StatementArguments
    let since: String?

    public init(store: CatalogStore, selection: ExportSelection = ExportSelection(), iris: IRIScheme? = nil) throws(ExportError) {
        self.store = store
        self.selection = selection
        if let iris { self.iris = iris } else { self.iris = try IRIScheme() }
        var parts: [String] = []
        var values = StatementArguments()
        if let query = selection.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            let filter: RecordFilter
            do { filter = try RecordFilter.compile(query) } catch { throw .badQuery(query: query, reason: error.description) }
            if let condition = filter.condition {
                parts.append(condition)
                values += filter.arguments
            }
        }
        if let source = selection.source {
            parts.append("r.source_id = ?")
            values += [source]
        }
        if let record = selection.datasetOf {
            parts.append("r.cluster_id = (SELECT cluster_id FROM records WHERE id = ?)")
            values += [record]
        }
        var changeParts = parts, changeValues = values
        var since: String?
        if let text = selection.since {
            let value = try ExportSelection.normalisedSince(text)
            since = value
            parts.append("(CASE WHEN r.modified GLOB '[0-9][0-9][0-9][0-9]*' THEN r.modified END >= ? OR r.harvested_at >= ?)")
            values += [value, value]
            changeParts.append("r.harvested_at >= ?")
            changeValues += [value]
        }
        self.since = since
        condition = parts.isEmpty ? nil : parts.joined(separator: " AND ")
        arguments = values
        changeCondition = changeParts.isEmpty ? nil : changeParts.joined(separator: " AND ")
        changeArguments = changeValues
    }

    /// How many datasets the selection holds.
    public func count() throws(ExportError) -> Int {
        try read("counting the datasets to export") { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT r.cluster_id) FROM records r WHERE \(condition ?? "1")", arguments: arguments) ?? 0
        }
    }

    /// When the newest selected record changed in the catalogue (ISO 8601), nil for an empty selection.
    public func lastChange() throws(ExportError) -> String? {
        try read("reading the last change") { db in
            try String.fetchOne(db, sql: "SELECT max(r.harvested_at) FROM records r WHERE \(condition ?? "1")", arguments: arguments)
        }
    }

    /// When the newest change a change feed shows happened (ISO 8601), nil when there is none.
    func lastChangeForFeed() throws(ExportError) -> String? {
        try read("reading the last change") { db in
            try String.fetchOne(db, sql: "SELECT max(r.harvested_at) FROM records r WHERE \(changeCondition ?? "1")", arguments: changeArguments)
        }
    }

    /// Calls `body` with each selected dataset in cluster-id order, starting `offset` datasets in and stopping after
    /// `limit` (all when nil).
    public func datasets(offset: Int = 0, limit: Int? = nil, _ body: (ExportDataset) throws(ExportError) -> Void) throws(ExportError) {
        var after: String?
        var done = 0
        while limit.map({ done < $0 }) ?? true {
            let size = min(batchSize, limit.map { $0 - done } ?? batchSize)
            let batch = try read("reading datasets to export") { db in
                try self.batch(after: after, skip: after == nil ? offset : 0, size: size, db: db)
            }
            for dataset in batch { try body(dataset) }
            done += batch.count
            progress?(done)
            guard batch.count == size, let last = batch.last else { break }
            after = last.clusterID
        }
    }

    private func batch(after: String?, skip: Int, size: Int, db: Database) throws -> [ExportDataset] {
        var where_ = condition.map { [$0] } ?? []
        var values = arguments
        if let after {
            where_.append("r.cluster_id > ?")
            values += [after]
        }
        let clusters = try String.fetchAll(db, sql: """
            SELECT DISTINCT r.cluster_id FROM records r WHERE \(where_.isEmpty ? "1" : where_.joined(separator: " AND "))
            ORDER BY r.cluster_id LIMIT ? OFFSET ?
            """, arguments: values + [size, skip])
        guard !clusters.isEmpty else { return [] }
        let marks = clusters.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, r.cluster_id, r.title, r.publisher, r.source_id, r.modified, r.record_json, r.harvested_at, r.content_hash,
                   r.first_run, r.last_changed_run, r.id = coalesce(c.canonical_id, r.cluster_id) AS canonical
            FROM records r LEFT JOIN clusters c ON c.id = r.cluster_id WHERE r.cluster_id IN (\(marks))
            ORDER BY r.cluster_id, canonical DESC, r.id
            """, arguments: StatementArguments(clusters))
        var result: [ExportDataset] = []
        var members: [SearchHit.Member] = []
        var records: [ExportedRecord] = []
        var current: String?
        func close() {
            guard let cluster = current, !records.isEmpty else { return }
            result.append(ExportDataset(clusterID: cluster, records: records, hit: SearchHit(cluster: cluster, members: members)))
            members = []
            records = []
        }
        while let row = try rows.next() {
            let cluster: String = row["cluster_id"]
            if cluster != current { close(); current = cluster }
            let id: String = row["id"]
            let record = try RecordCodec.decode(json: row["record_json"], id: id, harvestedAt: row["harvested_at"],
                                                contentHash: row["content_hash"], rawHash: nil)
            members.append(SearchHit.Member(id: id, title: row["title"], publisher: row["publisher"], source: row["source_id"],
                                            modified: row["modified"], isCanonical: row["canonical"]))
            records.append(ExportedRecord(record: record, changedAt: row["harvested_at"], firstRun: row["first_run"],
                                          lastChangedRun: row["last_changed_run"]))
        }
        close()
        return result
    }

    /// Calls `body` with each change since `selection.since` (everything when nil): records added or updated (by
    /// catalogue order), then records withdrawn (by time). The query and source conditions apply to present records;
    /// withdrawn ones are filtered by source only (their fields are gone).
    public func changes(_ body: (ExportChange) throws(ExportError) -> Void) throws(ExportError) {
        var after: Int64 = 0
        while true {
            let batch = try read("reading the catalogue changes") { db in
                var values = changeArguments
                values += [after, batchSize]
                return try Row.fetchAll(db, sql: """
                    SELECT r.seq, r.id, r.source_id, r.record_json, r.harvested_at, r.content_hash, r.first_run, r.last_changed_run
                    FROM records r WHERE \(changeCondition ?? "1") AND r.seq > ? ORDER BY r.seq LIMIT ?
                    """, arguments: values).map { row -> (Int64, ExportChange) in
                    let record = try RecordCodec.decode(json: row["record_json"], id: row["id"], harvestedAt: row["harvested_at"],
                                                        contentHash: row["content_hash"], rawHash: nil)
                    let first: Int64? = row["first_run"], last: Int64? = row["last_changed_run"]
                    return (row["seq"], ExportChange(kind: first == last ? .added : .updated, recordID: row["id"], sourceID: row["source_id"],
                                                     title: record.title.value, at: row["harvested_at"], runID: last, record: record,
                                                     originalURL: record.provenance.originalURL))
                }
            }
            for (_, change) in batch { try body(change) }
            guard batch.count == batchSize, let last = batch.last else { break }
            after = last.0
        }
        var afterKey: (String, String) = ("", "")
        while true {
            let batch = try read("reading the withdrawn records") { db in
                var sql = "SELECT * FROM withdrawn_records WHERE (withdrawn_at, record_id) > (?, ?)"
                var values: StatementArguments = [afterKey.0, afterKey.1]
                if let since { sql += " AND withdrawn_at >= ?"; values += [since] }
                if let source = selection.source { sql += " AND source_id = ?"; values += [source] }
                return try Row.fetchAll(db, sql: sql + " ORDER BY withdrawn_at, record_id LIMIT ?", arguments: values + [batchSize]).map {
                    ExportChange(kind: .withdrawn, recordID: $0["record_id"], sourceID: $0["source_id"],
                                 title: String(($0["title"] as String).prefix { $0 != "\n" }),
                                 at: $0["withdrawn_at"], runID: $0["run_id"], record: nil, originalURL: $0["original_url"])
                }
            }
            for change in batch { try body(change) }
            guard batch.count == batchSize, let last = batch.last else { break }
            afterKey = (last.at, last.recordID)
        }
    }

    private func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(ExportError) -> T {
        do { return try store.read(operation, body) } catch { throw .store(error.description) }
    }
}

extension ExportReader {
    /// When the newest selected withdrawal happened (ISO 8601), nil when none did.
    public func lastWithdrawal() throws(ExportError) -> String? {
        do {
            return try store.read("reading the last withdrawal") { db in
                var sql = "SELECT max(withdrawn_at) FROM withdrawn_records WHERE 1"
                var values = StatementArguments()
                if let since { sql += " AND withdrawn_at >= ?"; values += [since] }
                if let source = selection.source { sql += " AND source_id = ?"; values += [source] }
                return try String.fetchOne(db, sql: sql, arguments: values)
            }
        } catch { throw .store(error.description) }
    }
}
