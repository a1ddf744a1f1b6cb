/// How often and how patiently `Fetcher.fetch` retries: exponential backoff with full jitter, capped.
public struct RetryPolicy: Sendable, Hashable {
    /// How the backoff delay is randomised.
    public enum Jitter: String, Sendable, Hashable {
        /// A uniformly random delay between 0 and the exponential ceiling (spreads retries out best).
        case full
        /// Exactly the exponential ceiling (predictable; for tests and single clients).
        case none
    }

    /// Attempts in all, the first one included (1 means never retry).
    public var maxAttempts: Int
    /// The ceiling of the first backoff delay, in seconds; it doubles with every retry.
    public var baseDelay: Double
    /// The largest backoff delay, in seconds.
    public var maxDelay: Double
    /// How the delay is randomised below its ceiling.
    public var jitter: Jitter
    /// The longest Retry-After (seconds) that is honoured; a server asking for more ends the retries.
    public var maxRetryAfter: Double

    public init(maxAttempts: Int = 4, baseDelay: Double = 1, maxDelay: Double = 60,
                jitter: Jitter = .full, maxRetryAfter: Double = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
    }

    /// A policy that makes exactly one attempt.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The exponential ceiling after failed attempt `attempt` (1-based): `min(maxDelay, baseDelay * 2^(attempt-1))`.
    public func ceiling(afterAttempt attempt: Int) -> Double {
        let doublings = max(0, min(attempt - 1, 62))
        return max(0, min(maxDelay, baseDelay * Double(1 << doublings)))
    }

    /// The delay before the next attempt after failed attempt `attempt`; `fraction` is a random number in 0...1.
    public func delay(afterAttempt attempt: Int, fraction: Double) -> Double {
        let ceiling = ceiling(afterAttempt: attempt)
        switch jitter {
        case .none: return ceiling
        case .full: return ceiling * min(1, max(0, fraction))
        }
    }
}
