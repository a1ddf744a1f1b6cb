/// Which libcurl error codes and HTTP statuses are worth another attempt.
enum TransportCodes {
    /// libcurl errors that usually go away on their own: DNS hiccups, refused or reset connections,
    /// timeouts (including the low-speed cut-off), truncated bodies, TLS handshakes cut short.
    ///
    /// Not here, so never retried: bad URLs (3), unsupported schemes (1), too many redirects (47),
    /// our own aborts for size limits (23, 42, 63), certificate problems (60), bad encodings (61).
    static let transient: Set<Int> = [
        5,   // CURLE_COULDNT_RESOLVE_PROXY
        6,   // CURLE_COULDNT_RESOLVE_HOST
        7,   // CURLE_COULDNT_CONNECT (refused)
        16,  // CURLE_HTTP2
        18,  // CURLE_PARTIAL_FILE (fewer bytes than Content-Length)
        28,  // CURLE_OPERATION_TIMEDOUT (timeouts and the low-speed limit)
        35,  // CURLE_SSL_CONNECT_ERROR
        52,  // CURLE_GOT_NOTHING (closed without a response)
        55,  // CURLE_SEND_ERROR
        56,  // CURLE_RECV_ERROR (reset)
        92,  // CURLE_HTTP2_STREAM
        95,  // CURLE_HTTP3
    ]
}

/// HTTP statuses that are retried.
enum HTTPRetry {
    /// 408 Request Timeout, 429 Too Many Requests and every 5xx.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500..<600).contains(status)
    }
}
