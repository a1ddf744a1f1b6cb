import Fetch
import Foundation
import LoopbackHTTP
import Testing

@Suite("Retries with backoff")
struct RetryTests {
    @Test func a500ThenA200SucceedsOnTheSecondAttempt() throws {
        let calls = Counter()
        let server = try startServer { _ in calls.next() == 1 ? .status(500) : .text("ok") }
        defer { server.stop() }
        let attempts = Recorder<FetchAttempt>()
        let clock = FakeClock()
        let fetcher = Fetcher(options: testOptions(), clock: clock, onAttempt: attempts.observer)
        let response = try fetcher.fetch(server.baseURL + "/flaky")
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(attempts.items.map(\.number) == [1, 2])
        #expect(attempts.items[0].status == 500)
        #expect(attempts.items[0].outcome.retryReason?.contains("HTTP 500") == true)
        #expect(attempts.items[1].outcome == .success)
        #expect(attempts.items[1].bytes == 2)
        #expect(clock.sleeps == [1])
        #expect(fetcher.stats.requests == 2)
        #expect(fetcher.stats.retries == 1)
        #expect(fetcher.stats.failures == 0)
        #expect(server.requestCount == 2)
    }

    @Test func a429WithRetryAfterSecondsWaitsThatLong() throws {
        let calls = Counter()
        let server = try startServer { _ in
            guard calls.next() > 1 else {
                var response = HTTPResponse.status(429)
                response.headers.append(("Retry-After", "1"))
                return response
            }
            return .text("ok")
        }
        defer { server.stop() }
        // Jitter fraction 0: the backoff alone would be 0 s, so the 1 s can only come from Retry-After.
        let clock = FakeClock(fraction: 0)
        let attempts = Recorder<FetchAttempt>()
        let response = try Fetcher(options: testOptions(), clock: clock, onAttempt: attempts.observer)
            .fetch(server.baseURL + "/")
        #expect(response.status == 200)
        #expect(clock.sleeps == [1])
        #expect(attempts.items[0].outcome == .retrying(after: 1, reason: "HTTP 429, Retry-After 1 s"))
    }

    @Test func a429WithAnHTTPDateRetryAfterWaitsUntilThen() throws {
        let calls = Counter()
        let server = try startServer { _ in
            guard calls.next() > 1 else {
                var response = HTTPResponse.status(429)
                // FakeClock.start is 08:00:00 on that day: 7 s later.
                response.headers.append(("Retry-After", "Fri, 15 Jan 2027 08:00:07 GMT"))
                return response
            }
            return .text("ok")
        }
        defer { server.stop() }
        let clock = FakeClock(fraction: 0)
        let response = try Fetcher(options: testOptions(), clock: clock).fetch(server.baseURL + "/")
        #expect(response.status == 200)
        #expect(clock.sleeps == [7])
    }

    @Test func retryAfterParsing() {
        let now = FakeClock.start
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Fri, 15 Jan 2027 08:01:00 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("Friday, 15-Jan-27 08:01:00 GMT", now: now) == 60)   // RFC 850
        #expect(RetryAfter.seconds("Fri Jan 15 08:01:00 2027", now: now) == 60)        // asctime
        #expect(RetryAfter.seconds("Thu, 01 Jan 2026 00:00:00 GMT", now: now) == 0)   // in the past
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("-5", now: now) == nil)
        #expect(RetryAfter.seconds("", now: now) == nil)
    }

    @Test func aRetryAfterBeyondTheCapEndsTheRetries() throws {
        let server = try startServer { _ in
            var response = HTTPResponse.status(503)
            response.headers.append(("Retry-After", "3600"))
            return response
        }
        defer { server.stop() }
        let clock = FakeClock()
        let url = server.baseURL + "/busy"
        do {
            _ = try Fetcher(options: testOptions(), clock: clock).fetch(url)
            Issue.record("expected an error")
        } catch {
            #expect(error == .retryAfterTooLong(url: url, status: 503, retryAfter: 3600, allowed: 300, byDeadline: false))
            #expect(error.description.contains(url))
            #expect(error.description.contains("3600 s"))
            #expect(error.description.contains("maxRetryAfter"))
            #expect(error.isTransient)
        }
        #expect(clock.sleeps.isEmpty)
        #expect(server.requestCount == 1)
    }

    @Test func a503ForeverGivesUpAfterMaxAttempts() throws {
        let server = try startServer { _ in .status(503) }
        defer { server.stop() }
        let url = server.baseURL + "/down"
        let clock = FakeClock(fraction: 1)
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions(), clock: clock, onAttempt: attempts.observer)
        do {
            _ = try fetcher.fetch(url)
            Issue.record("expected an error")
        } catch {
            guard case .gaveUp(let failedURL, let count, .httpStatus(_, 503, _)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(failedURL == url)
            #expect(count == 4)
            #expect(error.description.contains(url))
            #expect(error.description.contains("HTTP 503"))
            #expect(error.description.contains("4 attempts"))
            #expect(error.isTransient)
        }
        #expect(server.requestCount == 4)
        #expect(clock.sleeps == [1, 2, 4])
        #expect(attempts.items.count == 4)
        #expect(attempts.items.last?.outcome == .failed(reason: "HTTP 503"))
        #expect(fetcher.stats.requests == 4)
        #expect(fetcher.stats.retries == 3)
        #expect(fetcher.stats.failures == 1)
    }

    @Test func backoffDelaysGrowAndStayUnderTheCap() throws {
        let server = try startServer { _ in .status(502) }
        defer { server.stop() }
        let clock = FakeClock(fraction: 1)
        let options = testOptions { $0.retry = RetryPolicy(maxAttempts: 8, baseDelay: 1, maxDelay: 5) }
        #expect(throws: FetchError.self) { try Fetcher(options: options, clock: clock).fetch(server.baseURL + "/") }
        let delays = clock.sleeps
        #expect(delays == [1, 2, 4, 5, 5, 5, 5])
        #expect(delays.allSatisfy { $0 <= 5 })
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func fullJitterStaysBetweenZeroAndTheCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 60)
        #expect(policy.maxAttempts == 10)
        #expect((1...10).map { policy.ceiling(afterAttempt: $0) } == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60])
        #expect(policy.delay(afterAttempt: 3, fraction: 0) == 0)
        #expect(policy.delay(afterAttempt: 3, fraction: 0.5) == 2)
        #expect(policy.delay(afterAttempt: 3, fraction: 1) == 4)
        #expect(policy.ceiling(afterAttempt: 1_000) == 60)
        let clock = SystemFetchClock()
        for attempt in 1...10 {
            let delay = policy.delay(afterAttempt: attempt, fraction: clock.randomFraction())
            #expect(delay >= 0 && delay <= policy.ceiling(afterAttempt: attempt))
        }
        var fixed = policy
        fixed.jitter = .none
        #expect(fixed.delay(afterAttempt: 2, fraction: 0.1) == 2)
        let defaults = RetryPolicy()
        #expect(defaults.maxAttempts == 4 && defaults.baseDelay == 1 && defaults.maxDelay == 60)
        #expect(defaults.jitter == .full && defaults.maxRetryAfter == 300)
    }

    @Test func a404IsReturnedAfterOneAttempt() throws {
        let server = try startServer { _ in .status(404) }
        defer { server.stop() }
        let clock = FakeClock()
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions(), clock: clock, onAttempt: attempts.observer)
        let response = try fetcher.fetch(server.baseURL + "/missing")
        #expect(response.status == 404)
        #expect(server.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
        #expect(attempts.items.map(\.outcome) == [.failed(reason: "HTTP 404")])
        #expect(fetcher.stats.failures == 1)
        #expect(fetcher.stats.retries == 0)
    }

    @Test func a408IsRetried() throws {
        let calls = Counter()
        let server = try startServer { _ in calls.next() == 1 ? .status(408) : .text("ok") }
        defer { server.stop() }
        let response = try Fetcher(options: testOptions(), clock: FakeClock()).fetch(server.baseURL + "/")
        #expect(response.status == 200)
        #expect(server.requestCount == 2)
    }

    @Test func aRefusedConnectionIsRetriedThenGivenUp() throws {
        let server = try startServer { _ in .status(200) }
        let url = server.baseURL + "/gone"
        server.stop()
        let clock = FakeClock()
        let attempts = Recorder<FetchAttempt>()
        let options = testOptions { $0.retry.maxAttempts = 3 }
        do {
            _ = try Fetcher(options: options, clock: clock, onAttempt: attempts.observer).fetch(url)
            Issue.record("expected an error")
        } catch {
            guard case .gaveUp(url, 3, .transport(_, let code, _)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(code == 7)  // CURLE_COULDNT_CONNECT
            #expect(error.description.contains(url))
            #expect(error.description.contains("all 3 attempts"))
            #expect(error.isTransient)
        }
        #expect(clock.sleeps == [1, 2])
        #expect(attempts.items.count == 3)
        #expect(attempts.items.allSatisfy { $0.status == nil && $0.error != nil })
        #expect(attempts.items[0].outcome.retryReason?.hasPrefix("libcurl error 7") == true)
    }

    @Test func aConnectionClosedWithoutAnAnswerIsRetried() throws {
        let calls = Counter()
        let server = try startServer { _ in
            guard calls.next() > 1 else {
                var response = HTTPResponse.text("never sent")
                response.closeWithoutResponse = true
                return response
            }
            return .text("ok")
        }
        defer { server.stop() }
        let attempts = Recorder<FetchAttempt>()
        let response = try Fetcher(options: testOptions(), clock: FakeClock(), onAttempt: attempts.observer)
            .fetch(server.baseURL + "/")
        #expect(response.body == Array("ok".utf8))
        #expect(attempts.items[0].outcome.retryReason?.hasPrefix("libcurl error 52") == true)  // CURLE_GOT_NOTHING
    }

    @Test func aTruncatedBodyIsRetried() throws {
        let calls = Counter()
        let body = String(repeating: "y", count: 1_000)
        let server = try startServer { _ in
            var response = HTTPResponse.text(body)
            if calls.next() == 1 { response.lieAboutContentLength = 5_000 }
            return response
        }
        defer { server.stop() }
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions(), clock: FakeClock(), onAttempt: attempts.observer)
        let response = try fetcher.fetch(server.baseURL + "/")
        #expect(response.body.count == 1_000)
        #expect(attempts.items.count == 2)
        #expect(attempts.items[0].status == 200)
        #expect(attempts.items[0].bytes == 1_000)
        #expect(attempts.items[0].outcome.retryReason?.hasPrefix("libcurl error 18") == true)  // CURLE_PARTIAL_FILE
        #expect(fetcher.stats.bytes == 2_000)
    }

    @Test func aRedirectLoopStopsAndIsNotRetried() throws {
        let server = try startServer { request in
            HTTPResponse(status: 302, headers: [("Location", request.path == "/a" ? "/b" : "/a")])
        }
        defer { server.stop() }
        let url = server.baseURL + "/a"
        let clock = FakeClock()
        do {
            _ = try Fetcher(options: testOptions(), clock: clock).fetch(url)
            Issue.record("expected an error")
        } catch {
            guard case .tooManyRedirects(url, 5, let last) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(last.hasPrefix(server.baseURL))
            #expect(error.description.contains("redirected more than 5 times"))
            #expect(!error.isTransient)
        }
        #expect(server.requestCount == 6)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aSlowDripIsCutOffByTheLowSpeedLimitAndRetried() throws {
        let calls = Counter()
        let server = try startServer { _ in
            var response = HTTPResponse.text(String(repeating: "x", count: 50))
            if calls.next() == 1 { response.chunkDelay = (bytesPerChunk: 1, delay: .milliseconds(100)) }
            return response
        }
        defer { server.stop() }
        let attempts = Recorder<FetchAttempt>()
        let options = testOptions {
            $0.lowSpeedBytesPerSecond = 1_000
            $0.lowSpeedSeconds = 1
        }
        let response = try Fetcher(options: options, clock: FakeClock(), onAttempt: attempts.observer)
            .fetch(server.baseURL + "/")
        #expect(response.body.count == 50)
        #expect(attempts.items.count == 2)
        // CURLE_OPERATION_TIMEDOUT, with libcurl's own detail in the error buffer.
        #expect(attempts.items[0].outcome.retryReason?.hasPrefix("libcurl error 28") == true)
        #expect(attempts.items[0].error?.contains("too slow") == true, "\(attempts.items[0].error ?? "")")
    }

    @Test func badURLsAndSchemesAreNotRetried() throws {
        let clock = FakeClock()
        let fetcher = Fetcher(options: testOptions(), clock: clock)
        #expect(throws: FetchError.invalidURL("no scheme")) { try fetcher.fetch("no scheme") }
        #expect(throws: FetchError.schemeNotAllowed(url: "ftp://example.org/x", scheme: "ftp")) {
            try fetcher.fetch("ftp://example.org/x")
        }
        #expect(clock.sleeps.isEmpty)
        #expect(fetcher.stats.requests == 0)
        #expect(fetcher.stats.failures == 2)
    }

    @Test func transientClassification() {
        #expect(FetchError.transport(url: "u", code: 7, message: "").isTransient)
        #expect(FetchError.transport(url: "u", code: 28, message: "").isTransient)
        #expect(!FetchError.transport(url: "u", code: 47, message: "").isTransient)
        #expect(!FetchError.transport(url: "u", code: 60, message: "").isTransient)
        #expect(FetchError.httpStatus(url: "u", status: 429, excerpt: "").isTransient)
        #expect(FetchError.httpStatus(url: "u", status: 408, excerpt: "").isTransient)
        #expect(!FetchError.httpStatus(url: "u", status: 410, excerpt: "").isTransient)
        #expect(!FetchError.bodyTooLarge(url: "u", limit: 1).isTransient)
        let gaveUp = FetchError.gaveUp(url: "https://x/y", attempts: 4, last: .httpStatus(url: "https://x/y", status: 503, excerpt: ""))
        #expect(gaveUp.description == "The server answered https://x/y with HTTP 503 on the last of 4 attempts; fedcat gave up.")
    }
}
