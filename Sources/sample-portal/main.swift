// sample-portal --samples DIR [--files DIR] [--sweep DIR] [--port N] [--port-file FILE]
//
// Serves the sample CKAN portals of DIR (and the feed files of --files at /files/NAME, and the corpus of
// --sweep at /sweep/KIND/CATEGORY/NAME/...) on 127.0.0.1 until SIGINT or SIGTERM.
// Exit codes: 0 after a clean stop, 64 bad arguments, 66 unreadable samples,
// 69 when the server cannot listen.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LoopbackHTTP
import SamplePortal

let usage = """
    usage: sample-portal --samples DIR [--files DIR] [--sweep DIR] [--port N] [--port-file FILE]

      --samples DIR     directory of <portal-id>.json sample portal files (required unless --sweep)
      --files DIR       also serve the files of DIR at /files/NAME (DCAT, data.json feeds)
      --sweep DIR       serve DIR/CATEGORY/NAME at /sweep/KIND/CATEGORY/NAME/... for any endpoint of
                        KIND, later pages answered empty (the reliability sweep, scripts/sweep.py)
      --port N          TCP port on 127.0.0.1 (default 0: any free port)
      --port-file FILE  write the port number to FILE once listening (atomically)
      --help            show this help

    """

func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

func fail(_ message: String, code: Int32) -> Never {
    printError("sample-portal: \(message)")
    exit(code)
}

func usageError(_ message: String) -> Never {
    printError("sample-portal: \(message)\n\(usage)")
    exit(64)
}

struct Options {
    var samples: String?
    var files: String?
    var sweep: String?
    var port: UInt16 = 0
    var portFile: String?
}

func parseArguments(_ args: [String]) -> Options {
    var options = Options()
    var i = 0
    func value(for flag: String) -> String {
        i += 1
        guard i < args.count, !args[i].isEmpty else { usageError("\(flag) needs a value") }
        return args[i]
    }
    while i < args.count {
        var arg = args[i]
        var inline: String? = nil
        if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
            inline = String(arg[arg.index(after: eq)...])
            arg = String(arg[..<eq])
        }
        func take() -> String {
            if let inline {
                guard !inline.isEmpty else { usageError("\(arg) needs a value") }
                return inline
            }
            return value(for: arg)
        }
        switch arg {
        case "--samples":
            options.samples = take()
        case "--files":
            options.files = take()
        case "--sweep":
            options.sweep = take()
        case "--port":
            let text = take()
            guard let port = UInt16(text) else { usageError("--port must be a number from 0 to 65535, not '\(text)'") }
            options.port = port
        case "--port-file":
            options.portFile = take()
        case "-h", "--help":
            try? FileHandle.standardError.write(contentsOf: Data(usage.utf8))
            exit(0)
        default:
            usageError("unknown argument '\(args[i])'")
        }
        i += 1
    }
    return options
}

/// Writes the port to a temporary file beside `path` and renames it into place.
func writePortFile(_ path: String, port: UInt16) throws {
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    try Data("\(port)\n".utf8).write(to: temp)
    guard rename(temp.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temp)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
    }
}

let options = parseArguments(Array(CommandLine.arguments.dropFirst()))
guard options.samples != nil || options.sweep != nil else { usageError("--samples DIR is required") }

// Block the stop signals before any thread starts, so that every thread
// inherits the mask and sigwait below is the only place they are seen.
signal(SIGPIPE, SIG_IGN)
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

var catalog: SampleCatalog?
if let samplesPath = options.samples {
    do {
        catalog = try SampleCatalog.load(directory: URL(fileURLWithPath: samplesPath, isDirectory: true))
    } catch let error as SampleCatalogError {
        fail(error.description, code: 66)
    } catch {
        fail("cannot load samples from \(samplesPath): \(error)", code: 66)
    }
}

let api = catalog.map { CKANActionAPI(catalog: $0) }
let files = options.files.map { StaticFeeds(directory: URL(fileURLWithPath: $0, isDirectory: true)) }
let sweep = options.sweep.map { SweepFiles(directory: URL(fileURLWithPath: $0, isDirectory: true)) }
let server: LoopbackServer
do {
    server = try LoopbackServer(host: "127.0.0.1", port: options.port) { request in
        sweep?.handle(request) ?? files?.handle(request) ?? api?.handle(request) ?? .status(404)
    }
    try server.start()
} catch {
    fail("cannot serve on 127.0.0.1:\(options.port): \(error)", code: 69)
}

let ids = catalog?.portalIDs ?? []
if let sweepPath = options.sweep { printError("sample-portal: serving \(sweepPath) at \(server.baseURL)/sweep/KIND/CATEGORY/NAME/") }
if !ids.isEmpty { printError("sample-portal: serving \(ids.count) portals (\(ids.joined(separator: ", "))) at \(server.baseURL)/<portal>/api/3/action/...") }

if let portFile = options.portFile {
    do {
        try writePortFile(portFile, port: server.port)
    } catch {
        server.stop()
        fail("cannot write port file \(portFile): \(error.localizedDescription)", code: 73)
    }
}

var received: Int32 = 0
while sigwait(&stopSignals, &received) != 0 {}
server.stop()
if let portFile = options.portFile {
    try? FileManager.default.removeItem(atPath: portFile)
}
printError("sample-portal: stopped (\(received == SIGINT ? "SIGINT" : "SIGTERM")), \(server.requestCount) requests served")
exit(0)
