import Yams

/// The shape every schedule file has, whatever the schedule means: well-formed YAML, a mapping, a `version:`
/// this fedcat reads (1), and only the top-level keys `version, cron, timezone, sources, tags, description`.
public struct ScheduleFileShape: ScheduleFileChecking {
    public static let knownKeys = ["version", "cron", "timezone", "sources", "tags", "description"]

    public init() {}

    public func check(_ text: String, path: String) -> [LintProblem] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            return [LintProblem(file: path, message: "The schedule file \(path) is not valid YAML: \("\(error)".replacingOccurrences(of: "\n", with: " ")).")]
        }
        guard let mapping = root?.mapping else {
            return [LintProblem(file: path, message: "The schedule file \(path) must be a YAML mapping with a 'version' key.")]
        }
        var problems: [LintProblem] = []
        func problem(_ node: Node, _ key: String, _ reason: String) {
            let line = node.mark?.line ?? 0
            problems.append(LintProblem(file: path, line: line, key: key, message: "The schedule file \(path), line \(line), key '\(key)': \(reason)."))
        }
        var sawVersion = false
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            guard Self.knownKeys.contains(key) else {
                problem(keyNode, key, "unknown key; the known keys are \(Self.knownKeys.joined(separator: ", "))")
                continue
            }
            guard key == "version" else { continue }
            sawVersion = true
            let text = value.scalar?.string ?? ""
            if let number = Int(text), number > 1 {
                problem(value, key, "version \(number) is newer than this fedcat reads (1); update fedcat")
            } else if Int(text) != 1 {
                problem(value, key, "'\(text)' is not a version this fedcat reads (1)")
            }
        }
        if !sawVersion { problems.append(LintProblem(file: path, key: "version", message: "The schedule file \(path) has no 'version' key, which is required.")) }
        return problems
    }
}
