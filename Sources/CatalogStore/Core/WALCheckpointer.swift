import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log into the database file on a thread and a connection of its own while a harvest writes,
/// so that the writing thread does not stop to do it.
///
/// In WAL mode every transaction appends the pages it changed to the log, and the log is copied into the database
/// (a checkpoint) by the connection whose commit takes it past `wal_autocheckpoint` pages: the harvest's writer,
/// which is the slower of its two threads. Harvesting a tenth source of 100,000 CKAN packages into a catalogue of
/// 900,000, that copying took 4.4 s of the writer's 44 s (`perf` over `fedcat harvest`), while the harvesting thread
/// sat idle most of the time. Passive checkpoints run here every `interval` copy what has been committed without
/// waiting for, or blocking, the writer or readers; the writer's own checkpoint at 1 GB then finds the log already
/// copied and the log starts again from its beginning. Nothing depends on them: if one fails or the connection cannot
/// be opened, the writer's checkpoints do the work as before.
public final class WALCheckpointer: Sendable {
    private let shared = Shared()
    /// Signalled when the thread ends; nil when none was started.
    private let finished: DispatchSemaphore?

    private struct State {
        var stopped = false
        var passes = 0
    }

    /// What the thread and the caller share: whether to stop and the passes made, and the condition that wakes the
    /// thread early to stop.
    private final class Shared: @unchecked Sendable {
        let state = Mutex(State())
        let wake = NSCondition()
    }

    /// Starts checkpointing `store`'s database every `interval` seconds until `stop`.
    public init(store: CatalogStore, interval: Double = 0.25) {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        configuration.prepareDatabase { db in
            // As the store's connections: the log is synced before copying, the database after, nothing per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let finished = DispatchSemaphore(value: 0)
        guard let queue = try? DatabaseQueue(path: store.path, configuration: configuration) else {
            self.finished = nil
            return
        }
        self.finished = finished
        let shared = self.shared
        let thread = Thread {
            let wake = shared.wake
            while true {
                wake.lock()
                if !shared.state.withLock({ $0.stopped }) { _ = wake.wait(until: Date().addingTimeInterval(interval)) }
                wake.unlock()
                if shared.state.withLock({ $0.stopped }) { break }
                // Busy (another checkpoint under way) or failed: the next pass, or the writer's own checkpoint, copies it.
                if (try? queue.writeWithoutTransaction({ try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(PASSIVE)") })) != nil {
                    shared.state.withLock { $0.passes += 1 }
                }
            }
            try? queue.close()
            finished.signal()
        }
        thread.name = "fedcat WAL checkpoints"
        thread.start()
    }

    /// The checkpoints that ran so far.
    public var passes: Int { shared.state.withLock { $0.passes } }

    /// Stops the thread after the pass under way, if any, and waits for it to end. Calling it again does nothing.
    public func stop() {
        shared.wake.lock()
        let first = shared.state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        shared.wake.broadcast()
        shared.wake.unlock()
        if first { finished?.wait() }
    }

    deinit { stop() }
}
