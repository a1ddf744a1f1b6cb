import Foundation

/// A bounded first-in first-out queue between two threads: `push` waits when full, `pop` when empty.
public final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Popped items are set to nil at once, so the queue never keeps what its consumer has taken alive.
    private var items: [Element?] = []
    private var head = 0
    private let capacity: Int
    private var cancelled = false

    public init(capacity: Int) { self.capacity = capacity }

    /// Adds `item`; returns false (dropping it) once the queue is cancelled.
    public func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Adds the last item even when cancelled or full, so the consumer always learns that the producer ended.
    public func finish(_ item: Element) {
        condition.lock()
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, waiting for one.
    public func pop() -> Element {
        pop(waitingAtMost: nil)!
    }

    /// The next item, waiting for one at most `seconds` (forever when nil); nil when none came in time.
    public func pop(waitingAtMost seconds: Double?) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = seconds.map { Date(timeIntervalSinceNow: $0) }
        while items.count - head == 0 {
            if let deadline {
                if !condition.wait(until: deadline) && items.count - head == 0 { return nil }
            } else {
                condition.wait()
            }
        }
        let item = items[head].take()!
        head += 1
        if head > 4096 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Makes every waiting and future `push` return false, so the producer stops.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
