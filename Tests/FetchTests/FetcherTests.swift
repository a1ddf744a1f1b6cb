import Fetch
import Foundation
import LoopbackHTTP
import Testing

@Suite("libcurl fetcher")
struct FetcherTests {
    static func server(_ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws -> LoopbackServer {
        let server = try LoopbackServer(handler: handler)
        try server.start()
        return server
    }

    static func options(_ change: (inout FetchOptions) -> Void = { _ in }) -> FetchOptions {
        var options = FetchOptions(userAgent: "fedcat/test")
        options.requestTimeout = 10
        change(&options)
        return options
    }

    @Test func sendsUserAgentAndReadsHeaders() throws {
        let server = try Self.server { request in
            var response = HTTPResponse.json(#"{"ua":"\#(request.header("User-Agent") ?? "")"}"#)
            response.headers += [("ETag", "\"v1\""), ("Last-Modified", "Tue, 03 Nov 2026 10:00:00 GMT")]
            return response
        }
        defer { server.stop() }
        let response = try Fetcher(options: Self.options()).get("\(server.baseURL)/x?a=1", headers: [("Accept", "application/json")])
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ua":"fedcat/test"}"#)
        #expect(response.headers["etag"] == "\"v1\"")
        #expect(response.headers["last-modified"] == "Tue, 03 Nov 2026 10:00:00 GMT")
        #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
    }

    @Test func decodesGzipBodies() throws {
        // gzip of {"gzipped": true, "text": "abcabc…"} (629 bytes), made with Python's gzip module.
        let gzipped: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 74, 175, 202, 44, 40, 72, 77, 81, 178, 82, 40, 41, 42, 77,
                                213, 81, 80, 42, 73, 173, 40, 1, 242, 148, 18, 147, 146, 71, 209, 40, 162, 58, 82, 170, 5, 0, 214,
                                168, 221, 112, 117, 2, 0, 0]
        let server = try Self.server { request in
            guard request.header("Accept-Encoding")?.contains("gzip") == true else { return .status(406) }
            return HTTPResponse(status: 200, headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/json")], body: gzipped)
        }
        defer { server.stop() }
        let response = try Fetcher(options: Self.options()).get(server.baseURL + "/")
        #expect(response.status == 200)
        #expect(response.body.count == 629)
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix(#"{"gzipped": true, "text": "abcabc"#))
        #expect(throws: FetchError.bodyTooLarge(url: server.baseURL + "/", limit: 100)) {
            try Fetcher(options: Self.options { $0.maxBodyBytes = 100 }).get(server.baseURL + "/")
        }
    }

    @Test func followsRedirectsUpToTheLimit() throws {
        let server = try Self.server { request in
            let step = Int(request.path.dropFirst()) ?? 0
            guard step < 10 else { return .text("arrived") }
            return HTTPResponse(status: 302, headers: [("Location", "/\(step + 1)")])
        }
        defer { server.stop() }
        let near = try Fetcher(options: Self.options()).get("\(server.baseURL)/7")
        #expect(String(decoding: near.body, as: UTF8.self) == "arrived")
        #expect(near.effectiveURL == "\(server.baseURL)/10")
        #expect(throws: FetchError.self) { try Fetcher(options: Self.options()).get("\(server.baseURL)/0") }
    }

    @Test func returnsHTTPErrorsAsResponses() throws {
        let server = try Self.server { _ in .status(503) }
        defer { server.stop() }
        let response = try Fetcher(options: Self.options()).get(server.baseURL + "/")
        #expect(response.status == 503)
        #expect(!response.isSuccess)
        #expect(FetchError.httpStatus(url: "u", status: 503, excerpt: "").isTransient)
        #expect(!FetchError.httpStatus(url: "u", status: 404, excerpt: "").isTransient)
    }

    @Test func stopsBodiesOverTheLimit() throws {
        let server = try Self.server { _ in .text(String(repeating: "x", count: 100_000)) }
        defer { server.stop() }
        #expect(throws: FetchError.bodyTooLarge(url: server.baseURL + "/", limit: 10_000)) {
            try Fetcher(options: Self.options { $0.maxBodyBytes = 10_000 }).get(server.baseURL + "/")
        }
    }

    @Test func aSpooledBodyGoesToAFileThatIsRemovedWithTheResponse() throws {
        let text = String(repeating: "0123456789", count: 10_000)
        let server = try Self.server { _ in .text(text) }
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fetcher = Fetcher(options: Self.options {
            $0.spoolAboveBytes = 10_000
            $0.spoolDirectory = directory
            $0.maxBodyBytes = 50_000
        })
        var response: FetchResponse? = try fetcher.fetch(server.baseURL + "/", spool: true)
        let file = try #require(response?.spooled)
        #expect(response?.body.isEmpty == true)
        #expect(file.count == 100_000)
        #expect(file.path.hasPrefix(directory + "/fedcat-body-"))
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == text)
        #expect(response?.bodyExcerpt(12) == "012345678901…")
        response = nil
        #expect(FileManager.default.fileExists(atPath: file.path))   // still held here
        let path = file.path
        _ = consume file
        #expect(!FileManager.default.fileExists(atPath: path))
        // Below the threshold the body stays in memory; without spool, maxBodyBytes applies.
        let small = try Fetcher(options: Self.options { $0.spoolAboveBytes = 200_000 }).fetch(server.baseURL + "/", spool: true)
        #expect(small.spooled == nil && small.body.count == 100_000)
        #expect(throws: FetchError.bodyTooLarge(url: server.baseURL + "/", limit: 50_000)) { try fetcher.fetch(server.baseURL + "/") }
    }

    @Test func aSpooledBodyHasItsOwnLimitAndNamesAnUnwritableDirectory() throws {
        let server = try Self.server { _ in .text(String(repeating: "x", count: 100_000)) }
        defer { server.stop() }
        let url = server.baseURL + "/"
        #expect(throws: FetchError.transferTooLarge(url: url, limit: 60_000)) {   // announced by Content-Length
            try Fetcher(options: Self.options { $0.spoolAboveBytes = 10_000; $0.maxSpooledBytes = 60_000 }).fetch(url, spool: true)
        }
        let error = #expect(throws: FetchError.self) {
            try Fetcher(options: Self.options { $0.spoolAboveBytes = 10_000; $0.spoolDirectory = "/nonexistent/fedcat" }).fetch(url, spool: true)
        }
        #expect(error == .spoolFailed(url: url, directory: "/nonexistent/fedcat", reason: "No such file or directory"))
        #expect(error?.description.contains("could not be written to a file in /nonexistent/fedcat") == true)
    }

    @Test func spooledBodiesGoToTMPDIRElseVarTmpNotATmpfs() {
        #expect(FetchOptions.spoolDirectory(environment: ["TMPDIR": "/scratch"], varTmpWritable: true) == "/scratch")
        #expect(FetchOptions.spoolDirectory(environment: ["TMPDIR": ""], varTmpWritable: true) == "/var/tmp")
        #expect(FetchOptions.spoolDirectory(environment: [:], varTmpWritable: true) == "/var/tmp")
        #expect(FetchOptions.spoolDirectory(environment: [:], varTmpWritable: false) == NSTemporaryDirectory())
    }

    @Test func aLargeLocalFileIsReadWhereItIsNotCopied() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat local \(UUID().uuidString).json").path
        try Data(String(repeating: "x", count: 50_000).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let url = URL(fileURLWithPath: path).absoluteString   // percent-encoded: "fedcat%20local"
        let local = Fetcher(options: Self.options { $0.allowFileURLs = true; $0.spoolAboveBytes = 10_000 })
        var response: FetchResponse? = try local.fetch(url, spool: true)
        #expect(response?.spooled?.path == path)
        #expect(response?.spooled?.temporary == false && response?.spooled?.count == 50_000 && response?.status == 200)
        #expect(local.stats.requests == 1 && local.stats.bytes == 50_000)
        response = nil
        #expect(FileManager.default.fileExists(atPath: path))   // a source's own file is left alone
        // Smaller than the threshold, without spool, or over the limit: as before.
        #expect(try local.fetch(url).body.count == 50_000)
        #expect(try Fetcher(options: Self.options { $0.allowFileURLs = true }).fetch(url, spool: true).spooled == nil)
        #expect(throws: FetchError.bodyTooLarge(url: url, limit: 20_000)) {
            try Fetcher(options: Self.options { $0.allowFileURLs = true; $0.spoolAboveBytes = 10_000; $0.maxSpooledBytes = 20_000 })
                .fetch(url, spool: true)
        }
        #expect(throws: FetchError.schemeNotAllowed(url: url, scheme: "file")) { try Fetcher(options: Self.options()).fetch(url, spool: true) }
    }

    @Test func cutsOffASlowDrip() throws {
        let server = try Self.server { _ in
            var response = HTTPResponse.text(String(repeating: "x", count: 50))
            response.chunkDelay = (bytesPerChunk: 1, delay: .milliseconds(200))
            return response
        }
        defer { server.stop() }
        // The whole body would take 10 s; a 1 s deadline must cut it off with an error.
        #expect(throws: FetchError.self) {
            try Fetcher(options: Self.options { $0.requestTimeout = 1 }).get(server.baseURL + "/")
        }
    }

    @Test func refusesOtherSchemesUnlessLocal() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-fetch-\(UUID().uuidString).json")
        try Data("{}".utf8).write(to: file)
        #expect(throws: FetchError.schemeNotAllowed(url: file.absoluteString, scheme: "file")) {
            try Fetcher(options: Self.options()).get(file.absoluteString)
        }
        #expect(throws: FetchError.invalidURL("no scheme here")) { try Fetcher(options: Self.options()).get("no scheme here") }
        let local = try Fetcher(options: Self.options { $0.allowFileURLs = true }).get(file.absoluteString)
        #expect(local.body == Array("{}".utf8))
    }

    @Test func aRedirectCannotLeadToAFile() throws {
        let server = try Self.server { _ in HTTPResponse(status: 302, headers: [("Location", "file:///etc/passwd")]) }
        defer { server.stop() }
        #expect(throws: FetchError.self) {
            try Fetcher(options: Self.options { $0.allowFileURLs = true }).get(server.baseURL + "/")
        }
    }

    @Test func aRefusedConnectionNamesTheURL() throws {
        let server = try Self.server { _ in .status(200) }
        let url = server.baseURL + "/gone"
        server.stop()
        do {
            _ = try Fetcher(options: Self.options()).get(url)
            Issue.record("expected a transport error")
        } catch {
            #expect(error.isTransient)
            #expect(error.description.contains(url))
        }
    }
}
