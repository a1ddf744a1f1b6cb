import CatalogModel
import FeedParsing
import Harvesters
import Yams

/// The YAML format of `harvesters/<id>.yaml` (version 1).
enum SourceFile {
    static let knownKeys: Set<String> = ["version", "id", "kind", "url", "title", "schedule", "tags", "options"]

    static func parse(_ text: String, path: String, expectedID: String) throws(SourceFileError) -> SourceConfig {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw .notYAML(path: path, reason: "\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        guard let mapping = node as? [String: Any] else { throw .notAMapping(path: path) }
        for key in mapping.keys where !knownKeys.contains(key) {
            throw .badValue(path: path, key: key, value: scalar(mapping[key]) ?? "…",
                            expected: "one of the known keys (\(knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let version = mapping["version"] else { throw .missingKey(path: path, key: "version") }
        guard scalar(version) == "1" else { throw .unsupportedVersion(path: path, version: scalar(version) ?? "?") }
        let id = try required("id", mapping, path)
        guard SourceConfig.isValidID(id) else {
            throw .badValue(path: path, key: "id", value: id, expected: "1 to 64 letters, digits, '-', '_' or '.'")
        }
        guard id == expectedID else { throw .idMismatch(path: path, id: id) }
        let kind = try required("kind", mapping, path)
        do { _ = try HarvesterRegistry.harvesterType(for: kind) } catch {
            throw .unknownKind(path: path, kind: kind, known: error.known)
        }
        let url = try required("url", mapping, path)
        var options: [String: String] = [:]
        if let raw = mapping["options"], !(raw is NSNull) {
            guard let map = raw as? [String: Any] else {
                throw .badValue(path: path, key: "options", value: scalar(raw) ?? "a list", expected: "a mapping of option names to values")
            }
            for (key, value) in map {
                guard let text = scalar(value) else {
                    throw .badValue(path: path, key: "options.\(key)", value: "a list or mapping", expected: "a single value")
                }
                options[key] = text
            }
        }
        var tags: [String] = []
        if let raw = mapping["tags"], !(raw is NSNull) {
            let items = (raw as? [Any]) ?? [raw]
            for item in items {
                guard let tag = scalar(item), !tag.isEmpty else {
                    throw .badValue(path: path, key: "tags", value: "a list or mapping", expected: "a list of words (tags: [city, nightly])")
                }
                tags.append(tag)
            }
        }
        return SourceConfig(id: id, kind: kind.lowercased(), url: url, title: scalar(mapping["title"]),
                            schedule: scalar(mapping["schedule"]), options: options, tags: tags)
    }

    private static func required(_ key: String, _ mapping: [String: Any], _ path: String) throws(SourceFileError) -> String {
        guard let value = mapping[key], !(value is NSNull) else { throw .missingKey(path: path, key: key) }
        guard let text = scalar(value), !text.isEmpty else {
            throw .badValue(path: path, key: key, value: "\(value)", expected: "a non-empty text")
        }
        return text
    }

    /// A YAML scalar as text; nil for null, lists and mappings.
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return flag ? "true" : "false"
        default: return nil
        }
    }

    /// The file text for a source, keys in a fixed order, strings quoted.
    static func render(_ source: SourceConfig) -> String {
        var lines = ["version: 1", "id: \(quote(source.id))", "kind: \(quote(source.kind))", "url: \(quote(source.url))"]
        if let title = source.title { lines.append("title: \(quote(title))") }
        if let schedule = source.schedule { lines.append("schedule: \(quote(schedule))") }
        if !source.tags.isEmpty { lines.append("tags: [\(source.tags.map(quote).joined(separator: ", "))]") }
        if !source.options.isEmpty {
            lines.append("options:")
            for key in source.options.keys.sorted() { lines.append("  \(key): \(quote(source.options[key]!))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (a JSON string is one).
    static func quote(_ text: String) -> String {
        JSONWriter.string(.string(text))
    }
}

import Foundation
