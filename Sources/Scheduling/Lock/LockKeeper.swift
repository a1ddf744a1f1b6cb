import CatalogStore
import Foundation

/// Holds this process's scheduler locks: takes them, refreshes their heartbeat on a thread of its own while
/// harvests run, and gives them back.
final class LockKeeper: @unchecked Sendable {
    let store: CatalogStore
    let owner: LockOwner
    let clock: any ScheduleClock
    private let condition = NSCondition()
    private var held = Set<String>()
    private var stopped = false
    private var thread: Thread?

    init(store: CatalogStore, owner: LockOwner, clock: any ScheduleClock) {
        self.store = store
        self.owner = owner
        self.clock = clock
    }

    /// Takes the lock of `sourceID`, or says who holds it.
    func acquire(_ sourceID: String) throws(StoreError) -> LockAttempt {
        let now = clock.now()
        let attempt = try store.acquireLock(sourceID: sourceID, holder: owner.holder(at: now)) { owner.isStale($0, now: now) }
        if case .held = attempt { return attempt }
        condition.withLock {
            held.insert(sourceID)
            if thread == nil {
                let beating = Thread { [weak self] in self?.beat() }
                beating.name = "fedcat scheduler heartbeat"
                thread = beating
                beating.start()
            }
        }
        return attempt
    }

    func release(_ sourceID: String) {
        condition.withLock { _ = held.remove(sourceID) }
        try? store.releaseLock(sourceID: sourceID, token: owner.token)
    }

    /// Stops the heartbeat thread (locks still held stay until released or stale).
    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    private func beat() {
        while true {
            condition.lock()
            _ = condition.wait(until: Date().addingTimeInterval(owner.heartbeatEvery))
            let done = stopped
            let any = !held.isEmpty
            condition.unlock()
            if done { return }
            if any { _ = try? store.heartbeat(token: owner.token, at: clock.now()) }
        }
    }
}
