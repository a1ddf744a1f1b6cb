import CatalogModel
import Harvesters
import Yams

/// Checks a source file's text for every problem at once, each naming the file, line and key: unknown keys
/// and options, values of the wrong type, a `version:` this fedcat cannot read, an id that is not the file's
/// name, an unknown kind.
enum SourceFileCheck {
    static func check(_ text: String, path: String, expectedID: String) -> [SourceFileError] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            return [.notYAML(path: path, reason: "\(error)".replacingOccurrences(of: "\n", with: " "))]
        }
        guard let mapping = root?.mapping else { return [.notAMapping(path: path)] }
        var problems: [SourceFileError] = []
        func problem(_ node: Node, _ key: String, _ reason: String) {
            problems.append(.invalid(path: path, line: node.mark?.line ?? 0, key: key, reason: reason))
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            guard SourceFile.knownKeys.contains(key) else {
                problem(keyNode, key, "unknown key; the known keys are \(SourceFile.knownKeys.sorted().joined(separator: ", "))")
                continue
            }
            values[key] = value
        }
        for key in ["version", "id", "kind", "url"] where values[key] == nil {
            problems.append(.missingKey(path: path, key: key))
        }
        for key in ["version", "id", "kind", "url", "title", "schedule"] {
            guard let node = values[key] else { continue }
            guard let scalar = node.scalar, !(key != "title" && key != "schedule" && scalar.string.isEmpty) else {
                if node.scalar == nil || ["version", "id", "kind", "url"].contains(key) {
                    problem(node, key, "it must be a single non-empty value, not \(describe(node))")
                }
                continue
            }
            let text = scalar.string
            switch key {
            case "version":
                if let number = Int(text) {
                    if number > 1 { problem(node, key, "version \(number) is newer than this fedcat reads (1); update fedcat") }
                    else if number < 1 { problem(node, key, "version \(number) does not exist; this fedcat reads version 1") }
                } else {
                    problem(node, key, "'\(text)' is not a version number; this fedcat reads version 1")
                }
            case "id":
                if !SourceConfig.isValidID(text) { problem(node, key, "'\(text)' is not a usable id (1 to 64 letters, digits, '-', '_' or '.')") }
                else if text != expectedID { problem(node, key, "'\(text)' is not the file's name; the file must be harvesters/\(text).yaml") }
            case "kind":
                if (try? HarvesterRegistry.harvesterType(for: text)) == nil {
                    problem(node, key, "unknown harvester kind '\(text)'; known kinds: \(HarvesterRegistry.kinds.joined(separator: ", "))")
                }
            case "url":
                let lower = text.lowercased()
                if !(lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://")) {
                    problem(node, key, "'\(text)' is not an http:// or https:// URL")
                }
            default: break
            }
        }
        if let options = values["options"], !(options.scalar.map { ["", "~", "null", "Null", "NULL"].contains($0.string) } ?? false) {
            if let map = options.mapping {
                let kind = values["kind"]?.string?.lowercased() ?? ""
                let known = SourceOptions.for(kind: kind)
                for (keyNode, value) in map {
                    let name = keyNode.string ?? "?"
                    let key = "options.\(name)"
                    guard let option = known.first(where: { $0.name == name }) else {
                        problem(keyNode, key, "unknown option for kind '\(kind)'; its options are \(known.map(\.name).joined(separator: ", "))")
                        continue
                    }
                    guard let scalar = value.scalar else {
                        problem(value, key, "it must be a single value, not \(describe(value))")
                        continue
                    }
                    if !option.accepts(scalar.string) { problem(value, key, "'\(scalar.string)' is not \(option.type.rawValue)") }
                }
            } else {
                problem(options, "options", "it must be a mapping of option names to values, not \(describe(options))")
            }
        }
        return problems
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "an empty value" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
