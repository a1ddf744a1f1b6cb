import Foundation

extension Fetcher {
    /// GETs `url`, retrying transient failures (transport errors, 408, 429, 5xx) as `options.retry` allows.
    ///
    /// With `validators` it sends If-None-Match / If-Modified-Since and a 304 comes back as a response with
    /// status 304 and an empty body. Other 4xx (and 3xx without a followable Location) are returned at once,
    /// for the caller to judge. When every attempt failed it throws `.gaveUp`; when the server asks to wait
    /// too long `.retryAfterTooLong`; when the run deadline comes first `.deadlineExceeded`.
    ///
    /// With `spool` a body larger than `options.spoolAboveBytes` goes to a file (`FetchResponse.spooled`), up to
    /// `options.maxSpooledBytes`; a local file that large (`file://`, when allowed) is not copied but read where it is.
    public func fetch(_ url: String, headers: [(String, String)] = [],
                      validators: Validators? = nil, spool: Bool = false) throws(FetchError) -> FetchResponse {
        do {
            try checkScheme(url)
        } catch {
            stats.failures += 1
            throw error
        }
        if spool, let local = try localFile(url) { return local }
        let policy = options.retry
        let maxAttempts = max(1, policy.maxAttempts)
        let requestHeaders = headers + (validators?.requestHeaders ?? [])
        var number = 0
        while true {
            number += 1
            let record = attempt(url, headers: requestHeaders, spool: spool)

            // Decide what this attempt means: done, failed for good, or worth another try.
            let retryable: FetchError
            var retryAfter: Double? = nil
            switch record.result {
            case .success(let response):
                if response.status == 304 {
                    finish(record, number: number, outcome: .notModified)
                    var empty = response
                    empty.body = []
                    return empty
                }
                if response.isSuccess {
                    finish(record, number: number, outcome: .success)
                    return response
                }
                guard HTTPRetry.isRetryable(status: response.status) else {
                    finish(record, number: number, outcome: .failed(reason: "HTTP \(response.status)"))
                    return response
                }
                retryable = .httpStatus(url: url, status: response.status, excerpt: response.bodyExcerpt())
                retryAfter = response.headers["retry-after"].flatMap { RetryAfter.seconds($0, now: clock.now()) }
            case .failure(let error):
                guard case .transport = error, error.isTransient else {
                    finish(record, number: number, outcome: .failed(reason: Self.reason(error)))
                    throw error
                }
                retryable = error
            }

            let reason = Self.reason(retryable)
            guard number < maxAttempts else {
                finish(record, number: number, outcome: .failed(reason: reason))
                throw .gaveUp(url: url, attempts: number, last: retryable)
            }

            // How long to wait, and whether that still fits the limits.
            let timeLeft = options.runDeadline.map { $0.timeIntervalSince(clock.now()) }
            let delay: Double
            if let retryAfter, case .httpStatus(_, let status, _) = retryable {
                if retryAfter > policy.maxRetryAfter {
                    finish(record, number: number, outcome: .failed(reason: "\(reason), Retry-After \(FetchError.seconds(retryAfter))"))
                    throw .retryAfterTooLong(url: url, status: status, retryAfter: retryAfter,
                                             allowed: policy.maxRetryAfter, byDeadline: false)
                }
                if let timeLeft, retryAfter >= timeLeft {
                    finish(record, number: number, outcome: .failed(reason: "\(reason), Retry-After \(FetchError.seconds(retryAfter))"))
                    throw .retryAfterTooLong(url: url, status: status, retryAfter: retryAfter,
                                             allowed: max(0, timeLeft), byDeadline: true)
                }
                delay = retryAfter
            } else {
                delay = policy.delay(afterAttempt: number, fraction: clock.randomFraction())
                if let timeLeft, delay >= timeLeft {
                    finish(record, number: number, outcome: .failed(reason: reason))
                    throw .deadlineExceeded(url: url)
                }
            }
            let shown = retryAfter == nil ? reason : "\(reason), Retry-After \(FetchError.seconds(delay))"
            finish(record, number: number, outcome: .retrying(after: delay, reason: shown))
            clock.sleep(seconds: delay)
        }
    }
}

extension Fetcher {
    /// A local file over `spoolAboveBytes`, as a response whose body is the file itself; nil for anything else
    /// (fetched as usual: a smaller file is read into memory by libcurl).
    func localFile(_ url: String) throws(FetchError) -> FetchResponse? {
        guard options.allowFileURLs, url.lowercased().hasPrefix("file:"), let path = URL(string: url)?.path, !path.isEmpty else { return nil }
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > options.spoolAboveBytes else { return nil }
        let size = Int(status.st_size)
        var record = AttemptRecord(url: url, result: .failure(.bodyTooLarge(url: url, limit: options.maxSpooledBytes)), status: nil,
                                   bytes: 0, wireBytes: 0, seconds: 0)
        guard size <= options.maxSpooledBytes else {
            finish(record, number: 1, outcome: .failed(reason: Self.reason(.bodyTooLarge(url: url, limit: options.maxSpooledBytes))))
            throw .bodyTooLarge(url: url, limit: options.maxSpooledBytes)
        }
        let response = FetchResponse(url: url, effectiveURL: url, status: 200, headers: [:], body: [], seconds: 0,
                                     spooled: SpooledBody(path: path, count: size, temporary: false))
        record.result = .success(response)
        record.status = 200
        record.bytes = size
        finish(record, number: 1, outcome: .success)
        return response
    }
}
