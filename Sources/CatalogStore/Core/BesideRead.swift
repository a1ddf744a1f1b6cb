import Foundation
public import GRDB
import Synchronization

/// A read run on another thread, on another connection of the pool, beside the caller's own read: a search counts its
/// total while it ranks its page (at a million records both take milliseconds, and the machine has a core for each).
/// One such read runs at a time per catalogue: when one is already running, `CatalogStore.readBeside` declines and
/// the caller reads inline. So a read waiting for its side read never waits on another waiting read: however many
/// searches hold the pool's connections, the one side read needs one more, which the others free as they finish.
public final class BesideRead<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the side thread before `done` is signalled, read after `wait()` returns.
    private var result: Result<Value, StoreError>?
    private var waited: Result<Value, StoreError>?

    fileprivate init() {}

    fileprivate func finish(_ result: Result<Value, StoreError>) {
        self.result = result
        done.signal()
    }

    /// The read's value, once it is done (the first call waits; later calls return the same).
    public func wait() throws(StoreError) -> Value {
        if waited == nil {
            done.wait()
            waited = result
        }
        return try waited!.get()
    }
}

extension CatalogStore {
    /// Starts `body` on another connection and thread (see `BesideRead`), or returns nil when another side read is
    /// running (read inline then). `operation` names it in an error, as `read` does.
    public func readBeside<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) -> BesideRead<T>? {
        guard besideBusy.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return nil }
        let side = BesideRead<T>()
        DispatchQueue.global(qos: .userInitiated).async {
            let result = Result { () throws(StoreError) -> T in try self.read(operation, body) }
            self.besideBusy.withLock { $0 = false }
            side.finish(result)
        }
        return side
    }
}
