import CCurl
import Foundation

/// Fetches URLs over one reused libcurl easy handle. Not thread-safe: use one per thread.
public final class Fetcher {
    public let options: FetchOptions
    private let handle: UnsafeMutableRawPointer

    public init(options: FetchOptions) {
        _ = CurlGlobal.initialised
        self.options = options
        guard let handle = curl_easy_init() else { fatalError("libcurl could not create a handle (out of memory).") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// GETs `url` with extra request headers; any HTTP status is returned, transport failures throw.
    public func get(_ url: String, headers: [(String, String)] = []) throws(FetchError) -> FetchResponse {
        try checkScheme(url)
        curl_easy_reset(handle)
        let sink = BodySink(limit: options.maxBodyBytes)
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        defer { curl_slist_free_all(headerList) }

        let protocols = options.allowFileURLs ? "http,https,file" : "http,https"
        _ = fc_setopt_string(handle, CURLOPT_URL, url)
        _ = fc_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols)
        _ = fc_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = fc_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = fc_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        _ = fc_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = fc_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        _ = fc_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000))
        _ = fc_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(options.requestTimeout * 1000))
        _ = fc_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        _ = fc_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        _ = fc_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = fc_setopt_long(handle, CURLOPT_HTTP_VERSION, FC_CURL_HTTP_VERSION_1_1)
        _ = fc_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        _ = fc_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
        _ = fc_setopt_write(handle, { data, size, count, context in
            guard let context, let data else { return 0 }
            let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
            return sink.append(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        })

        let code = curl_easy_perform(handle)
        if sink.overflowed { throw .bodyTooLarge(url: url, limit: options.maxBodyBytes) }
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            throw .transport(url: url, code: Int(code.rawValue), message: message)
        }
        var status = 0
        _ = fc_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>? = nil
        _ = fc_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        var seconds = 0.0
        _ = fc_getinfo_double(handle, CURLINFO_TOTAL_TIME, &seconds)
        var found: [String: String] = [:]
        for name in ["etag", "last-modified", "content-type", "retry-after", "location"] {
            if let value = header(name) { found[name] = value }
        }
        return FetchResponse(url: url, effectiveURL: effective.map { String(cString: $0) } ?? url,
                             status: status, headers: found, body: sink.bytes, seconds: seconds)
    }

    private func header(_ name: String) -> String? {
        var out: UnsafeMutablePointer<curl_header>? = nil
        guard curl_easy_header(handle, name, 0, FC_CURLH_HEADER, -1, &out) == CURLHE_OK,
              let value = out?.pointee.value else { return nil }
        return String(cString: value)
    }

    private func checkScheme(_ url: String) throws(FetchError) {
        guard let colon = url.firstIndex(of: ":"), url[url.startIndex..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0.isNumber }),
              url.distance(from: url.startIndex, to: colon) > 0 else { throw .invalidURL(url) }
        let scheme = url[url.startIndex..<colon].lowercased()
        if scheme == "http" || scheme == "https" { return }
        if scheme == "file" && options.allowFileURLs { return }
        throw .schemeNotAllowed(url: url, scheme: scheme)
    }
}

/// Collects a response body up to a limit.
private final class BodySink {
    let limit: Int
    var bytes: [UInt8] = []
    var overflowed = false

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        bytes.append(contentsOf: chunk)
        return true
    }
}

/// Runs `curl_global_init` once per process.
private enum CurlGlobal {
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
