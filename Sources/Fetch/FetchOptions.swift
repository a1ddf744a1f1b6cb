/// Limits and settings for fetching; every harvest source can override them in its `options:`.
public struct FetchOptions: Sendable, Hashable {
    /// Seconds to wait for a TCP/TLS connection.
    public var connectTimeout: Double = 15
    /// Seconds one request may take in all.
    public var requestTimeout: Double = 180
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is cut off.
    public var lowSpeedBytesPerSecond: Int = 64
    public var lowSpeedSeconds: Int = 30
    /// The largest body accepted, after decompression.
    public var maxBodyBytes: Int = 256 * 1024 * 1024
    /// How many redirects are followed.
    public var maxRedirects: Int = 5
    /// Allow `file://` URLs (only for sources explicitly marked local).
    public var allowFileURLs: Bool = false
    /// The User-Agent sent with every request.
    public var userAgent: String

    public init(userAgent: String) {
        self.userAgent = userAgent
    }
}
