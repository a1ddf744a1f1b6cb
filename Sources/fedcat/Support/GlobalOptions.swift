import ArgumentParser
import CatalogStore
import Foundation
import SourceRegistry

/// Options every command takes: where the database and the registry live.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalogue database (default: $FEDCAT_DB, else ./fedcat.db).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The folder holding harvesters/ and schedules/ (default: the current folder).", valueName: "dir"))
    var root: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["FEDCAT_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "fedcat.db"
    }

    var registry: SourceRegistry {
        SourceRegistry(root: URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    /// Opens the catalogue, or exits 74 with the reason.
    func openStore() throws -> CatalogStore {
        do { return try CatalogStore(path: databasePath) } catch { throw Failure.io(error.description) }
    }

    /// Opens the catalogue for a command that only reads it: read-only when it exists with an up-to-date schema, which
    /// spares the write SQLite's WAL set-up makes on opening for writing (and the checkpoint of it on closing); else as
    /// `openStore()` does, creating or upgrading it.
    func openStoreForReading() throws -> CatalogStore {
        if let store = try? CatalogStore(path: databasePath, readOnly: true) { return store }
        return try openStore()
    }
}
