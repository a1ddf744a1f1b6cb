public import Foundation

/// How long a source that keeps failing waits before its next scheduled run: `base` after the first failure,
/// doubling with each further consecutive failure, never more than `cap`. A success resets it. Back-off only
/// delays runs (a slot missed meanwhile runs once when it ends); it never adds any.
public struct Backoff: Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval

    /// 5 minutes, 10, 20, 40 … capped at 24 hours.
    public static let standard = Backoff(base: 300, cap: 86_400)

    public init(base: TimeInterval, cap: TimeInterval) {
        self.base = base
        self.cap = cap
    }

    /// The wait after `failures` consecutive failures (0 when there are none).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        let doublings = min(failures - 1, 40)
        return min(base * pow(2, Double(doublings)), cap)
    }

    /// "5 min", "2 h 40 min", "1 day" for messages.
    public static func words(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 1 { return "\(Int(seconds.rounded())) s" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60, rest = minutes % 60
        if hours < 24 { return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min" }
        let days = hours / 24, restHours = hours % 24
        return restHours == 0 ? "\(days) day\(days == 1 ? "" : "s")" : "\(days) d \(restHours) h"
    }
}
