import CCurl

/// What the libcurl in use can do, for diagnostics (`fedcat doctor`, test reports).
public enum CurlFeatures {
    /// The libcurl version and its libraries, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 …".
    public static var version: String { String(cString: curl_version()) }

    /// The content codings sent in Accept-Encoding (CURLOPT_ACCEPT_ENCODING ""), in libcurl's order.
    public static var offeredEncodings: [String] {
        guard let info = curl_version_info(CURLVERSION_TENTH) else { return [] }
        let features = info.pointee.features
        var encodings: [String] = []
        if features & CURL_VERSION_LIBZ != 0 { encodings += ["deflate", "gzip"] }
        if features & CURL_VERSION_BROTLI != 0 { encodings.append("br") }
        if features & CURL_VERSION_ZSTD != 0 { encodings.append("zstd") }
        return encodings
    }
}
