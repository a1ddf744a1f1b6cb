public import CatalogStore
public import Foundation

/// This process as a lock holder, and the rule that tells a dead holder from a live one.
///
/// A lock is stale, and may be taken over, when its holder's heartbeat is older than `staleAfter`, or when the
/// holder ran on this host and its process no longer exists (killed with SIGKILL, machine crash before reboot).
public struct LockOwner: Sendable {
    public let token: String
    public let pid: Int32
    public let host: String
    /// How often a holder refreshes its heartbeat.
    public var heartbeatEvery: TimeInterval = 15
    /// A heartbeat older than this means the holder is gone.
    public var staleAfter: TimeInterval = 90

    public init(token: String = UUID().uuidString, pid: Int32 = ProcessInfo.processInfo.processIdentifier,
                host: String = ProcessInfo.processInfo.hostName) {
        self.token = token
        self.pid = pid
        self.host = host
    }

    public func holder(at date: Date) -> LockHolder {
        LockHolder(token: token, pid: pid, host: host, acquiredAt: date, heartbeatAt: date)
    }

    /// True when `holder` can be taken over at `now`.
    public func isStale(_ holder: LockHolder, now: Date, processExists: (Int32) -> Bool = LockOwner.processExists) -> Bool {
        if holder.token == token { return false }
        if now.timeIntervalSince(holder.heartbeatAt) > staleAfter { return true }
        return holder.host == host && !processExists(holder.pid)
    }

    /// True when a process with this id runs on this machine (signal 0 checks without sending anything).
    public static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
