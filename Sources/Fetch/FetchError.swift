/// Why a request failed, as a sentence naming the URL.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be parsed.
    case invalidURL(String)
    /// The URL's scheme is not allowed for this source (file:// on a remote source, ftp://, …).
    case schemeNotAllowed(url: String, scheme: String)
    /// libcurl reported a transport error (DNS, connection refused, timeout, TLS, …).
    case transport(url: String, code: Int, message: String)
    /// The body grew past the configured limit (`maxBodyBytes`, counted after decompression).
    case bodyTooLarge(url: String, limit: Int)
    /// The server announced or sent more than `maxCompressedBytes` (counted before decompression).
    case transferTooLarge(url: String, limit: Int)
    /// Redirects went on past `maxRedirects` (usually a redirect loop).
    case tooManyRedirects(url: String, limit: Int, lastURL: String)
    /// The server answered with an HTTP error status.
    case httpStatus(url: String, status: Int, excerpt: String)
    /// Every attempt allowed by the retry policy failed; `last` is the final attempt's failure.
    indirect case gaveUp(url: String, attempts: Int, last: FetchError)
    /// The server asked (with Retry-After) to wait longer than `maxRetryAfter` or than the time left before the run deadline.
    case retryAfterTooLong(url: String, status: Int, retryAfter: Double, allowed: Double, byDeadline: Bool)
    /// The run deadline (`FetchOptions.runDeadline`) passed before the URL could be fetched.
    case deadlineExceeded(url: String)
    /// A large body could not be written to its file in `FetchOptions.spoolDirectory` (disk full, no permission).
    case spoolFailed(url: String, directory: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "The URL '\(url)' is not a valid URL."
        case .schemeNotAllowed(let url, let scheme):
            return "The URL '\(url)' uses the scheme '\(scheme)', which is not allowed here (only http and https; file:// only for sources marked local)."
        case .transport(let url, let code, let message):
            return "Fetching \(url) failed: \(message) (libcurl error \(code))."
        case .bodyTooLarge(let url, let limit):
            return "The response from \(url) is larger than the limit of \(limit) bytes; the transfer was stopped."
        case .transferTooLarge(let url, let limit):
            return "The server announced or sent more than \(limit) bytes (before decompression) for \(url); the transfer was stopped."
        case .tooManyRedirects(let url, let limit, let lastURL):
            let tail = lastURL == url || lastURL.isEmpty ? "" : " The last address reached was \(lastURL)."
            return "Fetching \(url) was redirected more than \(limit) times (a redirect loop?); fedcat stopped following.\(tail)"
        case .httpStatus(let url, let status, let excerpt):
            let tail = excerpt.isEmpty ? "" : " The server said: \(excerpt)"
            return "The server answered \(url) with HTTP \(status).\(tail)"
        case .gaveUp(let url, let attempts, let last):
            let times = attempts == 1 ? "the only attempt" : "all \(attempts) attempts"
            switch last {
            case .httpStatus(_, let status, let excerpt):
                let tail = excerpt.isEmpty ? "" : " The server last said: \(excerpt)"
                return "The server answered \(url) with HTTP \(status) on the last of \(attempts) attempt\(attempts == 1 ? "" : "s"); fedcat gave up.\(tail)"
            case .transport(_, let code, let message):
                return "Fetching \(url) failed on \(times); the last error was: \(message) (libcurl error \(code))."
            default:
                return "Fetching \(url) failed on \(times); the last error was: \(last.description)"
            }
        case .retryAfterTooLong(let url, let status, let retryAfter, let allowed, let byDeadline):
            let limit = byDeadline
                ? "but only \(Self.seconds(allowed)) are left before the run deadline"
                : "longer than the \(Self.seconds(allowed)) fedcat waits at most (maxRetryAfter)"
            return "The server answered \(url) with HTTP \(status) and asked to wait \(Self.seconds(retryAfter)) before trying again, \(limit); fedcat gave up without retrying."
        case .deadlineExceeded(let url):
            return "The run deadline passed before \(url) could be fetched; the request was stopped or not started."
        case .spoolFailed(let url, let directory, let reason):
            return "The response from \(url) could not be written to a file in \(directory): \(reason); the transfer was stopped."
        }
    }

    /// True for errors worth retrying later (timeouts, connection failures, partial transfers, 408, 429, 5xx).
    ///
    /// Giving up, a too-long Retry-After and the run deadline are transient too: a later run may succeed.
    public var isTransient: Bool {
        switch self {
        case .transport(_, let code, _): return TransportCodes.transient.contains(code)
        case .httpStatus(_, let status, _): return HTTPRetry.isRetryable(status: status)
        case .gaveUp(_, _, let last): return last.isTransient
        case .retryAfterTooLong, .deadlineExceeded: return true
        case .invalidURL, .schemeNotAllowed, .bodyTooLarge, .transferTooLarge, .tooManyRedirects, .spoolFailed: return false
        }
    }

    /// "1 s", "2.5 s", "300 s".
    static func seconds(_ value: Double) -> String {
        if value == value.rounded() { return "\(Int(value)) s" }
        return "\((value * 10).rounded() / 10) s"
    }
}
