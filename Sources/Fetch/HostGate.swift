import CCurl
import Dispatch
public import Foundation
import Synchronization

/// Politeness shared by all fetchers of a process: per-host and global concurrency limits and a minimum
/// spacing between the starts of two requests to the same host (hosts are keyed "host:port").
public final class HostGate: Sendable {
    /// The limits for one host.
    public struct HostLimits: Sendable, Hashable {
        /// Requests to this host in flight at once.
        public var maxConcurrent: Int
        /// Seconds between the starts of two requests to this host.
        public var minDelay: Double

        public init(maxConcurrent: Int = 2, minDelay: Double = 0) {
            self.maxConcurrent = maxConcurrent
            self.minDelay = minDelay
        }
    }

    private struct HostState {
        var active = 0
        var nextStart: ContinuousClock.Instant? = nil
    }

    private struct State {
        var active = 0
        var hosts: [String: HostState] = [:]
        var limits: [String: HostLimits] = [:]
        /// Threads waiting for a slot; all are woken on every release and check again.
        var waiters: [ObjectIdentifier: DispatchSemaphore] = [:]
    }

    private enum Decision {
        case granted(start: ContinuousClock.Instant)
        case wait
        case expired
    }

    /// Requests in flight at once, over all hosts.
    public let maxConcurrent: Int
    /// The limits of hosts without their own (`setLimits`).
    public let defaultLimits: HostLimits
    private let state = Mutex(State())

    /// A gate allowing `maxConcurrent` requests in all (default 8) and `perHost` to each host
    /// (default: 2 at once, no spacing).
    public init(maxConcurrent: Int = 8, perHost: HostLimits = HostLimits()) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.defaultLimits = HostLimits(maxConcurrent: max(1, perHost.maxConcurrent), minDelay: max(0, perHost.minDelay))
    }

    /// Sets the limits of one host ("host:port", see `key(for:)`), e.g. from a source's options.
    public func setLimits(_ limits: HostLimits, forHost key: String) {
        let clean = HostLimits(maxConcurrent: max(1, limits.maxConcurrent), minDelay: max(0, limits.minDelay))
        let woken = state.withLock { s -> [DispatchSemaphore] in
            s.limits[key] = clean
            return Self.takeWaiters(&s)
        }
        for waiter in woken { waiter.signal() }
    }

    /// Sets the limits of the host a URL points to; false if the URL has no host.
    @discardableResult
    public func setLimits(_ limits: HostLimits, forURL url: String) -> Bool {
        guard let key = Self.key(for: url) else { return false }
        setLimits(limits, forHost: key)
        return true
    }

    /// The limits that apply to a host.
    public func limits(forHost key: String) -> HostLimits {
        state.withLock { $0.limits[key] } ?? defaultLimits
    }

    /// Requests holding a slot now (over all hosts).
    public var inFlight: Int { state.withLock { $0.active } }

    /// Blocks until a request to `key` may start, then takes a slot (release it with `release(_:)`).
    /// Returns false, without a slot, if that moment would come after `deadline`.
    public func acquire(_ key: String, until deadline: Date? = nil) -> Bool {
        let clock = ContinuousClock()
        let end = deadline.map { clock.now.advanced(by: .seconds(max(-1e9, min(1e9, $0.timeIntervalSinceNow)))) }
        let semaphore = DispatchSemaphore(value: 0)
        let me = ObjectIdentifier(semaphore)
        while true {
            let decision = state.withLock { s -> Decision in
                let now = clock.now
                if let end, now >= end {
                    s.waiters[me] = nil
                    return .expired
                }
                let limits = s.limits[key] ?? defaultLimits
                var host = s.hosts[key] ?? HostState()
                guard s.active < maxConcurrent, host.active < limits.maxConcurrent else {
                    s.waiters[me] = semaphore
                    return .wait
                }
                let start = max(now, host.nextStart ?? now)
                if let end, start > end {
                    s.waiters[me] = nil
                    return .expired
                }
                host.active += 1
                host.nextStart = start.advanced(by: .seconds(limits.minDelay))
                s.hosts[key] = host
                s.active += 1
                s.waiters[me] = nil
                return .granted(start: start)
            }
            switch decision {
            case .granted(let start):
                // The slot is held while waiting for the host's spacing, so later callers queue behind.
                let pause = clock.now.duration(to: start)
                if pause > .zero { Thread.sleep(forTimeInterval: Self.seconds(pause)) }
                return true
            case .expired:
                return false
            case .wait:
                if let end {
                    let left = Self.seconds(clock.now.duration(to: end))
                    _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(max(0, min(left, 1e6)) * 1e9)))
                } else {
                    semaphore.wait()
                }
            }
        }
    }

    /// Gives back a slot taken with `acquire(_:until:)`.
    public func release(_ key: String) {
        let woken = state.withLock { s -> [DispatchSemaphore] in
            if var host = s.hosts[key], host.active > 0 {
                host.active -= 1
                s.hosts[key] = host
                s.active -= 1
            }
            return Self.takeWaiters(&s)
        }
        for waiter in woken { waiter.signal() }
    }

    /// "host:port" for a URL (lowercased host, default port filled in), or nil when it has no host (file://).
    public static func key(for url: String) -> String? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        var hostPointer: UnsafeMutablePointer<CChar>? = nil
        guard curl_url_get(handle, CURLUPART_HOST, &hostPointer, 0) == CURLUE_OK, let hostPointer else { return nil }
        let host = String(cString: hostPointer).lowercased()
        curl_free(hostPointer)
        guard !host.isEmpty else { return nil }
        var portPointer: UnsafeMutablePointer<CChar>? = nil
        var port = ""
        if curl_url_get(handle, CURLUPART_PORT, &portPointer, UInt32(CURLU_DEFAULT_PORT)) == CURLUE_OK, let portPointer {
            port = String(cString: portPointer)
            curl_free(portPointer)
        }
        return port.isEmpty ? host : "\(host):\(port)"
    }

    private static func takeWaiters(_ s: inout State) -> [DispatchSemaphore] {
        let woken = Array(s.waiters.values)
        s.waiters.removeAll()
        return woken
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
