public import Foundation
import GRDB

/// What the scheduler remembers about one source.
public struct ScheduleState: Sendable, Hashable {
    public var sourceID: String
    /// The instant of the last run the scheduler started; every cron slot up to it has been served.
    public var lastSlot: Date?
    public var lastFinished: Date?
    /// Consecutive failed scheduled runs (0 after a success).
    public var failures: Int
    /// No scheduled run before this instant.
    public var backoffUntil: Date?
    public var lastError: String?
    /// A scheduled run was stopped by a shutdown; the next scheduler resumes it at once.
    public var resumePending: Bool

    public init(sourceID: String, lastSlot: Date? = nil, lastFinished: Date? = nil, failures: Int = 0,
                backoffUntil: Date? = nil, lastError: String? = nil, resumePending: Bool = false) {
        self.sourceID = sourceID
        self.lastSlot = lastSlot
        self.lastFinished = lastFinished
        self.failures = failures
        self.backoffUntil = backoffUntil
        self.lastError = lastError
        self.resumePending = resumePending
    }
}

/// Who holds a source's scheduler lock.
public struct LockHolder: Sendable, Hashable {
    public var token: String
    public var pid: Int32
    public var host: String
    public var acquiredAt: Date
    public var heartbeatAt: Date

    public init(token: String, pid: Int32, host: String, acquiredAt: Date, heartbeatAt: Date) {
        self.token = token
        self.pid = pid
        self.host = host
        self.acquiredAt = acquiredAt
        self.heartbeatAt = heartbeatAt
    }
}

/// The answer to a lock request.
public enum LockAttempt: Sendable, Hashable {
    case acquired
    /// The previous holder was stale (dead process or no heartbeat); its lock was taken over.
    case tookOver(from: LockHolder)
    case held(by: LockHolder)
}

extension CatalogStore {
    /// The scheduler state of every source that has some.
    public func scheduleStates() throws(StoreError) -> [String: ScheduleState] {
        try read("reading the schedule state") { db in
            var states: [String: ScheduleState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM schedule_state") {
                let state = ScheduleState(
                    sourceID: row["source_id"], lastSlot: (row["last_slot"] as String?).flatMap(Timestamp.date),
                    lastFinished: (row["last_finished"] as String?).flatMap(Timestamp.date), failures: row["failures"],
                    backoffUntil: (row["backoff_until"] as String?).flatMap(Timestamp.date), lastError: row["last_error"],
                    resumePending: row["resume_pending"])
                states[state.sourceID] = state
            }
            return states
        }
    }

    /// Stores the scheduler state of one source.
    public func saveScheduleState(_ state: ScheduleState) throws(StoreError) {
        try write("saving the schedule state of '\(state.sourceID)'") { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO schedule_state (source_id, last_slot, last_finished, failures, backoff_until, last_error, resume_pending)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [state.sourceID, state.lastSlot.map(Timestamp.text), state.lastFinished.map(Timestamp.text),
                                 state.failures, state.backoffUntil.map(Timestamp.text), state.lastError, state.resumePending])
        }
    }

    /// When each source's latest ended harvest run started (any status), by source id. A run still going (or
    /// killed) does not count: it has served no slot yet.
    public func lastRunStarts() throws(StoreError) -> [String: Date] {
        try read("reading the last runs") { db in
            var starts: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT source_id, max(started_at) AS started FROM harvest_runs WHERE ended_at IS NOT NULL GROUP BY source_id
                """) {
                if let date = (row["started"] as String?).flatMap(Timestamp.date) { starts[row["source_id"]] = date }
            }
            return starts
        }
    }

    /// The latest run of every source (without counting records, so a scheduler can ask every minute).
    public func lastRuns() throws(StoreError) -> [String: RunSummary] {
        try read("reading the last runs") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM harvest_runs WHERE id IN (SELECT max(id) FROM harvest_runs GROUP BY source_id)")
            return Dictionary(rows.map(RunSummary.init(row:)).map { ($0.sourceID, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Takes the lock of `sourceID` for `holder` unless a live holder has it; a holder `isStale` judges dead is
    /// replaced. The check and the write are one transaction, so two processes cannot both win.
    public func acquireLock(sourceID: String, holder: LockHolder,
                            isStale: (LockHolder) -> Bool) throws(StoreError) -> LockAttempt {
        var attempt = LockAttempt.acquired
        do {
            // IMMEDIATE: the read and the write happen under SQLite's write lock, whichever process comes second waits.
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    if let row = try Row.fetchOne(db, sql: "SELECT * FROM schedule_locks WHERE source_id = ?", arguments: [sourceID]) {
                        let current = Self.holder(row)
                        guard isStale(current) else {
                            attempt = .held(by: current)
                            return .commit
                        }
                        attempt = .tookOver(from: current)
                    }
                    try db.execute(sql: """
                        INSERT OR REPLACE INTO schedule_locks (source_id, token, owner_pid, owner_host, acquired_at, heartbeat_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [sourceID, holder.token, holder.pid, holder.host,
                                         Timestamp.text(holder.acquiredAt), Timestamp.text(holder.heartbeatAt)])
                    return .commit
                }
            }
        } catch {
            throw StoreError.wrap(error, operation: "taking the scheduler lock of '\(sourceID)'", path: path)
        }
        return attempt
    }

    /// Marks the locks held under `token` as alive at `date`; returns the ids still held (a lock taken over by
    /// another process is no longer ours).
    @discardableResult
    public func heartbeat(token: String, at date: Date) throws(StoreError) -> [String] {
        try write("refreshing scheduler locks") { db in
            try db.execute(sql: "UPDATE schedule_locks SET heartbeat_at = ? WHERE token = ?", arguments: [Timestamp.text(date), token])
            return try String.fetchAll(db, sql: "SELECT source_id FROM schedule_locks WHERE token = ? ORDER BY source_id", arguments: [token])
        }
    }

    /// Gives the lock back (only if `token` still holds it).
    public func releaseLock(sourceID: String, token: String) throws(StoreError) {
        try write("releasing the scheduler lock of '\(sourceID)'") { db in
            try db.execute(sql: "DELETE FROM schedule_locks WHERE source_id = ? AND token = ?", arguments: [sourceID, token])
        }
    }

    /// Every lock row, by source id.
    public func locks() throws(StoreError) -> [String: LockHolder] {
        try read("reading scheduler locks") { db in
            var locks: [String: LockHolder] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM schedule_locks") { locks[row["source_id"]] = Self.holder(row) }
            return locks
        }
    }

    private static func holder(_ row: Row) -> LockHolder {
        LockHolder(token: row["token"], pid: row["owner_pid"], host: row["owner_host"],
                   acquiredAt: Timestamp.date(row["acquired_at"]) ?? .distantPast,
                   heartbeatAt: Timestamp.date(row["heartbeat_at"]) ?? .distantPast)
    }
}
