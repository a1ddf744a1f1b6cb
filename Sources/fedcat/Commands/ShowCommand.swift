import ArgumentParser
import Foundation
import CatalogStore
import Search

/// `fedcat show`: one whole record.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record in full.",
        discussion: "ID is the id search prints (source/local-id), or a local id, name or identifier that only one record has.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The record id.") var id: String
    @Flag(help: "Print the record as JSON.") var json = false
    @Flag(help: "Print the payload exactly as harvested.") var raw = false
    @Flag(help: "Print how each field was normalised: field, raw value, normalised value, rule.") var explain = false

    func validate() throws {
        if [json, raw, explain].filter({ $0 }).count > 1 { throw ValidationError("Use one of --json, --raw and --explain.") }
    }

    func run() throws {
        let store = try global.openStoreForReading()
        let stored: StoredRecord?
        do { stored = try store.record(id) } catch { throw Failure.io(error.description) }
        guard let found = stored else {
            throw Failure.failed("No record '\(id)' in \(global.databasePath). Search for it with: fedcat search WORDS")
        }
        if raw {
            guard let payload = found.rawPayload else { throw Failure.failed("The raw payload of '\(found.record.id)' was not kept.") }
            FileHandle.standardOutput.write(Data(payload))
            print()
        } else if explain {
            print(RecordText.explain(found.record), terminator: "")
        } else if json {
            print(JSONOutput.string(RecordDocument(record: found.record, cluster: found.cluster)))
        } else {
            print(RecordText.render(found.record), terminator: "")
            if let cluster = found.cluster { print(RecordText.cluster(cluster, of: found.record.id), terminator: "") }
        }
    }
}


