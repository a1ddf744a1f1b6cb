import Fetch
import Foundation
import LoopbackHTTP
import Testing

@Suite("Size limits and the run deadline")
struct LimitsTests {
    /// 50 000 000 zero bytes, gzipped (48 622 bytes), made with Python's gzip module (mtime=0).
    static func gzipBomb() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/zeros-50MB.gz")
        return Array(try Data(contentsOf: url))
    }

    static func gzipServer(_ bytes: [UInt8]) throws -> LoopbackServer {
        try startServer { _ in
            HTTPResponse(status: 200, headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/octet-stream")],
                         body: bytes)
        }
    }

    @Test func aGzipBombIsStoppedAtMaxBodyBytes() throws {
        let bomb = try Self.gzipBomb()
        #expect(bomb.count < 100_000)
        let server = try Self.gzipServer(bomb)
        defer { server.stop() }
        let url = server.baseURL + "/bomb"
        let limit = 1_048_576
        let attempts = Recorder<FetchAttempt>()
        let clock = FakeClock()
        let fetcher = Fetcher(options: testOptions { $0.maxBodyBytes = limit }, clock: clock, onAttempt: attempts.observer)
        #expect(throws: FetchError.bodyTooLarge(url: url, limit: limit)) { try fetcher.fetch(url) }
        let attempt = try #require(attempts.items.first)
        #expect(attempts.items.count == 1)           // not retried
        #expect(attempt.bytes <= limit)              // never held more than the limit
        #expect(attempt.wireBytes <= bomb.count)     // read at most the 48 KB on the wire
        #expect(clock.sleeps.isEmpty)
        #expect(server.requestCount == 1)
    }

    @Test func theGzipBombFixtureReallyIs50MBOfZeros() throws {
        let server = try Self.gzipServer(try Self.gzipBomb())
        defer { server.stop() }
        let response = try Fetcher(options: testOptions { $0.maxBodyBytes = 64_000_000 }).get(server.baseURL + "/")
        #expect(response.body.count == 50_000_000)
        #expect(response.body.allSatisfy { $0 == 0 })
    }

    @Test func maxCompressedBytesStopsAnAnnouncedLargeBody() throws {
        let server = try startServer { _ in .text(String(repeating: "z", count: 5_000)) }
        defer { server.stop() }
        let url = server.baseURL + "/big"
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions { $0.maxCompressedBytes = 1_000 }, clock: FakeClock(),
                              onAttempt: attempts.observer)
        do {
            _ = try fetcher.fetch(url)
            Issue.record("expected an error")
        } catch {
            #expect(error == .transferTooLarge(url: url, limit: 1_000))
            #expect(error.description.contains("1000 bytes"))
            #expect(!error.isTransient)
        }
        #expect(attempts.items.count == 1)
        #expect(attempts.items[0].bytes == 0)        // refused on the Content-Length, before the body
        #expect(server.requestCount == 1)
    }

    @Test func maxCompressedBytesCountsTheCompressedSize() throws {
        // 48 KB on the wire, 50 MB decompressed: a 100 KB transfer limit lets it through.
        let server = try Self.gzipServer(try Self.gzipBomb())
        defer { server.stop() }
        let options = testOptions {
            $0.maxCompressedBytes = 100_000
            $0.maxBodyBytes = 64_000_000
        }
        #expect(try Fetcher(options: options).get(server.baseURL + "/").body.count == 50_000_000)
        let tight = testOptions { $0.maxCompressedBytes = 10_000 }
        #expect(throws: FetchError.transferTooLarge(url: server.baseURL + "/", limit: 10_000)) {
            try Fetcher(options: tight).get(server.baseURL + "/")
        }
    }

    @Test func maxCompressedBytesAlsoCountsTheBytesReceived() throws {
        // libcurl 7.88 checks CURLOPT_MAXFILESIZE_LARGE only against an announced size; file:// announces
        // none here, so this exercises fedcat's own count of the bytes received (progress callback).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-limit-\(UUID().uuidString).bin")
        try Data(count: 5_000).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let options = testOptions {
            $0.allowFileURLs = true
            $0.maxCompressedBytes = 1_000
        }
        #expect(throws: FetchError.transferTooLarge(url: file.absoluteString, limit: 1_000)) {
            try Fetcher(options: options).fetch(file.absoluteString)
        }
        var roomy = options
        roomy.maxCompressedBytes = 5_000
        let attempts = Recorder<FetchAttempt>()
        let local = try Fetcher(options: roomy, onAttempt: attempts.observer).fetch(file.absoluteString)
        #expect(local.body.count == 5_000)
        #expect(local.status == 200)   // libcurl reports 0 for file://; fedcat reports a complete read as 200
        #expect(attempts.items.map(\.outcome) == [.success])
    }

    @Test func noAttemptStartsAfterTheRunDeadline() throws {
        let server = try startServer { _ in .text("ok") }
        defer { server.stop() }
        let url = server.baseURL + "/late"
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions { $0.runDeadline = Date().addingTimeInterval(-1) },
                              onAttempt: attempts.observer)
        #expect(throws: FetchError.deadlineExceeded(url: url)) { try fetcher.fetch(url) }
        #expect(throws: FetchError.deadlineExceeded(url: url)) { try fetcher.get(url) }
        #expect(server.requestCount == 0)
        #expect(fetcher.stats.requests == 0)
        #expect(fetcher.stats.failures == 2)
        #expect(attempts.items.count == 2)
        #expect(FetchError.deadlineExceeded(url: url).description.contains(url))
    }

    @Test func theRunDeadlineCutsARunningTransfer() throws {
        let server = try startServer { _ in
            var response = HTTPResponse.text(String(repeating: "x", count: 50))
            response.chunkDelay = (bytesPerChunk: 1, delay: .milliseconds(200))   // 10 s in all
            return response
        }
        defer { server.stop() }
        let url = server.baseURL + "/slow"
        let options = testOptions {
            $0.requestTimeout = 30
            $0.runDeadline = Date().addingTimeInterval(1)
        }
        #expect(throws: FetchError.deadlineExceeded(url: url)) { try Fetcher(options: options).fetch(url) }
        #expect(server.requestCount == 1)   // a deadline is not retried
    }

    @Test func backoffThatWouldCrossTheDeadlineStops() throws {
        let server = try startServer { _ in .status(503) }
        defer { server.stop() }
        let url = server.baseURL + "/"
        let clock = FakeClock(fraction: 1)
        let options = testOptions { $0.runDeadline = FakeClock.start.addingTimeInterval(2.5) }
        // Attempt 1, wait 1 s, attempt 2, then a 2 s wait would end after the deadline.
        #expect(throws: FetchError.deadlineExceeded(url: url)) { try Fetcher(options: options, clock: clock).fetch(url) }
        #expect(clock.sleeps == [1])
        #expect(server.requestCount == 2)
    }

    @Test func aRetryAfterBeyondTheDeadlineStops() throws {
        let server = try startServer { _ in
            var response = HTTPResponse.status(429)
            response.headers.append(("Retry-After", "30"))
            return response
        }
        defer { server.stop() }
        let url = server.baseURL + "/"
        let clock = FakeClock()
        let options = testOptions { $0.runDeadline = FakeClock.start.addingTimeInterval(10) }
        do {
            _ = try Fetcher(options: options, clock: clock).fetch(url)
            Issue.record("expected an error")
        } catch {
            #expect(error == .retryAfterTooLong(url: url, status: 429, retryAfter: 30, allowed: 10, byDeadline: true))
            #expect(error.description.contains("only 10 s are left before the run deadline"))
        }
        #expect(clock.sleeps.isEmpty)
    }
}
