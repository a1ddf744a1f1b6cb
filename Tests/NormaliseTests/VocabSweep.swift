import CatalogModel
import Foundation
import TestSupport

/// Reads the distinct values of some fields across the shared corpus (`ckan/*.json`, `datajson/*.json`) and the
/// bundled CKAN samples, for the vocabulary rules' corpus sweeps. The corpus is located by
/// `TestSupport.Corpus`; sweeps are skipped when it is absent.
enum VocabSweep {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    static var corpus: URL? { Corpus.directory }

    static let missingMessage = Corpus.missingMessage

    /// The JSON files swept: corpus `ckan/` and `datajson/`, and `samples/ckan/`.
    static var files: [URL] {
        var folders: [URL] = []
        if let corpus { folders += [corpus.appendingPathComponent("ckan"), corpus.appendingPathComponent("datajson")] }
        folders.append(projectRoot.appendingPathComponent("samples/ckan"))
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    /// Every parsed document, once per test run (immutable Foundation values, only read: safe to share).
    nonisolated(unsafe) static let documents: [(name: String, json: Any)] = files.compactMap { url in
        guard let data = try? Data(contentsOf: url) else { return nil }
        // datajson/agency_usaid.data.json holds lone UTF-16 surrogate escapes, which JSONSerialization refuses.
        guard let json = (try? JSONSerialization.jsonObject(with: data))
                ?? (try? JSONSerialization.jsonObject(with: replacingLoneSurrogates(data))) else {
            print("[sweep] \(url.lastPathComponent) could not be read as JSON; skipped.")
            return nil
        }
        return (url.lastPathComponent, json)
    }

    /// The JSON text with each `\uD800`…`\uDFFF` escape that is not half of a pair written as `\uFFFD`.
    static func replacingLoneSurrogates(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        func unit(at index: Int) -> Int? {
            guard index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                  let value = Int(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) else { return nil }
            return value
        }
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else { index += 1; continue }
            guard let value = unit(at: index) else { index += 2; continue }  // another escape (`\\`, `\"`): skip both bytes
            if (0xD800...0xDBFF).contains(value), let next = unit(at: index + 6), (0xDC00...0xDFFF).contains(next) {
                index += 12
            } else {
                if (0xD800...0xDFFF).contains(value) { bytes.replaceSubrange((index + 2)..<(index + 6), with: Array("FFFD".utf8)) }
                index += 6
            }
        }
        return Data(bytes)
    }

    /// Each string (or number) found under one of `keys`, anywhere, and in CKAN extras `{"key": k, "value": v}`,
    /// with how many times it occurs.
    static func values(forKeys keys: Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        func add(_ value: Any) {
            switch value {
            case let text as String: counts[text, default: 0] += 1
            case let number as NSNumber: counts[number.stringValue, default: 0] += 1
            case let list as [Any]: list.forEach { if !($0 is [String: Any]) { add($0) } }
            default: break
            }
        }
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let key = object["key"] as? String, keys.contains(key), let value = object["value"] { add(value) }
                for (key, value) in object {
                    if keys.contains(key) { add(value) }
                    walk(value)
                }
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        for document in documents { walk(document.json) }
        return counts
    }

    /// Labels of CKAN groups (`groups[].title`, else `display_name`, else `name`).
    static func groupLabels() -> [String: Int] {
        var counts: [String: Int] = [:]
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                for group in object["groups"] as? [[String: Any]] ?? [] {
                    if let label = (group["title"] as? String) ?? (group["display_name"] as? String) ?? (group["name"] as? String),
                       !label.isEmpty {
                        counts[label, default: 0] += 1
                    }
                }
                object.values.forEach(walk)
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        for document in documents { walk(document.json) }
        return counts
    }

    /// The keyword lists of each dataset: data.json `keyword`, CKAN `tags[].display_name`/`name`.
    static func keywordLists() -> [[String]] {
        var lists: [[String]] = []
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let keywords = object["keyword"] as? [String] { lists.append(keywords) }
                if let tags = object["tags"] as? [[String: Any]] {
                    lists.append(tags.compactMap { ($0["display_name"] as? String) ?? ($0["name"] as? String) })
                }
                object.values.forEach(walk)
            } else if let list = node as? [Any] {
                list.forEach(walk)
            }
        }
        for document in documents { walk(document.json) }
        return lists
    }

    /// Share of distinct values `recognised` accepts, with the values it does not, most frequent first.
    static func share(of counts: [String: Int], recognised: (String) -> Bool) -> (distinct: Double, weighted: Double, unknown: [(String, Int)]) {
        let values = counts.filter { !$0.key.trimmed.isEmpty }
        guard !values.isEmpty else { return (1, 1, []) }
        let unknown = values.filter { !recognised($0.key) }
        let total = values.values.reduce(0, +)
        let missed = unknown.values.reduce(0, +)
        return (Double(values.count - unknown.count) / Double(values.count), Double(total - missed) / Double(total),
                unknown.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value })
    }

    /// One line for the test log.
    static func report(_ what: String, _ counts: [String: Int], _ result: (distinct: Double, weighted: Double, unknown: [(String, Int)])) {
        let percent = { (share: Double) in String(format: "%.1f%%", share * 100) }
        print("[sweep] \(what): \(counts.count) distinct values, recognised \(percent(result.distinct)) distinct, "
              + "\(percent(result.weighted)) of occurrences; unknown: "
              + (result.unknown.isEmpty ? "none" : result.unknown.map { "'\($0.0)' ×\($0.1)" }.joined(separator: ", ")))
    }

    /// A record to run rules on.
    static func record(id: String = "1") -> CatalogRecord {
        CatalogRecord(id: "test/\(id)", title: LocalizedText("A dataset"),
                      provenance: Provenance(sourceID: "test", kind: "ckan", originalID: id, harvestedAt: Date(timeIntervalSince1970: 0)))
    }
}
