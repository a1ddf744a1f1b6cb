import Fetch
import LoopbackHTTP
import Testing

@Suite("Compressed transfer")
struct EncodingTests {
    @Test func acceptEncodingOffersGzipAndDeflate() throws {
        let seen = Recorder<String>()
        let server = try startServer { request in
            seen.append(request.header("Accept-Encoding") ?? "")
            return .text("ok")
        }
        defer { server.stop() }
        _ = try Fetcher(options: testOptions()).fetch(server.baseURL + "/")
        let header = try #require(seen.items.first)
        let offered = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(offered.contains("gzip"))
        #expect(offered.contains("deflate"))
        #expect(Set(offered) == Set(CurlFeatures.offeredEncodings))
        print("libcurl: \(CurlFeatures.version)")
        print("Accept-Encoding sent: \(header)")
    }
}
