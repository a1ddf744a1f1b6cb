import CatalogModel
import FeedParsing

/// A package's extras by lowercase key, remembering which ones the mapper used so the rest are kept as extras.
final class ExtraFields {
    /// The pairs with lowercase keys, in order (a package has a handful: searched in turn, the first of a key wins);
    /// a dictionary when there are many.
    private let pairs: [(key: String, value: String)]
    private let values: [String: String]?
    private(set) var used = Set<String>()

    init(_ pairs: [(key: String, value: String)]) {
        let lowered = pairs.map { (key: $0.key.lowercased(), value: $0.value) }
        if lowered.count > 16 {
            self.pairs = []
            values = Dictionary(lowered.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        } else {
            self.pairs = lowered
            values = nil
        }
    }

    /// The extra's trimmed value, or nil when absent or empty; a value returned counts as used.
    subscript(key: String) -> String? {
        let found = values.map { $0[key] } ?? pairs.first { $0.key == key }?.value
        guard let value = found?.trimmed, !value.isEmpty else { return nil }
        used.insert(key)
        return value
    }
}

/// Reading CKAN's loosely typed fields: numbers where strings belong, empty strings for "none", extras as list or dict.
enum CKANFields {
    /// A scalar as trimmed text; nil for null, empty, arrays and objects.
    static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.scalarText?.trimmed, !text.isEmpty else { return nil }
        return text
    }

    /// Extras as ordered key/value pairs, from `[{"key":…,"value":…}]` or `{"key": "value"}`.
    static func extras(_ value: JSONValue?) -> [(key: String, value: String)] {
        if let list = value?.array {
            return list.compactMap { item in
                guard let key = text(item["key"]) else { return nil }
                return (key, extraValue(item["value"]))
            }
        }
        if let object = value?.object {
            return object.map { ($0.key, extraValue($0.value)) }
        }
        return []
    }

    private static func extraValue(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let scalar = value.scalarText { return scalar }
        if value.isNull { return "" }
        return JSONWriter.string(value)
    }

    /// A fluent/scheming translated field (`{"en": "…", "fr": "…"}`) as language variants.
    static func translations(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.object else { return [:] }
        var variants: [String: String] = [:]
        for member in object {
            if let text = text(member.value) { variants[member.key] = text }
        }
        return variants
    }

    /// A list given as a JSON list, a JSON list inside a string, or comma-separated text.
    static func list(_ value: JSONValue?) -> [String] {
        if let array = value?.array { return array.compactMap { text($0) } }
        guard let raw = text(value) else { return [] }
        if raw.hasPrefix("["), let parsed = try? JSONParser.parse(raw), let array = parsed.array {
            return array.compactMap { text($0) }
        }
        return raw.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    // The same readings of a package read in place (`JSONNode`), as the CKAN mapper does.

    /// A scalar as trimmed text; nil for null, empty, arrays and objects.
    static func text(_ value: JSONNode?) -> String? {
        guard let text = value?.scalarText?.trimmed, !text.isEmpty else { return nil }
        return text
    }

    /// Extras as ordered key/value pairs, from `[{"key":…,"value":…}]` or `{"key": "value"}`.
    static func extras(_ value: JSONNode?) -> [(key: String, value: String)] {
        if let list = value?.array {
            return list.compactMap { item in
                guard let key = text(item["key"]) else { return nil }
                return (key, extraValue(item["value"]))
            }
        }
        if let members = value?.members {
            return members.map { ($0.key, extraValue($0.value)) }
        }
        return []
    }

    private static func extraValue(_ value: JSONNode?) -> String {
        guard let value else { return "" }
        if let scalar = value.scalarText { return scalar }
        if value.isNull { return "" }
        return JSONWriter.string(value.value)
    }

    /// A fluent/scheming translated field (`{"en": "…", "fr": "…"}`) as language variants.
    static func translations(_ value: JSONNode?) -> [String: String] {
        guard let members = value?.members else { return [:] }
        var variants: [String: String] = [:]
        for member in members {
            if let text = text(member.value) { variants[member.key] = text }
        }
        return variants
    }

    /// A list given as a JSON list, a JSON list inside a string, or comma-separated text.
    static func list(_ value: JSONNode?) -> [String] {
        if let array = value?.array { return array.compactMap { text($0) } }
        guard let raw = text(value) else { return [] }
        if raw.hasPrefix("["), let parsed = try? JSONNode.parse(raw), let array = parsed.array {
            return array.compactMap { text($0) }
        }
        return raw.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}

import Foundation
