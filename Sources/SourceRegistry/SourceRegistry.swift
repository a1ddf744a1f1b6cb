public import CatalogModel
public import Foundation
import Harvesters
import Yams

/// The registered sources: one YAML file per source in `<root>/harvesters/<id>.yaml`.
public struct SourceRegistry: Sendable {
    /// The folder holding `harvesters/` and `schedules/`.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var directory: URL { root.appendingPathComponent("harvesters", isDirectory: true) }

    /// The file a source with `id` lives in.
    public func path(for id: String) -> URL { directory.appendingPathComponent("\(id).yaml") }

    /// Every source file, read and checked; broken files come back as errors, not thrown, so the rest still load.
    public func loadAll() -> (sources: [SourceConfig], errors: [SourceFileError]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var sources: [SourceConfig] = []
        var errors: [SourceFileError] = []
        for file in files {
            do { sources.append(try load(file: directory.appendingPathComponent(file))) } catch { errors.append(error) }
        }
        return (sources, errors)
    }

    /// The source `id`, or an error listing the known ones.
    public func source(_ id: String) throws(SourceFileError) -> SourceConfig {
        let file = path(for: id)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .unknownSource(id: id, directory: directory.path, known: loadAll().sources.map(\.id))
        }
        return try load(file: file)
    }

    /// Reads and checks one source file.
    public func load(file: URL) throws(SourceFileError) -> SourceConfig {
        let path = file.path
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try SourceFile.parse(text, path: path, expectedID: file.deletingPathExtension().lastPathComponent)
    }

    /// Writes a new source file for `url`, checking kind, URL and id first. Returns the source and its file.
    public func add(url: String, kind: String, id: String? = nil, title: String? = nil, schedule: String? = nil,
                    options: [String: String] = [:], detectedBy signal: String? = nil) throws(SourceFileError) -> (SourceConfig, URL) {
        let source = try prepare(url: url, kind: kind, id: id, title: title, schedule: schedule, options: options)
        return (source, try write(source, detectedBy: signal))
    }

    /// Checks kind, URL, id and options of a new source and returns it, writing nothing; the id must be free.
    public func prepare(url: String, kind: String, id: String? = nil, title: String? = nil, schedule: String? = nil,
                        options: [String: String] = [:]) throws(SourceFileError) -> SourceConfig {
        let harvester: any Harvester.Type
        do { harvester = try HarvesterRegistry.harvesterType(for: kind) } catch {
            throw .unknownKindGiven(kind: kind, known: error.known)
        }
        // A file:// URL (a dump on disk) is accepted for a source marked `local`, which the fetcher requires too.
        let local = ["true", "yes", "1"].contains(options["local"]?.lowercased() ?? "")
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .badURL(url: url, reason: "it must be an http:// or https:// URL with a host")
        }
        let host: String
        if scheme == "file" && local && !components.path.isEmpty {
            host = "file"
        } else {
            guard scheme == "http" || scheme == "https", let found = components.host, !found.isEmpty else {
                throw .badURL(url: url, reason: scheme == "file" ? "a file:// URL needs --option local=true (the source reads a file on this machine)"
                                                                   : "it must be an http:// or https:// URL with a host")
            }
            host = found
        }
        let sourceID = id ?? Self.suggestID(host: host, path: components.path)
        guard SourceConfig.isValidID(sourceID) else { throw .badID(id: sourceID) }
        let file = path(for: sourceID)
        if FileManager.default.fileExists(atPath: file.path) { throw .alreadyExists(id: sourceID, path: file.path) }
        let source = SourceConfig(id: sourceID, kind: harvester.description.kind, url: url, title: title, schedule: schedule, options: options)
        do { _ = try harvester.init(source: source) } catch {
            throw .badURL(url: url, reason: error.description)
        }
        return source
    }

    /// Writes a source's file, commented (see `SourceFile.renderCommented`), through a temporary file so a
    /// reader never sees half a file; refuses to replace an existing one.
    public func write(_ source: SourceConfig, detectedBy signal: String? = nil) throws(SourceFileError) -> URL {
        let file = path(for: source.id)
        if FileManager.default.fileExists(atPath: file.path) { throw .alreadyExists(id: source.id, path: file.path) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".\(source.id).yaml.tmp")
            try Data(SourceFile.renderCommented(source, detectedBy: signal).utf8).write(to: temporary, options: .atomic)
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch {
            throw .unreadable(path: file.path, reason: "it could not be written (\(error.localizedDescription))")
        }
        return file
    }

    /// The text a source's file would have (for `--dry-run`).
    public func render(_ source: SourceConfig, detectedBy signal: String? = nil) -> String {
        SourceFile.renderCommented(source, detectedBy: signal)
    }

    /// Deletes the source's file; returns its path.
    @discardableResult
    public func remove(_ id: String) throws(SourceFileError) -> URL {
        let file = path(for: id)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .unknownSource(id: id, directory: directory.path, known: loadAll().sources.map(\.id))
        }
        do { try FileManager.default.removeItem(at: file) } catch {
            throw .unreadable(path: file.path, reason: "it could not be deleted (\(error.localizedDescription))")
        }
        return file
    }

    /// Every problem of one source file, each naming the file (and line and key where it has one).
    public func check(file: URL) -> [SourceFileError] {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            return [.unreadable(path: file.path, reason: error.localizedDescription)]
        }
        let problems = SourceFileCheck.check(text, path: file.path, expectedID: file.deletingPathExtension().lastPathComponent)
        if !problems.isEmpty { return problems }
        do { _ = try load(file: file) } catch { return [error] }
        return []
    }

    /// An id from the host and path: `data.lakeside.example/city` → `data-lakeside-example-city`.
    public static func suggestID(host: String, path: String) -> String {
        var parts = host.lowercased().split(separator: ".").map(String.init)
        if parts.first == "www" { parts.removeFirst() }
        let pathParts = path.lowercased().split(separator: "/").map(String.init)
            .filter { !["api", "3", "action", "catalog", "dataset"].contains($0) }
        let joined = (parts + pathParts).joined(separator: "-")
        let cleaned = String(joined.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return String(cleaned.split(separator: "-").joined(separator: "-").prefix(64))
    }
}
