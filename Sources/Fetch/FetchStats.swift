/// Running totals over everything one Fetcher did.
public struct FetchStats: Sendable, Hashable {
    /// Attempts made (HTTP requests started, retries included).
    public var requests: Int = 0
    /// Attempts that were followed by a retry.
    public var retries: Int = 0
    /// Body bytes received, after decompression.
    public var bytes: Int = 0
    /// 304 Not Modified answers.
    public var notModified: Int = 0
    /// Calls (`get` or `fetch`) that ended without a 2xx or 304: an error thrown or another status returned.
    public var failures: Int = 0

    public init() {}
}
