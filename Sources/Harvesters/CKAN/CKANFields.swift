import CatalogModel
import FeedParsing

/// A package's extras by lowercase key, remembering which ones the mapper used so the rest are kept as extras.
final class ExtraFields {
    /// The pairs as published, in order.
    private let pairs: [(key: String, value: String)]
    /// Their keys lowercased, in the same order (a package has a handful: searched in turn, the first of a key
    /// wins); a dictionary when there are many.
    private let keys: [String]
    private let values: [String: String]?
    /// Which pairs have a key the mapper read (by position, so that most packages need no hashing); by key when
    /// there are many.
    private var usedPairs: [Bool]
    private var usedKeys = Set<String>()

    init(_ pairs: [(key: String, value: String)]) {
        self.pairs = pairs
        let keys = pairs.map { ExtraFields.lowercased($0.key) }
        if keys.count > 16 {
            self.keys = []
            values = Dictionary(zip(keys, pairs.lazy.map(\.value)).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        } else {
            self.keys = keys
            values = nil
        }
        usedPairs = [Bool](repeating: false, count: values == nil ? keys.count : 0)
    }

    /// The extra's trimmed value, or nil when absent or empty; a value returned counts as used.
    subscript(key: String) -> String? {
        guard let values else {
            guard let first = keys.firstIndex(of: key), case let value = pairs[first].value.trimmed, !value.isEmpty else { return nil }
            for index in first..<keys.count where keys[index] == key { usedPairs[index] = true }
            return value
        }
        guard let value = values[key]?.trimmed, !value.isEmpty else { return nil }
        usedKeys.insert(key)
        return value
    }

    /// The pairs whose key the mapper did not use, as published and in order.
    var unused: [(key: String, value: String)] {
        guard values != nil else { return pairs.indices.filter { !usedPairs[$0] }.map { pairs[$0] } }
        return pairs.filter { !usedKeys.contains(ExtraFields.lowercased($0.key)) }
    }

    /// `key.lowercased()`, without making a new string for a key that has no upper-case letters (most have none).
    private static func lowercased(_ key: String) -> String {
        var bytes = key
        return bytes.withUTF8 { $0.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } } ? key : key.lowercased()
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
        // Most strings start and end with printable ASCII: nothing to trim, and their ends need not be read again.
        if let plain = value?.stringWithPlainEnds { return plain }
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
        return list(text(value))
    }

    /// A list given as a JSON list inside trimmed text (an extra's value), or comma-separated text.
    static func list(_ raw: String?) -> [String] {
        guard let raw else { return [] }
        // Most such values are one item (`"ENG"`): no comma, and the text is already trimmed.
        if !raw.utf8.contains(UInt8(ascii: ",")) && !raw.hasPrefix("[") { return [raw] }
        if raw.hasPrefix("["), let parsed = try? JSONNode.parse(raw), let array = parsed.array {
            return array.compactMap { text($0) }
        }
        return raw.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}

import Foundation
