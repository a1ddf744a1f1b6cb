import CCurl
import Foundation

/// The libcurl side of one attempt: options, callbacks, error mapping.
extension Fetcher {
    /// One libcurl transfer.
    func perform(_ url: String, headers: [(String, String)], timeLeft: Double?, spool: Bool) -> AttemptRecord {
        curl_easy_reset(handle)
        let sink = spool
            ? BodySink(limit: options.maxSpooledBytes, wireLimit: options.maxSpooledBytes, spoolAbove: options.spoolAboveBytes,
                       directory: options.spoolDirectory)
            : BodySink(limit: options.maxBodyBytes, wireLimit: options.maxCompressedBytes, spoolAbove: nil, directory: "")
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
        _ = fc_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(sink.wireLimit))
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
                                   bytes: sink.count, wireBytes: Int(wire), seconds: 0)

        if sink.overflowed {
            record.result = .failure(.bodyTooLarge(url: url, limit: sink.limit))
            return record
        }
        if let reason = sink.spoolError {
            record.result = .failure(.spoolFailed(url: url, directory: options.spoolDirectory, reason: reason))
            return record
        }
        guard code == CURLE_OK else {
            let message = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let error: FetchError
            switch code {
            case CURLE_FILESIZE_EXCEEDED:
                error = .transferTooLarge(url: url, limit: sink.wireLimit)
            case CURLE_ABORTED_BY_CALLBACK where sink.wireOverflowed:
                error = .transferTooLarge(url: url, limit: sink.wireLimit)
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
                                               headers: found, body: sink.bytes, seconds: seconds, spooled: sink.finish()))
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

/// Collects a response body up to a limit, in memory or, past `spoolAbove` bytes, in a file; and counts the bytes
/// on the wire against another limit.
private final class BodySink {
    let limit: Int
    let wireLimit: Int
    let spoolAbove: Int?
    let directory: String
    var bytes: [UInt8] = []
    private(set) var count = 0
    var overflowed = false
    var wireOverflowed = false
    /// Why the body could not be written to its file.
    private(set) var spoolError: String?
    private var file: (descriptor: Int32, path: String)?

    init(limit: Int, wireLimit: Int, spoolAbove: Int?, directory: String) {
        self.limit = limit
        self.wireLimit = wireLimit
        self.spoolAbove = spoolAbove
        self.directory = directory
    }

    deinit {
        if let file {
            close(file.descriptor)
            unlink(file.path)
        }
    }

    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        if file == nil, let spoolAbove, count + chunk.count > spoolAbove {
            guard openFile() else { return false }
        }
        if let file {
            guard write(chunk, to: file.descriptor) else { return false }
        } else {
            bytes.append(contentsOf: chunk)
        }
        count += chunk.count
        return true
    }

    /// Closes the file and hands it over; nil when the body stayed in memory.
    func finish() -> SpooledBody? {
        guard let file else { return nil }
        self.file = nil
        close(file.descriptor)
        return SpooledBody(path: file.path, count: count)
    }

    /// Moves what was received so far into a new file in `directory`.
    private func openFile() -> Bool {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array((folder + "fedcat-body-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            spoolError = String(cString: strerror(errno))
            return false
        }
        file = (descriptor, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        let ok = bytes.withUnsafeBytes { write($0, to: descriptor) }
        bytes = []
        return ok
    }

    private func write(_ chunk: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var written = 0
        while written < chunk.count {
            let result = Foundation.write(descriptor, chunk.baseAddress! + written, chunk.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                spoolError = result < 0 ? String(cString: strerror(errno)) : "nothing could be written"
                return false
            }
            written += result
        }
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
