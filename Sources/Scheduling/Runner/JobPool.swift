import Foundation

/// Harvests running side by side on threads of their own, at most `width` at once, one per source id.
final class JobPool: @unchecked Sendable {
    let width: Int
    private let condition = NSCondition()
    private var running = Set<String>()
    private var woken = false

    init(width: Int) { self.width = max(1, width) }

    var hasRoom: Bool { condition.withLock { running.count < width } }

    func isRunning(_ id: String) -> Bool { condition.withLock { running.contains(id) } }

    /// Starts `body` for `id` on a new thread (the caller checked there is room).
    func start(_ id: String, _ body: @escaping @Sendable () -> Void) {
        condition.withLock { _ = running.insert(id) }
        let thread = Thread { [self] in
            body()
            condition.withLock {
                running.remove(id)
                woken = true   // a sleeper that has not started waiting yet must not miss this
                condition.broadcast()
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func waitForRoom() {
        condition.withLock { while running.count >= width { condition.wait() } }
    }

    func waitForAll() {
        condition.withLock { while !running.isEmpty { condition.wait() } }
    }

    /// Sleeps until `deadline`, a job ends, or `wake()` (returns at once when either happened since the last sleep).
    func sleep(until deadline: Date) {
        condition.withLock {
            if !woken { _ = condition.wait(until: deadline) }
            woken = false
        }
    }

    func wake() {
        condition.withLock {
            woken = true
            condition.broadcast()
        }
    }
}
