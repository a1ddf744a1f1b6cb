import Fetch
import Foundation
import LoopbackHTTP
import Testing

@Suite("Conditional GET")
struct ConditionalGetTests {
    @Test func anETagCycleEndsInA304() throws {
        let seen = Recorder<String>()
        let server = try startServer { request in
            let condition = request.header("If-None-Match")
            seen.append(condition ?? "-")
            if condition == "W/\"v1\"" { return HTTPResponse(status: 304, headers: [("ETag", "W/\"v1\"")]) }
            var response = HTTPResponse.json(#"{"version":1}"#)
            response.headers.append(("ETag", "W/\"v1\""))
            return response
        }
        defer { server.stop() }
        let attempts = Recorder<FetchAttempt>()
        let fetcher = Fetcher(options: testOptions(), clock: FakeClock(), onAttempt: attempts.observer)
        let first = try fetcher.fetch(server.baseURL + "/catalog.json")
        #expect(first.status == 200)
        #expect(first.validators == Validators(etag: "W/\"v1\""))

        let second = try fetcher.fetch(server.baseURL + "/catalog.json", validators: first.validators)
        #expect(second.status == 304)
        #expect(second.isNotModified)
        #expect(second.body.isEmpty)
        #expect(second.validators?.etag == "W/\"v1\"")
        #expect(seen.items == ["-", "W/\"v1\""])
        #expect(attempts.items.map(\.outcome) == [.success, .notModified])
        #expect(fetcher.stats.notModified == 1)
        #expect(fetcher.stats.requests == 2)
        #expect(fetcher.stats.failures == 0)
    }

    @Test func aLastModifiedCycleEndsInA304() throws {
        let stamp = "Tue, 03 Nov 2026 10:00:00 GMT"
        let seen = Recorder<String>()
        let server = try startServer { request in
            let condition = request.header("If-Modified-Since")
            seen.append(condition ?? "-")
            if condition == stamp { return HTTPResponse(status: 304) }
            var response = HTTPResponse.text("data")
            response.headers.append(("Last-Modified", stamp))
            return response
        }
        defer { server.stop() }
        let fetcher = Fetcher(options: testOptions(), clock: FakeClock())
        let first = try fetcher.fetch(server.baseURL + "/")
        #expect(first.validators == Validators(lastModified: stamp))
        let second = try fetcher.fetch(server.baseURL + "/", validators: first.validators)
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(seen.items == ["-", stamp])
        #expect(fetcher.stats.notModified == 1)
    }

    @Test func bothValidatorsAreSentAndAChangedResourceComesBackWhole() throws {
        let seen = Recorder<String>()
        let server = try startServer { request in
            seen.append("\(request.header("If-None-Match") ?? "-") | \(request.header("If-Modified-Since") ?? "-")")
            var response = HTTPResponse.text("new")
            response.headers += [("ETag", "\"v2\""), ("Last-Modified", "Wed, 04 Nov 2026 10:00:00 GMT")]
            return response
        }
        defer { server.stop() }
        let old = Validators(etag: "\"v1\"", lastModified: "Tue, 03 Nov 2026 10:00:00 GMT")
        let fetcher = Fetcher(options: testOptions(), clock: FakeClock())
        let response = try fetcher.fetch(server.baseURL + "/", validators: old)
        #expect(response.status == 200)
        #expect(response.body == Array("new".utf8))
        #expect(response.validators == Validators(etag: "\"v2\"", lastModified: "Wed, 04 Nov 2026 10:00:00 GMT"))
        #expect(seen.items == ["\"v1\" | Tue, 03 Nov 2026 10:00:00 GMT"])
        #expect(fetcher.stats.notModified == 0)
    }

    @Test func validatorsAreCodable() throws {
        let validators = Validators(etag: "\"abc\"", lastModified: nil)
        let data = try JSONEncoder().encode(validators)
        #expect(try JSONDecoder().decode(Validators.self, from: data) == validators)
        #expect(Validators().isEmpty)
        #expect(Validators().requestHeaders.isEmpty)
    }
}
