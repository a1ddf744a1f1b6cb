#if canImport(Glibc)
import Glibc
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import LoopbackHTTP
import SamplePortal

private func session() -> URLSession {
    let config = URLSessionConfiguration.ephemeral
    config.timeoutIntervalForRequest = 10
    return URLSession(configuration: config)
}

@Suite("Sample portal over HTTP")
struct EndToEndTests {
    @Test func harvestAllPagesOverHTTP() async throws {
        let server = try LoopbackServer(handler: Fixtures.api.handler)
        try server.start()
        defer { server.stop() }
        let s = session()
        var ids: [String] = []
        var start = 0
        while true {
            let url = URL(string: "\(server.baseURL)/testland/api/3/action/package_search?rows=10&start=\(start)&sort=metadata_modified+desc")!
            let (data, response) = try await s.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["help"] as? String == "\(server.baseURL)/testland/api/3/action/help_show?name=package_search")
            let result = try #require(object["result"] as? [String: Any])
            let page = (result["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            ids += page
            start += 10
            if start >= (result["count"] as? Int ?? 0) { break }
        }
        #expect(ids == expectedDefaultOrder())
        #expect(server.requestCount == 3)  // 25 packages in pages of 10: no extra request
        #expect(server.connectionCount <= 3)  // URLSession usually reuses one connection, but need not
    }

    @Test func errorsOverHTTP() async throws {
        let server = try LoopbackServer(handler: Fixtures.api.handler)
        try server.start()
        defer { server.stop() }
        let (data, response) = try await session().data(from: URL(string: "\(server.baseURL)/testland/api/3/action/package_search?rows=x")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 409)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["success"] as? Bool == false)
        let (_, missing) = try await session().data(from: URL(string: "\(server.baseURL)/elsewhere/api/3/action/package_list")!)
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)

        var head = URLRequest(url: URL(string: "\(server.baseURL)/testland/api/3/action/package_list")!)
        head.httpMethod = "HEAD"
        let (headData, headResponse) = try await session().data(for: head)
        #expect(headData.isEmpty)
        #expect(Int((headResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Length") ?? "") ?? 0 > 100)
    }
}

/// The sample-portal executable, built next to the test bundle by `swift build --build-tests` / `swift test`.
private let executable: URL? = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("sample-portal")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return nil
}()

private struct Run {
    var status: Int32
    var stderr: String
}

private func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = executable!
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
}

@Suite("sample-portal executable", .enabled(if: executable != nil, "sample-portal binary not built"))
struct ExecutableTests {
    @Test func badArgumentsExit64() throws {
        for args in [[], ["--samples"], ["--bogus"], ["--samples", "x", "--port", "70000"]] {
            let r = try run(args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("usage: sample-portal --samples DIR"), "\(args)")
        }
    }

    @Test func unreadableSamplesExit66() throws {
        let broken = try run(["--samples", Fixtures.broken.path])
        #expect(broken.status == 66)
        #expect(broken.stderr.contains("broken/broken.json"))
        let missing = try run(["--samples", "/nonexistent/samples"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/samples"))
    }

    @Test func servesUntilSIGTERM() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-sp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let portFile = dir.appendingPathComponent("port")

        let process = Process()
        process.executableURL = executable!
        process.arguments = ["--samples", Fixtures.directory.path, "--port-file", portFile.path]
        let err = Pipe()
        process.standardError = err
        try process.run()

        var port: Int? = nil
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8) {
                port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(port != nil, "partial port file: \(text)")
                break
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let p = try #require(port)
        let (data, response) = try await session().data(from: URL(string: "http://127.0.0.1:\(p)/tinyville/api/3/action/package_list")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains(#""result": ["budget","velos"]"#))

        kill(process.processIdentifier, SIGTERM)
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: stderrData, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(stderr.contains("sample-portal: serving 2 portals (testland, tinyville) at http://127.0.0.1:\(p)/<portal>/api/3/action/..."))
        #expect(!FileManager.default.fileExists(atPath: portFile.path))
    }
}
