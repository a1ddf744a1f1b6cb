/// Why a request failed, as a sentence naming the URL.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be parsed.
    case invalidURL(String)
    /// The URL's scheme is not allowed for this source (file:// on a remote source, ftp://, …).
    case schemeNotAllowed(url: String, scheme: String)
    /// libcurl reported a transport error (DNS, connection refused, timeout, TLS, …).
    case transport(url: String, code: Int, message: String)
    /// The body grew past the configured limit.
    case bodyTooLarge(url: String, limit: Int)
    /// The server answered with an HTTP error status.
    case httpStatus(url: String, status: Int, excerpt: String)

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
        case .httpStatus(let url, let status, let excerpt):
            let tail = excerpt.isEmpty ? "" : " The server said: \(excerpt)"
            return "The server answered \(url) with HTTP \(status).\(tail)"
        }
    }

    /// True for errors worth retrying later (timeouts, connection failures, 408, 429, 5xx).
    public var isTransient: Bool {
        switch self {
        case .transport: return true
        case .httpStatus(_, let status, _): return status == 408 || status == 429 || status >= 500
        default: return false
        }
    }
}
