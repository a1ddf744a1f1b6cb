import CatalogModel
import CatalogStore
import Foundation
import Hummingbird
import HummingbirdTesting
import LoopbackHTTP
import Pipeline
import SamplePortal
import Server
import Testing

/// A catalogue built by harvesting the three sample CKAN portals (samples/ckan) once for the whole test run.
enum ServedFixture {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/ckan").standardized
    static let sources = ["lakeside", "norland", "riverbasin"]

    /// The database path, harvested once.
    static let database: Result<String, any Error> = Result { try harvest(into: temporaryDatabasePath()) }

    static func path() throws -> String { try database.get() }

    /// The read-only store the server opens.
    static func store() throws -> CatalogStore { try CatalogStore(path: path(), readOnly: true) }

    static func server() throws -> CatalogServer { CatalogServer(store: try store(), quiet: true) }

    static func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fedcat-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("catalogue.db").path
    }

    /// Harvests the sample portals into the database at `path`.
    @discardableResult
    static func harvest(into path: String, sources: [String] = sources) throws -> String {
        let api = CKANActionAPI(catalog: try SampleCatalog.load(directory: samples))
        let portal = try LoopbackServer(handler: api.handler)
        try portal.start()
        defer { portal.stop() }
        let runner = HarvestRunner(store: try CatalogStore(path: path))
        for id in sources {
            let report = try runner.run(SourceConfig(id: id, kind: "ckan", url: "\(portal.baseURL)/\(id)"))
            guard report.status == "succeeded" else { throw FixtureError(message: "the sample harvest of \(id) ended \(report.status)") }
        }
        return path
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Runs a blocking call (a harvest, a process) off Swift's cooperative threads, so the server under test keeps answering.
func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(300))")
    }
}

/// Routes answered through the router, without a socket.
func withRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let app = Application(router: try ServedFixture.server().router())
    try await app.test(.router, body)
}
