public import Foundation

/// Limits and settings for fetching; every harvest source can override them in its `options:`.
public struct FetchOptions: Sendable, Hashable {
    /// Seconds to wait for a TCP/TLS connection.
    public var connectTimeout: Double = 15
    /// Seconds one request (one attempt) may take in all.
    public var requestTimeout: Double = 180
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is cut off (a transient error).
    public var lowSpeedBytesPerSecond: Int = 64
    /// How many seconds a transfer may stay below `lowSpeedBytesPerSecond`.
    public var lowSpeedSeconds: Int = 30
    /// The largest body accepted, after decompression (stops gzip bombs).
    public var maxBodyBytes: Int = 256 * 1024 * 1024
    /// The largest transfer accepted before decompression: checked against the announced
    /// Content-Length (CURLOPT_MAXFILESIZE_LARGE) and against the bytes actually received.
    public var maxCompressedBytes: Int = 256 * 1024 * 1024
    /// A request made with `spool: true` keeps its body in memory up to this size, then in a file.
    public var spoolAboveBytes: Int = 16 * 1024 * 1024
    /// The largest body of a request made with `spool: true`, before and after decompression (it replaces
    /// `maxBodyBytes` and `maxCompressedBytes` there: the body goes to disk, not memory).
    public var maxSpooledBytes: Int = 4096 * 1024 * 1024
    /// Where spooled bodies are written; each file is removed when its response goes. By default `$TMPDIR`, else
    /// `/var/tmp`: on Debian 13 `/tmp` is a tmpfs, held in memory, which is what spooling is there to spare.
    public var spoolDirectory: String = FetchOptions.spoolDirectory(environment: ProcessInfo.processInfo.environment,
                                                                    varTmpWritable: access("/var/tmp", W_OK) == 0)
    /// How many redirects are followed.
    public var maxRedirects: Int = 5
    /// Allow `file://` URLs (only for sources explicitly marked local).
    public var allowFileURLs: Bool = false
    /// The User-Agent sent with every request.
    public var userAgent: String
    /// How `Fetcher.fetch` retries transient failures (`get` never retries).
    public var retry: RetryPolicy = RetryPolicy()
    /// The end of the whole harvest run: no attempt starts after it, and each attempt's timeout
    /// is cut to the time left. Nil means no deadline.
    public var runDeadline: Date? = nil

    public init(userAgent: String) {
        self.userAgent = userAgent
    }

    /// The default `spoolDirectory`: `TMPDIR` when set, else `/var/tmp` when it can be written, else the system's
    /// temporary folder.
    public static func spoolDirectory(environment: [String: String], varTmpWritable: Bool) -> String {
        if let folder = environment["TMPDIR"], !folder.isEmpty { return folder }
        return varTmpWritable ? "/var/tmp" : NSTemporaryDirectory()
    }
}
