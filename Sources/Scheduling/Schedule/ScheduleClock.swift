public import Foundation

/// Where the scheduler reads the time; tests inject their own.
public protocol ScheduleClock: Sendable {
    func now() -> Date
}

/// The system's clock.
public struct SystemClock: ScheduleClock {
    public init() {}
    public func now() -> Date { Date() }
}
