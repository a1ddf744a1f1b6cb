import ArgumentParser
import CatalogStore
import Foundation
import Server

/// `fedcat serve`: the catalogue over HTTP, read-only.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the catalogue over HTTP (search page, JSON search, datasets, a CKAN Action API subset).",
        discussion: """
        Reads the database only, so harvests may run at the same time. Port 0 picks a free port; the URL is printed \
        on stdout once the server listens. One log line per request on stderr unless --quiet. Stops on SIGINT or SIGTERM.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port).") var port = 8080
    @Flag(help: "Do not log requests.") var quiet = false
    @Option(help: ArgumentHelp("/data.json: the contact e-mail of datasets none of whose records has one (DCAT-US requires a contact).",
                               valueName: "ADDRESS"))
    var contactEmail: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535, not \(port).") }
        if host.isEmpty { throw ValidationError("--host must not be empty.") }
        try ContactEmail.validate(contactEmail)
    }

    func run() async throws {
        let store: CatalogStore
        do { store = try CatalogStore(path: global.databasePath, readOnly: true) } catch { throw Failure.io(error.description) }
        let path = global.databasePath
        let host = self.host
        do {
            try await CatalogServer(store: store, quiet: quiet, contactEmail: contactEmail).run(host: host, port: port) { port in
                let line = "fedcat: serving \(path) at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            throw Failure.io("could not serve on \(host):\(port): \(error)")
        }
    }
}
