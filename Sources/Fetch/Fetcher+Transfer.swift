import CCurl
import Foundation

/// The libcurl side of one attempt: options, callbacks, error mapping.
extension Fetcher {
    /// One libcurl transfer.
    func perform(_ url: String, headers: [(String, String)], timeLeft: Double?) -> AttemptRecord {
        curl_easy_reset(handle)
        let sink = BodySink(limit: options.maxBodyBytes, wireLimit: options.maxCompressedBytes)
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        defer { curl_slist_free_all(headerList) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        let requestTimeout = min(options.requestTimeout, timeLeft ?? .infinity)
        let connectTimeout = min(options.connectTimeout, requestTimeout)
        let protocols = options.allowFileURLs ? "http,https,file" : "http,https"
        _ = fc_setopt_string(handle, CURLOPT_URL, url)
        _ = fc_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols)
        _ = fc_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = fc_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = fc_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        _ = fc_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = fc_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        _ = fc_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        _ = fc_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(requestTimeout))
        _ = fc_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        _ = fc_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        _ = fc_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxCompressedBytes))
        _ = fc_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = fc_setopt_long(handle, CURLOPT_HTTP_VERSION, FC_CURL_HTTP_VERSION_1_1)
        _ = fc_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        _ = fc_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = fc_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
        _ = fc_setopt_write(handle, { data, size, count, context in
            guard let context, let data else { return 0 }
            let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
            return sink.append(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
        })
        // Enforces maxCompressedBytes on the bytes received, also when no Content-Length was announced.
        _ = fc_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = fc_setopt_pointer(handle, CURLOPT_XFERINFODATA, sinkPointer.toOpaque())
        _ = fc_setopt_xferinfo(handle, { context, _, downloaded, _, _ in
            guard let context else { return 0 }
            let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
            return sink.received(wireBytes: Int(downloaded)) ? 0 : 1
        })

        let transferStarted = ContinuousClock.now
        let code = curl_easy_perform(handle)
        var status = 0
        _ = fc_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var wire: curl_off_t = 0
        _ = fc_getinfo_off(handle, CURLINFO_SIZE_DOWNLOAD_T, &wire)
        var record = AttemptRecord(url: url, result: .failure(.invalidURL(url)), status: status == 0 ? nil : status,
                                   bytes: sink.bytes.count, wireBytes: Int(wire), seconds: 0)

        if sink.overflowed {
            record.result = .failure(.bodyTooLarge(url: url, limit: options.maxBodyBytes))
            return record
        }
        guard code == CURLE_OK else {
            let message = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let error: FetchError
            switch code {
            case CURLE_FILESIZE_EXCEEDED:
                error = .transferTooLarge(url: url, limit: options.maxCompressedBytes)
            case CURLE_ABORTED_BY_CALLBACK where sink.wireOverflowed:
                error = .transferTooLarge(url: url, limit: options.maxCompressedBytes)
            case CURLE_TOO_MANY_REDIRECTS:
                error = .tooManyRedirects(url: url, limit: options.maxRedirects, lastURL: effectiveURL() ?? url)
            case CURLE_OPERATION_TIMEDOUT where timeLeft.map({ $0 < options.requestTimeout }) == true
                    && Self.seconds(since: transferStarted) >= requestTimeout - 0.05:
                // The time left before the run deadline, not the request timeout, ran out.
                error = .deadlineExceeded(url: url)
            default:
                error = .transport(url: url, code: Int(code.rawValue), message: message)
            }
            record.result = .failure(error)
            return record
        }
        let answered = effectiveURL() ?? url
        if status == 0 && answered.lowercased().hasPrefix("file:") {
            // libcurl gives no status for file://; a complete read is a success.
            status = 200
            record.status = 200
        }
        var seconds = 0.0
        _ = fc_getinfo_double(handle, CURLINFO_TOTAL_TIME, &seconds)
        var found: [String: String] = [:]
        for name in ["etag", "last-modified", "content-type", "retry-after", "location"] {
            if let value = header(name) { found[name] = value }
        }
        record.result = .success(FetchResponse(url: url, effectiveURL: answered, status: status,
                                               headers: found, body: sink.bytes, seconds: seconds))
        return record
    }

    private func effectiveURL() -> String? {
        var effective: UnsafeMutablePointer<CChar>? = nil
        _ = fc_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        return effective.map { String(cString: $0) }
    }

    private func header(_ name: String) -> String? {
        var out: UnsafeMutablePointer<curl_header>? = nil
        guard curl_easy_header(handle, name, 0, FC_CURLH_HEADER, -1, &out) == CURLHE_OK,
              let value = out?.pointee.value else { return nil }
        return String(cString: value)
    }

    /// Milliseconds for a libcurl timeout: at least 1 (0 would mean "no timeout").
    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        return max(1, Int(min(seconds, 1e9) * 1000))
    }
}

/// Collects a response body up to a limit, and counts the bytes on the wire against another.
private final class BodySink {
    let limit: Int
    let wireLimit: Int
    var bytes: [UInt8] = []
    var overflowed = false
    var wireOverflowed = false

    init(limit: Int, wireLimit: Int) {
        self.limit = limit
        self.wireLimit = wireLimit
    }

    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        bytes.append(contentsOf: chunk)
        return true
    }

    /// False once more than `wireLimit` bytes arrived.
    func received(wireBytes: Int) -> Bool {
        if wireBytes > wireLimit { wireOverflowed = true }
        return !wireOverflowed
    }
}

/// Runs `curl_global_init` once per process.
enum CurlGlobal {
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
