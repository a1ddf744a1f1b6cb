import Foundation
import Testing
import TestSupport

/// Runs the independent validators; a missing tool skips the check with a message, or fails it under CI.
enum ToolChecks {
    /// Runs a Python script in the test tools' environment; nil (after recording why) when the tools are missing.
    static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String)? {
        guard PythonTools.python != nil else {
            if PythonTools.required { Issue.record(Comment(rawValue: PythonTools.missingMessage)) } else { print(PythonTools.missingMessage) }
            return nil
        }
        return try PythonTools.run(script: script, arguments: arguments)
    }

    /// The validation file, or nil (after saying why) when the shared folder is absent. Like the corpus, the shapes
    /// and schemas are third-party files beside the project, so their absence skips the check, under CI too.
    static func validation(_ relative: String) -> String? {
        guard let path = ValidationFiles.file(relative) else {
            print(ValidationFiles.missingMessage)
            return nil
        }
        if !FileManager.default.fileExists(atPath: path) {
            Issue.record(Comment(rawValue: "The validation file \(path) is missing from the shared folder."))
            return nil
        }
        return path
    }

    static func rapper() -> String? {
        guard let path = ExternalTool.path("rapper") else {
            let message = "rapper (Debian package raptor2-utils) is missing; run scripts/test-tools.sh. The check is skipped."
            if PythonTools.required { Issue.record(Comment(rawValue: message)) } else { print(message) }
            return nil
        }
        return path
    }
}
