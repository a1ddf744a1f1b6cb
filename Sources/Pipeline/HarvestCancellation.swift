import Foundation

/// A cooperative stop request shared with running harvests: each run checks it after storing a page and,
/// when set, stops there. The stopped run keeps its checkpoint, so the next harvest resumes from that page.
public final class HarvestCancellation: Sendable {
    private let flag = Flag()

    public init() {}

    public func cancel() { flag.set() }

    public var isCancelled: Bool { flag.value }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func set() { lock.withLock { raised = true } }
        var value: Bool { lock.withLock { raised } }
    }
}
