import Fetch
import Foundation
import LoopbackHTTP
import SamplePortal
import Testing

@Suite("fedcat serve as a process")
struct ServeCLITests {
    /// Starts `fedcat serve --port 0 ARGS`, waits for the URL it prints, and returns the process, the URL and its stderr.
    static func start(_ cli: CLI, _ arguments: [String]) throws -> (process: Process, url: String, stderr: Pipe) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = cli.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        let line = String(decoding: printed, as: UTF8.self)
        guard let range = line.range(of: "http://127.0.0.1:[0-9]+/", options: .regularExpression) else {
            process.terminate()
            throw CLIError(message: "fedcat serve printed no URL: '\(line)'")
        }
        return (process, String(line[range]), err)
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test func servesPrintsItsURLLogsRequestsAndStopsOnSIGTERM() throws {
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: CLITests.samples))
        let portal = try LoopbackServer(handler: api.handler)
        try portal.start()
        defer { portal.stop() }
        let cli = try CLI()
        #expect(try cli.run("source", "add", "\(portal.baseURL)/lakeside", "--kind", "ckan", "--id", "lakeside").status == 0)
        #expect(try cli.run("harvest", "lakeside").status == 0)
        let db = cli.root.appendingPathComponent("fedcat.db").path

        let (process, url, stderr) = try Self.start(cli, ["--db", db])
        let fetcher = Fetcher(options: FetchOptions(userAgent: "fedcat-tests"))
        let status = try fetcher.fetch("\(url)api/3/action/status_show")
        #expect(status.status == 200)
        #expect(String(decoding: status.body, as: UTF8.self).contains("\"success\":true"))
        let search = try fetcher.fetch("\(url)api/3/action/package_search?rows=0")
        #expect(String(decoding: search.body, as: UTF8.self).contains("\"count\":120"))
        let missing = try fetcher.fetch("\(url)no/such/route")
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"]?.hasPrefix("application/json") == true)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /api/3/action/status_show 200 "), "\(log)")
        #expect(log.contains("GET /no/such/route 404 "), "\(log)")
    }

    @Test func quietLogsNothingAndSIGINTStopsIt() throws {
        let cli = try CLI()
        #expect(try cli.run("stats").status == 0)
        let (process, url, stderr) = try Self.start(cli, ["--db", cli.root.appendingPathComponent("fedcat.db").path, "--quiet"])
        let page = try Fetcher(options: FetchOptions(userAgent: "fedcat-tests")).fetch(url)
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("0 datasets"))
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stderr.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    @Test func aMissingDatabaseOrABadPortIsRefused() throws {
        let cli = try CLI()
        let missing = try cli.run("serve", "--db", cli.root.appendingPathComponent("nothing.db").path, "--port", "0")
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        let badPort = try cli.run("serve", "--port", "70000")
        #expect(badPort.status == 64)
        #expect(badPort.stderr.contains("--port must be 0 to 65535"))
    }
}
