/// A registered source as read from `harvesters/<id>.yaml`: what to harvest, how, and with which options.
public struct SourceConfig: Sendable, Hashable, Codable {
    /// Short stable id (`lakeside-city`): letters, digits, `-`, `_`, `.`.
    public var id: String
    /// Harvester kind (`ckan`, …).
    public var kind: String
    /// The portal or feed URL.
    public var url: String
    public var title: String?
    /// Name of a schedule in `schedules/`, or a cron expression.
    public var schedule: String?
    /// Kind-specific and fetch options (`rows: 100`, `timeout: 60`, …), as text.
    public var options: [String: String]
    /// Labels a schedule can select the source by (`tags: [city, nightly]`).
    public var tags: [String]

    public init(id: String, kind: String, url: String, title: String? = nil, schedule: String? = nil,
                options: [String: String] = [:], tags: [String] = []) {
        self.id = id
        self.kind = kind
        self.url = url
        self.title = title
        self.schedule = schedule
        self.options = options
        self.tags = tags
    }

    /// True when `id` is a usable source id.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.first != "." && id.first != "-"
            && id.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0) }
    }

    /// An option as an integer, or `defaultValue` when absent.
    public func intOption(_ name: String, default defaultValue: Int) throws(SourceOptionError) -> Int {
        guard let text = options[name] else { return defaultValue }
        guard let value = Int(text.trimmed) else {
            throw SourceOptionError(sourceID: id, option: name, value: text, expected: "a whole number")
        }
        return value
    }

    /// An option as a number, or `defaultValue` when absent.
    public func doubleOption(_ name: String, default defaultValue: Double) throws(SourceOptionError) -> Double {
        guard let text = options[name] else { return defaultValue }
        guard let value = Double(text.trimmed) else {
            throw SourceOptionError(sourceID: id, option: name, value: text, expected: "a number")
        }
        return value
    }

    /// An option as a boolean (`true/false/yes/no/1/0`), or `defaultValue` when absent.
    public func boolOption(_ name: String, default defaultValue: Bool) throws(SourceOptionError) -> Bool {
        guard let text = options[name] else { return defaultValue }
        switch text.lowercased().trimmed {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: throw SourceOptionError(sourceID: id, option: name, value: text, expected: "true or false")
        }
    }
}

/// An option in a source file that has the wrong type.
public struct SourceOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var sourceID: String
    public var option: String
    public var value: String
    public var expected: String

    public var description: String {
        "Source '\(sourceID)': option '\(option)' is '\(value)', but it must be \(expected)."
    }
}

import Foundation
