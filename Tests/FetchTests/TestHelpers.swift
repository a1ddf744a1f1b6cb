import Fetch
import Foundation
import LoopbackHTTP
import Synchronization

/// Starts a loopback server with `handler`.
func startServer(_ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws -> LoopbackServer {
    let server = try LoopbackServer(handler: handler)
    try server.start()
    return server
}

/// Test fetch options: short request timeout, plus `change`.
func testOptions(_ change: (inout FetchOptions) -> Void = { _ in }) -> FetchOptions {
    var options = FetchOptions(userAgent: "fedcat/test")
    options.requestTimeout = 10
    change(&options)
    return options
}

/// A clock that never waits: `sleep` records the delay and moves `now` on; the jitter fraction is fixed.
final class FakeClock: FetchClock {
    /// 2027-01-15 08:00:00 UTC ("Fri, 15 Jan 2027 08:00:00 GMT").
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    private let state: Mutex<(now: Date, sleeps: [Double])>
    let fraction: Double

    init(now: Date = FakeClock.start, fraction: Double = 1) {
        state = Mutex((now: now, sleeps: []))
        self.fraction = fraction
    }

    func now() -> Date { state.withLock { $0.now } }

    func sleep(seconds: Double) {
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now = $0.now.addingTimeInterval(seconds)
        }
    }

    func randomFraction() -> Double { fraction }

    /// Every delay asked for, in order.
    var sleeps: [Double] { state.withLock { $0.sleeps } }
}

/// Thread-safe list of things seen (attempts, arrival times, headers).
final class Recorder<Item: Sendable>: Sendable {
    private let storage = Mutex<[Item]>([])

    func append(_ item: Item) { storage.withLock { $0.append(item) } }

    var items: [Item] { storage.withLock { $0 } }

    /// An observer closure for `Fetcher(onAttempt:)` when `Item` is `FetchAttempt`.
    var observer: @Sendable (Item) -> Void { { [self] in append($0) } }
}

/// A counter for handlers: which request this is (1-based), and how many are in flight at most.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    private let current = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    /// 1 for the first call, 2 for the second, …
    func next() -> Int { count.add(1, ordering: .sequentiallyConsistent).newValue }

    /// Runs `body` counted as in flight, keeping the highest number seen at once.
    func inFlight<T>(_ body: () -> T) -> T {
        let now = current.add(1, ordering: .sequentiallyConsistent).newValue
        _ = peak.max(now, ordering: .sequentiallyConsistent)
        defer { current.subtract(1, ordering: .sequentiallyConsistent) }
        return body()
    }

    /// The highest number in flight at once.
    var maxInFlight: Int { peak.load(ordering: .sequentiallyConsistent) }
}

/// Runs `body(i)` on `count` separate threads (not GCD workers, which are few on small machines) and waits.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            body(i)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

extension FetchAttempt.Outcome {
    /// The reason of a `.retrying` outcome.
    var retryReason: String? {
        if case .retrying(_, let reason) = self { return reason }
        return nil
    }

    var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }
}
