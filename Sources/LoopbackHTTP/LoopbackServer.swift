#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Synchronization

/// A tiny HTTP/1.1 server for tests and demos, listening on a loopback address.
///
/// - One accept thread plus one thread per connection (at most
///   `maxConnections` at once; beyond that a connection gets `503` and is closed).
/// - Keep-alive by default for HTTP/1.1 (HTTP/1.0 only with `Connection: keep-alive`);
///   `Connection: close` from either side ends the connection after the response.
/// - Request bodies need `Content-Length` (`Transfer-Encoding` gets `501`);
///   `Expect: 100-continue` is answered.
/// - Every response carries `Content-Length` (except 1xx/204/304 and the
///   `lieAboutContentLength` fault), `Date` and `Server: fedcat-loopback`.
/// - HEAD gets the same head as GET would, without the body.
/// - Malformed requests get `400` (an oversized head `431`) and the connection is closed.
///
/// Do not call `stop()` from inside the handler and expect it to wait: called on
/// one of the server's own threads it only signals the stop, and the listening
/// socket is closed once the last server thread has finished.
public final class LoopbackServer: Sendable {
    public static let maxConnections = 64

    private let core: ServerCore

    /// The host as given, e.g. "127.0.0.1" or "::1".
    public let host: String
    /// The port actually bound (the ephemeral one when `port` was 0).
    public let port: UInt16

    /// Creates the listening socket (bound and listening, but not yet accepting; call `start()`).
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 0,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        let (fd, boundPort) = try ServerCore.makeListener(host: host, port: port)
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError(operation: "pipe2", code: code)
        }
        for p in pipeFDs { Posix.setFlags(p, nonBlocking: true) }
        self.host = host
        self.port = boundPort
        self.core = ServerCore(listenFD: fd, wakeRead: pipeFDs[0], wakeWrite: pipeFDs[1], handler: handler)
    }

    deinit {
        core.stop()
    }

    /// "http://127.0.0.1:PORT" (IPv6 hosts in brackets), no trailing slash.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// Starts the accept loop on its own thread. Calling it again is a no-op;
    /// calling it after `stop()` throws.
    public func start() throws {
        try core.start()
    }

    /// Stops accepting, wakes and closes every open connection (also one in
    /// the middle of a slow response), waits for all server threads and
    /// closes the listening socket. Idempotent; also run by deinit.
    public func stop() {
        core.stop()
    }

    /// Requests read off the wire and handed to the handler (malformed ones
    /// answered with 400 by the server itself are not counted).
    public var requestCount: Int { core.requests.load(ordering: .relaxed) }

    /// TCP connections accepted so far (to check that clients reuse connections).
    public var connectionCount: Int { core.connections.load(ordering: .relaxed) }
}

final class ServerCore: Sendable {
    struct State {
        var started = false
        var stopped = false
        var fdsClosed = false
        var activeConnections = 0
        var threads: Set<pthread_t> = []
    }

    let listenFD: Int32
    let wakeRead: Int32
    let wakeWrite: Int32
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let state = Mutex(State())
    let requests = Atomic<Int>(0)
    let connections = Atomic<Int>(0)
    let group = DispatchGroup()

    /// How long an idle keep-alive connection is kept open.
    let idleTimeoutMs: Int32 = 30_000
    /// How long a half-received request or a stalled send may take.
    let ioTimeoutMs: Int32 = 30_000
    let maxBodyBytes = 64 * 1024 * 1024

    init(listenFD: Int32, wakeRead: Int32, wakeWrite: Int32, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.listenFD = listenFD
        self.wakeRead = wakeRead
        self.wakeWrite = wakeWrite
        self.handler = handler
    }

    // MARK: Listening socket

    static func makeListener(host: String, port: UInt16) throws -> (Int32, UInt16) {
        var v4 = in_addr()
        var v6 = in6_addr()
        let family: Int32
        let lookupHost = host == "localhost" ? "127.0.0.1" : host
        if inet_pton(AF_INET, lookupHost, &v4) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, lookupHost, &v6) == 1 {
            family = AF_INET6
        } else {
            throw LoopbackServerError(operation: "parsing host address '\(host)'", code: EINVAL)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError(operation: "socket", code: errno) }
        func fail(_ op: String) -> LoopbackServerError {
            let e = LoopbackServerError(operation: op, code: errno)
            close(fd)
            return e
        }
        guard Posix.setInt32Option(fd, SOL_SOCKET, SO_REUSEADDR, 1) else { throw fail("setsockopt(SO_REUSEADDR)") }

        let rc: Int32
        if family == AF_INET {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            addr.sin_addr = v4
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = port.bigEndian
            addr.sin6_addr = v6
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        guard rc == 0 else { throw fail("bind to \(host):\(port)") }
        guard listen(fd, 128) == 0 else { throw fail("listen") }
        guard Posix.setFlags(fd, nonBlocking: true) else { throw fail("fcntl(O_NONBLOCK)") }

        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let gs = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        guard gs == 0 else { throw fail("getsockname") }
        let boundPort: UInt16 = withUnsafePointer(to: &storage) { p in
            if family == AF_INET {
                return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            } else {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
        }
        return (fd, boundPort)
    }

    // MARK: Life cycle

    func start() throws {
        let shouldStart = try state.withLock { s throws(LoopbackServerError) -> Bool in
            if s.stopped { throw LoopbackServerError(operation: "start (the server was stopped)", code: EINVAL) }
            if s.started { return false }
            s.started = true
            return true
        }
        guard shouldStart else { return }
        group.enter()
        let spawned = spawnThread { [self] in
            acceptLoop()
            group.leave()
        }
        if !spawned {
            group.leave()
            state.withLock { $0.started = false }
            throw LoopbackServerError(operation: "pthread_create", code: errno)
        }
    }

    func stop() {
        let first = state.withLock { s -> Bool in
            if s.stopped { return false }
            s.stopped = true
            return true
        }
        if first {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        let me = pthread_self()
        let onOwnThread = state.withLock { $0.threads.contains(me) }
        if onOwnThread {
            // Cannot wait for ourselves: close the sockets once every server thread is done.
            if first {
                group.notify(queue: .global()) { [self] in closeFDs() }
            }
            return
        }
        group.wait()
        closeFDs()
    }

    private func closeFDs() {
        let doClose = state.withLock { s -> Bool in
            if s.fdsClosed { return false }
            s.fdsClosed = true
            return true
        }
        if doClose {
            close(listenFD)
            close(wakeRead)
            close(wakeWrite)
        }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    /// Starts a detached pthread that registers itself as a server thread while it runs.
    private func spawnThread(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(ThreadBody { [self] in
            let me = pthread_self()
            state.withLock { _ = $0.threads.insert(me) }
            body()
            state.withLock { _ = $0.threads.remove(me) }
        }).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            let body = Unmanaged<ThreadBody>.fromOpaque(arg!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        if rc != 0 {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            errno = rc
            return false
        }
        pthread_detach(tid)
        return true
    }

    // MARK: Accepting

    private func acceptLoop() {
        while true {
            switch Posix.wait(fd: listenFD, events: Int16(POLLIN), wakeFD: wakeRead, timeoutMs: -1) {
            case .stopped, .failed: return
            case .ready, .timeout: break
            }
            let fd = accept(listenFD, nil, nil)
            if fd >= 0 { Posix.setFlags(fd, nonBlocking: true) }
            if fd < 0 {
                switch errno {
                case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO:
                    continue
                default:
                    // Out of descriptors or memory: back off instead of spinning.
                    if !Posix.sleep(.milliseconds(50), wakeFD: wakeRead) { return }
                    continue
                }
            }
            connections.add(1, ordering: .relaxed)
            _ = Posix.setInt32Option(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            let admitted = state.withLock { s -> Bool in
                if s.stopped || s.activeConnections >= LoopbackServer.maxConnections { return false }
                s.activeConnections += 1
                return true
            }
            guard admitted else {
                let busy = responseHead(status: 503, headers: [], contentLength: 0, keepAlive: false, version: "HTTP/1.1")
                _ = Posix.sendAll(fd: fd, busy, wakeFD: wakeRead, timeoutMs: 100)
                close(fd)
                continue
            }
            group.enter()
            let spawned = spawnThread { [self] in
                serveConnection(fd)
                state.withLock { $0.activeConnections -= 1 }
                group.leave()
            }
            if !spawned {
                close(fd)
                state.withLock { $0.activeConnections -= 1 }
                group.leave()
            }
        }
    }

    // MARK: One connection

    private func serveConnection(_ fd: Int32) {
        var buffer: [UInt8] = []
        var closeGracefully = true
        defer {
            if closeGracefully { lingeringClose(fd) } else { close(fd) }
        }
        while true {
            // Request head.
            var parsedHead: (RequestHead, Int)? = nil
            while parsedHead == nil {
                switch HTTPParser.parseHead(buffer) {
                case .complete(let head, let consumed):
                    parsedHead = (head, consumed)
                case .failure(let status, let message):
                    sendError(fd, status: status, message: message)
                    return
                case .incomplete:
                    let timeout = buffer.isEmpty ? idleTimeoutMs : ioTimeoutMs
                    switch Posix.readSome(fd: fd, into: &buffer, wakeFD: wakeRead, timeoutMs: timeout) {
                    case .data: continue
                    case .timeout where !buffer.isEmpty:
                        sendError(fd, status: 408, message: "request head not received in time")
                        return
                    default:
                        closeGracefully = false
                        return
                    }
                }
            }
            let (head, consumed) = parsedHead!
            buffer.removeFirst(consumed)

            // Request body.
            if let te = head.header("Transfer-Encoding"), te.trimmingASCIISpaces().lowercased() != "identity" {
                sendError(fd, status: 501, message: "Transfer-Encoding is not supported; send Content-Length")
                return
            }
            var contentLength = 0
            let lengths = head.headerValues("Content-Length").flatMap { $0.split(separator: ",") }.map { $0.trimmingASCIISpaces() }
            if let first = lengths.first {
                guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                      let n = Int(first) else {
                    sendError(fd, status: 400, message: "invalid Content-Length")
                    return
                }
                contentLength = n
            }
            if contentLength > maxBodyBytes {
                sendError(fd, status: 413, message: "request body too large")
                return
            }
            if contentLength > buffer.count, head.version == "HTTP/1.1",
               head.header("Expect")?.lowercased() == "100-continue" {
                guard Posix.sendAll(fd: fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), wakeFD: wakeRead, timeoutMs: ioTimeoutMs) else {
                    closeGracefully = false
                    return
                }
            }
            while buffer.count < contentLength {
                switch Posix.readSome(fd: fd, into: &buffer, wakeFD: wakeRead, timeoutMs: ioTimeoutMs) {
                case .data: continue
                default:
                    closeGracefully = false
                    return
                }
            }
            let body = Array(buffer[0..<contentLength])
            buffer.removeFirst(contentLength)

            let tokens = head.connectionTokens
            var keepAlive = head.version == "HTTP/1.1" ? !tokens.contains("close") : tokens.contains("keep-alive")

            var request = HTTPRequest(method: head.method, target: "/", headers: head.headers, body: body, version: head.version)!
            request.rawTarget = head.target
            request.path = head.path
            request.query = head.query
            requests.add(1, ordering: .relaxed)
            let response = handler(request)

            if response.closeWithoutResponse {
                shutdown(fd, Int32(SHUT_RDWR))
                closeGracefully = false
                return
            }
            if isStopped { keepAlive = false }
            if let c = response.header("Connection"), c.lowercased().contains("close") { keepAlive = false }
            if response.lieAboutContentLength != nil { keepAlive = false }

            guard writeResponse(fd, response, isHead: head.method == "HEAD", keepAlive: keepAlive, version: head.version) else {
                closeGracefully = false
                return
            }
            if !keepAlive { return }
        }
    }

    /// Sends the response (honouring the fault-injection settings). False if the peer vanished or the server stopped.
    private func writeResponse(_ fd: Int32, _ response: HTTPResponse, isHead: Bool, keepAlive: Bool, version: String) -> Bool {
        let noBodyStatus = (100..<200).contains(response.status) || response.status == 204 || response.status == 304
        var bodyToSend: ArraySlice<UInt8> = (isHead || noBodyStatus) ? [] : response.body[...]
        var announcedLength: Int? = noBodyStatus ? nil : response.body.count
        if let lie = response.lieAboutContentLength {
            announcedLength = lie
            bodyToSend = bodyToSend.prefix(max(0, min(bodyToSend.count, lie - 1)))
        }
        let head = responseHead(status: response.status, headers: response.headers, contentLength: announcedLength,
                                keepAlive: keepAlive, version: version)
        if let drip = response.chunkDelay, !bodyToSend.isEmpty {
            guard Posix.sendAll(fd: fd, head, wakeFD: wakeRead, timeoutMs: ioTimeoutMs) else { return false }
            let step = max(1, drip.bytesPerChunk)
            var offset = bodyToSend.startIndex
            while offset < bodyToSend.endIndex {
                guard Posix.sleep(drip.delay, wakeFD: wakeRead) else { return false }
                let end = min(offset + step, bodyToSend.endIndex)
                guard Posix.sendAll(fd: fd, bodyToSend[offset..<end], wakeFD: wakeRead, timeoutMs: ioTimeoutMs) else { return false }
                offset = end
            }
        } else {
            var all = head
            all.append(contentsOf: bodyToSend)
            guard Posix.sendAll(fd: fd, all, wakeFD: wakeRead, timeoutMs: ioTimeoutMs) else { return false }
        }
        return response.lieAboutContentLength == nil
    }

    private func responseHead(status: Int, headers: [(String, String)], contentLength: Int?, keepAlive: Bool, version: String) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n"
        var hasDate = false
        var hasServer = false
        for (name, value) in headers {
            switch name.lowercased() {
            case "content-length", "transfer-encoding", "connection": continue
            case "date": hasDate = true
            case "server": hasServer = true
            default: break
            }
            // Never let a handler's header smuggle in extra lines.
            let safeName = name.filter { $0 != "\r" && $0 != "\n" }
            let safeValue = value.filter { $0 != "\r" && $0 != "\n" }
            text += "\(safeName): \(safeValue)\r\n"
        }
        if !hasDate { text += "Date: \(Posix.httpDate())\r\n" }
        if !hasServer { text += "Server: fedcat-loopback\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        if !keepAlive {
            text += "Connection: close\r\n"
        } else if version == "HTTP/1.0" {
            text += "Connection: keep-alive\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    private func sendError(_ fd: Int32, status: Int, message: String) {
        let body = Array("\(status) \(HTTPResponse.reasonPhrase(for: status)): \(message)\n".utf8)
        var bytes = responseHead(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                 contentLength: body.count, keepAlive: false, version: "HTTP/1.1")
        bytes.append(contentsOf: body)
        _ = Posix.sendAll(fd: fd, bytes, wakeFD: wakeRead, timeoutMs: 1_000)
    }

    /// Half-closes, drains what the client still sends (briefly), then closes,
    /// so that unread input does not turn the close into a reset that destroys the response.
    private func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        var scratch: [UInt8] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(500))
        while clock.now < deadline {
            scratch.removeAll(keepingCapacity: true)
            let left = Posix.milliseconds(clock.now.duration(to: deadline), roundUp: true)
            guard case .data = Posix.readSome(fd: fd, into: &scratch, wakeFD: wakeRead, timeoutMs: left) else { break }
        }
        close(fd)
    }
}

private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
