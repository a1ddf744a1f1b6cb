#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors from setting up the listening socket.
public struct LoopbackServerError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var description: String {
        "LoopbackServer: \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// Small wrappers around poll/recv/send on non-blocking sockets.
/// Every wait also watches `wakeFD` (the read end of the stop pipe, which
/// becomes readable for good once the server stops).
enum Posix {
    enum WaitResult { case ready, timeout, stopped, failed }

    /// Waits until `fd` has `events`, the stop pipe is readable, or `timeoutMs` passes (-1 = forever).
    static func wait(fd: Int32, events: Int16, wakeFD: Int32, timeoutMs: Int32) -> WaitResult {
        var fds = [
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: fd, events: events, revents: 0),
        ]
        let count = fd >= 0 ? 2 : 1
        while true {
            let rc = poll(&fds, nfds_t(count), timeoutMs)
            if rc < 0 {
                if errno == EINTR { continue }
                return .failed
            }
            if rc == 0 { return .timeout }
            if fds[0].revents != 0 { return .stopped }
            // POLLERR/POLLHUP also count as "ready": the next recv/send reports it.
            return .ready
        }
    }

    /// Sleeps for `duration` unless the server stops first. Returns false if stopped.
    static func sleep(_ duration: Duration, wakeFD: Int32) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while true {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return true }
            let ms = milliseconds(remaining, roundUp: true)
            switch wait(fd: -1, events: 0, wakeFD: wakeFD, timeoutMs: ms) {
            case .stopped: return false
            case .failed: return true
            default: continue
            }
        }
    }

    static func milliseconds(_ d: Duration, roundUp: Bool) -> Int32 {
        let (seconds, attos) = d.components
        var ms = seconds * 1000 + attos / 1_000_000_000_000_000
        if roundUp && attos % 1_000_000_000_000_000 != 0 { ms += 1 }
        return Int32(clamping: max(0, ms))
    }

    /// Sends all bytes; false when the peer went away, the server stopped or `timeoutMs` passed without progress.
    static func sendAll(fd: Int32, _ bytes: ArraySlice<UInt8>, wakeFD: Int32, timeoutMs: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let sent = bytes.withUnsafeBytes { raw -> Int in
                let base = raw.baseAddress!.advanced(by: offset - bytes.startIndex)
                return send(fd, base, bytes.endIndex - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if wait(fd: fd, events: Int16(POLLOUT), wakeFD: wakeFD, timeoutMs: timeoutMs) != .ready { return false }
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            return false
        }
        return true
    }

    static func sendAll(fd: Int32, _ bytes: [UInt8], wakeFD: Int32, timeoutMs: Int32) -> Bool {
        sendAll(fd: fd, bytes[...], wakeFD: wakeFD, timeoutMs: timeoutMs)
    }

    enum ReadResult { case data(Int), eof, timeout, stopped, failed }

    /// Appends what is available (waiting up to `timeoutMs`) to `buffer`.
    static func readSome(fd: Int32, into buffer: inout [UInt8], wakeFD: Int32, timeoutMs: Int32) -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT))
            }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return .data(n)
            }
            if n == 0 { return .eof }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                switch wait(fd: fd, events: Int16(POLLIN), wakeFD: wakeFD, timeoutMs: timeoutMs) {
                case .ready: continue
                case .timeout: return .timeout
                case .stopped: return .stopped
                case .failed: return .failed
                }
            }
            return .failed
        }
    }

    /// Sets O_NONBLOCK (when asked) and FD_CLOEXEC on a descriptor.
    @discardableResult
    static func setFlags(_ fd: Int32, nonBlocking: Bool) -> Bool {
        let fdFlags = fcntl(fd, F_GETFD)
        guard fdFlags >= 0, fcntl(fd, F_SETFD, fdFlags | FD_CLOEXEC) == 0 else { return false }
        if nonBlocking {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { return false }
        }
        return true
    }

    static func setInt32Option(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) -> Bool {
        var v = value
        return setsockopt(fd, level, name, &v, socklen_t(MemoryLayout<Int32>.size)) == 0
    }

    /// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") for the Date header.
    static func httpDate() -> String {
        var now = time(nil)
        var tmv = tm()
        gmtime_r(&now, &tmv)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(tmv.tm_wday)]), \(two(tmv.tm_mday)) \(months[Int(tmv.tm_mon)]) \(tmv.tm_year + 1900) "
            + "\(two(tmv.tm_hour)):\(two(tmv.tm_min)):\(two(tmv.tm_sec)) GMT"
    }
}
