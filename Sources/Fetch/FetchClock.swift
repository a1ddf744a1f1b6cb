public import Foundation

/// Time, waiting and chance as the retry loop sees them; tests inject a fake so nothing really waits.
public protocol FetchClock: Sendable {
    /// The current time (compared with the run deadline and HTTP-date Retry-After values).
    func now() -> Date
    /// Blocks the calling thread for `seconds` (the pause between two attempts).
    func sleep(seconds: Double)
    /// A uniformly distributed random number in 0...1 (for the backoff jitter).
    func randomFraction() -> Double
}

/// The real clock: wall time, `Thread.sleep` and the system random generator.
public struct SystemFetchClock: FetchClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) {
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }

    public func randomFraction() -> Double { Double.random(in: 0...1) }
}
