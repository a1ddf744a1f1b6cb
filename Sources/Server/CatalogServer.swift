public import Hummingbird
public import CatalogStore
import Foundation
import Logging
import NIOCore

/// `fedcat serve`: read-only HTTP over a catalogue database, while harvests may write to it (SQLite WAL).
public struct CatalogServer: Sendable {
    public let catalogue: Catalogue
    public let quiet: Bool

    public init(store: CatalogStore, quiet: Bool = false, contactEmail: String? = nil) {
        self.catalogue = Catalogue(store: store, contactEmail: contactEmail)
        self.quiet = quiet
    }

    /// Every route, behind the middleware that logs requests and turns errors into JSON.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLog(quiet: quiet))
        HTMLRoutes(catalogue: catalogue).add(to: router)
        SearchRoutes(catalogue: catalogue).add(to: router)
        DatasetRoutes(catalogue: catalogue).add(to: router)
        CKANAPIRoutes(catalogue: catalogue).add(to: router)
        CatalogRoutes(catalogue: catalogue).add(to: router)
        FeedRoutes(catalogue: catalogue).add(to: router)
        return router
    }

    /// The application listening on `host:port` (port 0 picks a free one); `onRunning` gets the port it listens on.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        var logger = Logger(label: "fedcat-serve")
        logger.logLevel = .warning
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "fedcat"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then stops accepting and finishes the requests under way.
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }
}
