import CCurl
import Foundation

/// Fetches URLs over one reused libcurl easy handle. Not thread-safe: use one per thread
/// (share a `HostGate` between them for politeness).
public final class Fetcher {
    /// The settings every request uses.
    public let options: FetchOptions
    /// The politeness gate every attempt passes through, if any.
    public let gate: HostGate?
    /// Time, sleeping and randomness for retries and the run deadline.
    public let clock: any FetchClock
    /// Called after every attempt (on the fetching thread).
    public let onAttempt: (@Sendable (FetchAttempt) -> Void)?
    /// Totals over every request this fetcher made.
    public internal(set) var stats = FetchStats()

    let handle: UnsafeMutableRawPointer

    public init(options: FetchOptions, gate: HostGate? = nil, clock: any FetchClock = SystemFetchClock(),
                onAttempt: (@Sendable (FetchAttempt) -> Void)? = nil) {
        _ = CurlGlobal.initialised
        self.options = options
        self.gate = gate
        self.clock = clock
        self.onAttempt = onAttempt
        guard let handle = curl_easy_init() else { fatalError("libcurl could not create a handle (out of memory).") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// GETs `url` once with extra request headers; any HTTP status is returned, transport failures throw.
    /// Honours the gate, the run deadline and the size limits, but never retries (see `fetch`).
    public func get(_ url: String, headers: [(String, String)] = []) throws(FetchError) -> FetchResponse {
        do {
            try checkScheme(url)
        } catch {
            stats.failures += 1
            throw error
        }
        let record = attempt(url, headers: headers)
        let outcome: FetchAttempt.Outcome
        switch record.result {
        case .success(let response) where response.status == 304: outcome = .notModified
        case .success(let response) where response.isSuccess: outcome = .success
        case .success(let response): outcome = .failed(reason: "HTTP \(response.status)")
        case .failure(let error): outcome = .failed(reason: Self.reason(error))
        }
        finish(record, number: 1, outcome: outcome)
        return try record.result.get()
    }

    // MARK: One attempt

    /// What one attempt produced, before deciding whether to retry.
    struct AttemptRecord {
        var url: String
        var result: Result<FetchResponse, FetchError>
        var status: Int?
        var bytes: Int
        var wireBytes: Int
        var seconds: Double
        /// False when no request went out (the run deadline had passed).
        var sent = true
    }

    /// Counts an attempt in `stats` and tells the observer.
    func finish(_ record: AttemptRecord, number: Int, outcome: FetchAttempt.Outcome) {
        if record.sent { stats.requests += 1 }
        stats.bytes += record.bytes
        switch outcome {
        case .notModified: stats.notModified += 1
        case .retrying: stats.retries += 1
        case .failed: stats.failures += 1
        case .success: break
        }
        var error: String? = nil
        if case .failure(let failure) = record.result { error = failure.description }
        onAttempt?(FetchAttempt(url: record.url, number: number, status: record.status, error: error,
                                bytes: record.bytes, wireBytes: record.wireBytes, seconds: record.seconds,
                                outcome: outcome))
    }

    /// A short reason for an attempt's failure ("HTTP 503", "libcurl error 7: …").
    static func reason(_ error: FetchError) -> String {
        switch error {
        case .httpStatus(_, let status, _): return "HTTP \(status)"
        case .transport(_, let code, let message): return "libcurl error \(code): \(message)"
        default: return error.description
        }
    }

    /// Passes the gate, then performs one request, with the timeout cut to the time left before the run deadline.
    func attempt(_ url: String, headers: [(String, String)], spool: Bool = false) -> AttemptRecord {
        let started = ContinuousClock.now
        func failed(_ error: FetchError) -> AttemptRecord {
            AttemptRecord(url: url, result: .failure(error), status: nil, bytes: 0, wireBytes: 0,
                          seconds: Self.seconds(since: started), sent: false)
        }
        var timeLeft = options.runDeadline.map { $0.timeIntervalSince(clock.now()) }
        if let left = timeLeft, left <= 0 { return failed(.deadlineExceeded(url: url)) }

        let gateKey = gate == nil ? nil : HostGate.key(for: url)
        if let gate, let gateKey {
            guard gate.acquire(gateKey, until: timeLeft.map { Date().addingTimeInterval($0) }) else {
                return failed(.deadlineExceeded(url: url))
            }
            timeLeft = timeLeft.map { $0 - Self.seconds(since: started) }
        }
        defer { if let gate, let gateKey { gate.release(gateKey) } }
        if let left = timeLeft, left <= 0 { return failed(.deadlineExceeded(url: url)) }

        var record = perform(url, headers: headers, timeLeft: timeLeft, spool: spool)
        record.seconds = Self.seconds(since: started)
        return record
    }

    func checkScheme(_ url: String) throws(FetchError) {
        guard let colon = url.firstIndex(of: ":"), url[url.startIndex..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0.isNumber }),
              url.distance(from: url.startIndex, to: colon) > 0 else { throw .invalidURL(url) }
        let scheme = url[url.startIndex..<colon].lowercased()
        if scheme == "http" || scheme == "https" { return }
        if scheme == "file" && options.allowFileURLs { return }
        throw .schemeNotAllowed(url: url, scheme: scheme)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let parts = start.duration(to: .now).components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
