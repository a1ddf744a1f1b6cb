import Foundation
import TestSupport
import Testing
@testable import Normalise

/// The shared third-party corpus (located by `TestSupport.Corpus`) and the bundled samples.
enum SweepCorpus {
    static var directory: URL? { Corpus.directory }

    /// The project's bundled portal samples (`samples/` beside `Tests/`), when present.
    static let samples: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples").standardized
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }()

    static let missing = Corpus.missingMessage

    /// Every `.json` file in the given corpus folders, parsed (files that are not JSON are skipped).
    static func documents(in folders: [String], under root: URL? = directory) -> [(name: String, json: Any)] {
        guard let directory = root else { return [] }
        var documents: [(String, Any)] = []
        for folder in folders {
            let base = directory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".json") {
                guard let data = try? Data(contentsOf: base.appendingPathComponent(name)),
                      let json = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
                        ?? withoutSurrogateEscapes(data).flatMap({ try? JSONSerialization.jsonObject(with: $0, options: [.fragmentsAllowed]) })
                else { continue }
                documents.append(("\(folder)/\(name)", json))
            }
        }
        return documents
    }

    /// Foundation refuses a lone surrogate escape (`\udc9d`), which datajson/agency_usaid.data.json has; the
    /// sweep only needs dates and places, so every surrogate escape becomes U+FFFD.
    private static func withoutSurrogateEscapes(_ data: Data) -> Data? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let fixed = text.replacingOccurrences(of: #"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}"#, with: #"\\ufffd"#, options: .regularExpression)
        return fixed.data(using: .utf8)
    }

    /// Calls `visit(key, value, file)` for every string under one of `keys`, including CKAN `extras` pairs.
    static func strings(for keys: Set<String>, in folders: [String], under root: URL? = directory,
                        _ visit: (String, String, String) -> Void) {
        for (name, json) in documents(in: folders, under: root) {
            func walk(_ node: Any) {
                if let object = node as? [String: Any] {
                    if let key = object["key"] as? String, keys.contains(key), let value = object["value"] as? String {
                        visit(key, value, name)
                    }
                    for (key, value) in object {
                        if keys.contains(key), let text = value as? String { visit(key, text, name) }
                        walk(value)
                    }
                } else if let array = node as? [Any] {
                    array.forEach(walk)
                }
            }
            walk(json)
        }
    }
}

@Suite("Corpus sweeps", .enabled(if: SweepCorpus.directory != nil, Comment(rawValue: SweepCorpus.missing)))
struct CorpusSweepTests {
    static let dateKeys: Set<String> = [
        "modified", "issued", "metadata_modified", "metadata_created", "temporal", "dataset_date", "created",
        "last_modified", "release_date", "temporal_start", "temporal_end", "temporal_coverage_from", "temporal_coverage_to",
        "startDate", "endDate", "start", "end",
    ]
    static let temporalKeys: Set<String> = ["temporal", "dataset_date", "temporal_start", "temporal_end", "temporal_coverage_from",
                                            "temporal_coverage_to", "startDate", "endDate", "start", "end"]

    @Test("reads the dates of CKAN and data.json files")
    func dates() {
        var total = 0
        var outcomes: [String: Int] = [:]
        var unread: [String: Int] = [:]
        SweepCorpus.strings(for: Self.dateKeys, in: ["ckan", "datajson"]) { key, value, file in
            guard let text = value.trimmed.isEmpty ? nil : value.trimmed else { return }
            total += 1
            let reading = DateReader.read(text, order: .unknown, metadata: !Self.temporalKeys.contains(key))
            let outcome: String
            switch reading {
            case .date(_, let rule): outcome = rule
            case .range: outcome = "date.range"
            case .repeating: outcome = "date.repeating-interval"
            case .placeholder: outcome = "date.placeholder"
            case .open: outcome = "date.open"
            case .ambiguous: outcome = "date.ambiguous"
            case .unreadable: outcome = "unreadable"
            }
            outcomes[outcome, default: 0] += 1
            if case .unreadable = reading { unread["\(key)=\(text) (\(file))", default: 0] += 1 }
            if case .ambiguous = reading { unread["\(key)=\(text) (\(file)) [ambiguous]", default: 0] += 1 }
            if case .placeholder = reading { unread["\(key)=\(text) (\(file)) [placeholder]", default: 0] += 1 }
        }
        let recognised = total - outcomes["unreadable", default: 0] - outcomes["date.ambiguous", default: 0]
        let share = total == 0 ? 0 : Double(recognised) / Double(total)
        print("Date sweep (ckan/, datajson/): \(recognised)/\(total) recognised (\(String(format: "%.2f", share * 100))%)")
        for (outcome, count) in outcomes.sorted(by: { $0.value > $1.value }) { print("  \(outcome): \(count)") }
        for (value, count) in unread.sorted(by: { $0.key < $1.key }) { print("  ×\(count) \(value)") }
        #expect(total > 10_000)
        #expect(share > 0.999)
    }

    @Test("reads the spatial values of CKAN, data.json and other portals' JSON")
    func spatial() {
        var total = 0
        var outcomes: [String: Int] = [:]
        var unread: [String: Int] = [:]
        SweepCorpus.strings(for: ["spatial", "bbox", "geometry"], in: ["ckan", "datajson", "other_portals"]) { key, value, file in
            guard let text = value.trimmed.isEmpty ? nil : value.trimmed else { return }
            total += 1
            let outcome: String
            switch SpatialReader.read(text) {
            case .box(let reading, let rule):
                outcome = rule + (reading.swapped ? " (swapped)" : "")
                if reading.swapped { unread["swapped: \(key)=\(text.prefix(80)) (\(file))", default: 0] += 1 }
            case .placeName: outcome = "spatial.place-name"
            case .uri: outcome = "spatial.uri"
            case .placeholder: outcome = "spatial.placeholder"
            case .unreadable(let reason):
                outcome = "unreadable"
                unread["\(key)=\(text.prefix(80)) (\(file)): \(reason)", default: 0] += 1
            }
            outcomes[outcome, default: 0] += 1
        }
        let recognised = total - outcomes["unreadable", default: 0]
        let share = total == 0 ? 0 : Double(recognised) / Double(total)
        print("Spatial sweep (ckan/, datajson/, other_portals/): \(recognised)/\(total) recognised (\(String(format: "%.2f", share * 100))%)")
        for (outcome, count) in outcomes.sorted(by: { $0.value > $1.value }) { print("  \(outcome): \(count)") }
        for (value, count) in unread.sorted(by: { $0.key < $1.key }) { print("  ×\(count) \(value)") }
        #expect(total > 400)
        #expect(share > 0.99)
    }

    @Test("converts HTML descriptions and repairs mojibake without touching the rest")
    func text() {
        var total = 0, html = 0, mojibake = 0
        var samples: [String] = []
        SweepCorpus.strings(for: ["notes", "description", "title"], in: ["ckan", "datajson", "other_portals"]) { key, value, file in
            total += 1
            if let plain = HTMLText.plain(value) {
                html += 1
                // No tag or known reference survives.
                #expect(!plain.contains("<p>") && !plain.contains("<br") && !plain.contains("&amp;") && !plain.contains("&quot;"), "\(file)")
            }
            if let fixed = Mojibake.repair(value) {
                mojibake += 1
                if samples.count < 6 { samples.append("\(file) \(key): …\(Self.firstChange(value, fixed))…") }
            }
        }
        print("Text sweep: \(total) titles/descriptions; \(html) converted from HTML, \(mojibake) repaired mojibake")
        for sample in samples { print("  \(sample)") }
        #expect(total > 1000)
    }

    @Test("reads the bundled samples' dates (day-first and dotted; only real ambiguities left)",
          .enabled(if: SweepCorpus.samples != nil, "samples/ not found beside Tests/"))
    func samples() {
        var outcomes: [String: Int] = [:]
        var ambiguous: [String] = []
        SweepCorpus.strings(for: Self.dateKeys, in: ["ckan"], under: SweepCorpus.samples) { key, value, _ in
            let text = value.trimmed
            guard !text.isEmpty else { return }
            switch DateReader.read(text, metadata: !Self.temporalKeys.contains(key)) {
            case .date(_, let rule): outcomes[rule, default: 0] += 1
            case .range: outcomes["date.range", default: 0] += 1
            case .ambiguous:
                outcomes["date.ambiguous", default: 0] += 1
                ambiguous.append(text)
            case let other: outcomes["\(other)", default: 0] += 1
            }
        }
        print("Samples date sweep: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        print("  ambiguous without date_order: \(ambiguous.sorted().joined(separator: ", "))")
        #expect(outcomes["unreadable", default: 0] == 0)
        #expect(outcomes["date.dmy", default: 0] > 0)
    }

    /// The first differing stretch of two texts, for the report.
    static func firstChange(_ old: String, _ new: String) -> String {
        let a = Array(old), b = Array(new)
        var index = 0
        while index < min(a.count, b.count), a[index] == b[index] { index += 1 }
        let start = max(0, index - 15)
        return String(a[start..<min(a.count, index + 15)]) + " → " + String(b[start..<min(b.count, index + 15)])
    }
}
