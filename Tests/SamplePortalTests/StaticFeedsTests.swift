import Foundation
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("Static feed files")
struct StaticFeedsTests {
    static func request(_ target: String, headers: [(name: String, value: String)] = []) -> HTTPRequest {
        HTTPRequest(method: "GET", target: target, headers: [(name: "Host", value: "127.0.0.1")] + headers, body: [])!
    }

    @Test func servesFilesWithTheirTypeAndAnswers304WhenUnchanged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("<a> <b> <c> .\n".utf8).write(to: directory.appendingPathComponent("catalog.ttl"))
        let feeds = StaticFeeds(directory: directory)
        let response = try #require(feeds.handle(Self.request("/files/catalog.ttl")))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/turtle; charset=utf-8")
        let etag = try #require(response.header("ETag"))
        #expect(feeds.handle(Self.request("/files/catalog.ttl", headers: [(name: "If-None-Match", value: etag)]))?.status == 304)
        #expect(feeds.handle(Self.request("/files/missing.ttl"))?.status == 404)
        #expect(feeds.handle(Self.request("/files/../etc/passwd"))?.status == 404)
        #expect(feeds.handle(Self.request("/lakeside/api/3/action/package_search")) == nil)
    }
}
