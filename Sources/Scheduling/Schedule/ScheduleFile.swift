import CatalogModel
import Foundation
import Yams

/// The YAML format of `schedules/<name>.yaml` (version 1):
///
///     version: 1
///     cron: "0 3 * * *"          # 5 fields, or @hourly @daily @weekly @monthly @yearly
///     timezone: Europe/London    # IANA; UTC when absent
///     sources: all               # or a list of source ids
///     tags: [city]               # and/or every source carrying one of these tags
///
/// Read through `Yams.compose` so that every error names the line of the key.
enum ScheduleFile {
    static let knownKeys = ["version", "cron", "timezone", "sources", "tags", "description"]

    static func parse(_ text: String, path: String, name: String) throws(ScheduleFileError) -> Schedule {
        guard SourceConfig.isValidID(name) else { throw .badName(path: path) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw .notYAML(path: path, reason: "\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        guard let mapping = root?.mapping else { throw .notAMapping(path: path) }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let line = key.mark?.line ?? 0
            guard let name = key.scalar?.string, knownKeys.contains(name) else {
                throw .unknownKey(path: path, line: line, key: key.scalar?.string ?? "(not a text)", known: knownKeys)
            }
            entries[name] = (key, value)
        }
        func line(_ key: String) -> Int { entries[key]?.key.mark?.line ?? 0 }
        func scalarText(_ key: String, expected: String) throws(ScheduleFileError) -> String? {
            guard let value = entries[key]?.value, !isNull(value) else { return nil }
            guard let scalar = value.scalar, !scalar.string.isEmpty else {
                throw .badValue(path: path, line: line(key), key: key, value: shape(value), expected: expected)
            }
            return scalar.string
        }

        guard let version = try scalarText("version", expected: "a whole number (1)") else { throw .missingKey(path: path, key: "version") }
        guard let number = Int(version), number >= 1 else {
            throw .badValue(path: path, line: line("version"), key: "version", value: version, expected: "a whole number (1)")
        }
        guard number == 1 else { throw .newerVersion(path: path, line: line("version"), version: version) }

        guard let cronText = try scalarText("cron", expected: "a cron expression such as \"0 3 * * *\" or @daily") else {
            throw .missingKey(path: path, key: "cron")
        }
        let cron: CronExpression
        do { cron = try CronExpression(cronText) } catch { throw .badCron(path: path, line: line("cron"), error: error) }

        var zone = TimeZone(identifier: "UTC")!
        if let zoneName = try scalarText("timezone", expected: "an IANA time zone such as Europe/London") {
            guard let found = TimeZone(identifier: zoneName), TimeZone.knownTimeZoneIdentifiers.contains(zoneName) || zoneName == "UTC" else {
                throw .unknownTimeZone(path: path, line: line("timezone"), zone: zoneName)
            }
            zone = found
        }
        _ = try scalarText("description", expected: "a text")

        var selection = SourceSelection()
        if let value = entries["sources"]?.value, !isNull(value) {
            if let scalar = value.scalar {
                guard scalar.string == "all" else {
                    throw .badValue(path: path, line: line("sources"), key: "sources", value: scalar.string,
                                    expected: "'all' or a list of source ids (sources: [city, region])")
                }
                selection.all = true
            } else {
                selection.ids = try words(value, key: "sources", line: line("sources"), path: path, expected: "a source id")
                for id in selection.ids where !SourceConfig.isValidID(id) {
                    throw .badValue(path: path, line: line("sources"), key: "sources", value: id, expected: "a source id (letters, digits, '-', '_', '.')")
                }
            }
        }
        if let value = entries["tags"]?.value, !isNull(value) {
            if let scalar = value.scalar {
                selection.tags = [scalar.string]
            } else {
                selection.tags = try words(value, key: "tags", line: line("tags"), path: path, expected: "a tag")
            }
        }
        return Schedule(name: name, cron: cron, timeZone: zone, selection: selection, path: path)
    }

    /// A list of texts (`[a, b]` or one item per line).
    private static func words(_ node: Node, key: String, line: Int, path: String, expected: String) throws(ScheduleFileError) -> [String] {
        guard let sequence = node.sequence else {
            throw .badValue(path: path, line: line, key: key, value: shape(node), expected: "a list of texts")
        }
        var items: [String] = []
        for item in sequence {
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                throw .badValue(path: path, line: item.mark?.line ?? line, key: key, value: shape(item), expected: expected)
            }
            items.append(scalar.string)
        }
        return items
    }

    private static func isNull(_ node: Node) -> Bool { node.null != nil }

    /// How a value that is not a plain text is shown in an error.
    private static func shape(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
