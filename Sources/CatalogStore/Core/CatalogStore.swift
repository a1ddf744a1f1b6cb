public import GRDB
import CSQLiteConfig
import Foundation
import Synchronization

/// The one place that writes: an SQLite database (WAL) holding sources, harvest runs, issues, raw and
/// normalised records, and the FTS5 index over them.
public final class CatalogStore: Sendable {
    /// The database; readers may run while a harvest writes.
    public let pool: DatabasePool
    public let path: String
    /// Whether a side read is running (see `readBeside`).
    let besideBusy = Mutex(false)

    /// Opens (creating if needed) the database at `path` and brings its schema up to date; `readOnly` opens an existing,
    /// up-to-date database for reading only (`fedcat serve`), alongside harvests that write to it. `profile`, when
    /// given, hears every statement each connection runs with how long it took (`fedcat-bench search --profile-sql`).
    public init(path: String, readOnly: Bool = false, profile: (@Sendable (_ sql: String, _ seconds: Double) -> Void)? = nil) throws(StoreError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            throw .cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw .cannotOpen(path: path, reason: "the file does not exist (harvest a source into it first)")
        }
        Self.processSettings
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A new database gets 16 KB pages (before WAL is set, after which the size is fixed): a record's JSON
            // fits in one page instead of an overflow chain of 4 KB pages. Existing databases keep theirs.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MB of page cache per connection: a merge touches far more than the default 2 MB and re-read
            // spilled pages.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // The write-ahead log is copied into the database when it passes 65,536 pages (1 GB), not SQLite's 1,000:
            // a harvest's transaction dirties most pages of the indexes whose keys come in no particular order (match
            // keys and terms by value, the unique ids) again, and every checkpoint copies each of them once more. At 100,000 CKAN packages this
            // took the harvest's writes from 8.6 to 6.6 GB and its writer thread from 37 to 29 s of CPU
            // (`fedcat harvest --json`, `/usr/bin/time -f %O`). After a checkpoint the log is cut back to 64 MB, so a
            // long-running scheduler does not keep a 1 GB file.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 65536")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // This system's SQLite is built with SQLITE_SECURE_DELETE, which overwrites with zeros every page and cell
            // content freed: the full-text index frees whole segments at each merge, and a merge frees the staging rows.
            // The catalogue holds public metadata, not secrets to erase. Off, a first harvest of 100,000 CKAN packages
            // writes 4.16 GB instead of 4.27 GB (`/usr/bin/time -f %O`, see README "Benchmarks").
            try db.execute(sql: "PRAGMA secure_delete = OFF")
            // Search ranks with it (see `SampledBM25`).
            try SampledBM25.register(db)
            // SQL reads the stored record JSON through it.
            StoredRecordJSON.register(db)
            // The merge hashes staged match keys with it.
            KeyPostings.register(db)
            if let profile {
                db.trace(options: .profile) { event in
                    if case .profile(let statement, let duration) = event { profile(statement.sql, duration) }
                }
            }
        }
        // Frames compressed with a dictionary another process trains later are read with it from here.
        CompressionDictionaries.addCatalogue(path: path)
        do {
            pool = try Self.open(path, configuration)
            if readOnly {
                guard try pool.read({ try Migrations.migrator.hasCompletedMigrations($0) }) else {
                    throw StoreError.cannotOpen(path: path, reason: "its schema is older than this fedcat's; open it once with another fedcat command to upgrade it")
                }
            } else {
                try Self.migrate(pool)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw .cannotOpen(path: path, reason: error.message ?? error.description)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Settings of the SQLite library itself, made once, before the process opens its first connection (see
    /// `fc_sqlite_disable_memory_statistics`). A process that opened a connection some other way first keeps SQLite's
    /// defaults, which changes nothing but speed.
    private static let processSettings: Void = {
        _ = fc_sqlite_disable_memory_statistics()
    }()

    /// Opens the pool. Two processes opening a new database at once (two schedulers started together) can find it
    /// locked while the other sets it up: SQLite answers "database is locked" at once, without waiting, when switching
    /// to WAL meets the other's lock (seen under load in `twoSchedulersAtOnceHarvestASourceOnce`). So the opening is
    /// tried again, for up to 10 s.
    private static func open(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        for attempt in 1...100 {
            do { return try DatabasePool(path: path, configuration: configuration) } catch let error as DatabaseError
                where attempt < 100 && (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) {
                usleep(100_000)
            }
        }
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// Brings the schema up to date. Two processes opening a new database at once (two schedulers started
    /// together) can both decide a migration is missing; the one that loses fails on the other's work, so it
    /// reads the applied migrations again and goes on.
    private static func migrate(_ pool: DatabasePool) throws {
        // Another process may be creating the same new database: its migrations and ours interleave, and ours fail on
        // a table or column it has just made. Each attempt reads again what is applied; 50 attempts cover 5 s.
        for attempt in 1...50 {
            do { return try Migrations.migrator.migrate(pool) } catch is DatabaseError where attempt < 50 {
                usleep(100_000)
            }
        }
    }

    /// Runs `body` in a write transaction, turning database errors into a sentence naming `operation`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, operation: operation, path: path) }
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, operation: operation, path: path) }
    }
}

/// Why the store could not do what was asked, as a sentence naming the database file.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case failed(operation: String, path: String, reason: String)
    case corruptRecord(id: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "The catalogue database \(path) could not be opened: \(reason)."
        case .failed(let operation, let path, let reason):
            return "The catalogue database \(path) failed while \(operation): \(reason)."
        case .corruptRecord(let id, let reason):
            return "The stored record '\(id)' could not be read back: \(reason)."
        }
    }

    static func wrap(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .failed(operation: operation, path: path, reason: "\(error.message ?? "\(error.resultCode)") (SQLite \(error.resultCode))")
        }
        return .failed(operation: operation, path: path, reason: "\(error)")
    }
}
