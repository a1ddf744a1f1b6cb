import CatalogModel

extension SourceFile {
    /// The file text for a source with a comment on every key and option: the options set, then every other
    /// option the kind reads, commented out at its default. Reading ignores the comments.
    static func renderCommented(_ source: SourceConfig, detectedBy signal: String? = nil) -> String {
        var lines = ["# fedcat source file: harvesters/\(source.id).yaml. Comments are ignored when it is read;",
                     "# 'fedcat source check \(source.id)' checks it and 'fedcat source show \(source.id)' explains it."]
        if let signal { lines.append("# Kind detected by: \(oneLine(signal))") }
        func entry(_ text: String, _ comment: String) {
            lines.append(text.padding(toLength: max(text.count, 40), withPad: " ", startingAt: 0) + " # " + oneLine(comment))
        }
        entry("version: 1", "the format of this file; this fedcat reads version 1")
        entry("id: \(quote(source.id))", "the source's id: this file's name and the prefix of its record ids")
        entry("kind: \(quote(source.kind))", "the harvester kind ('fedcat source kinds' lists them)")
        entry("url: \(quote(source.url))", "where the harvest starts")
        if let title = source.title { entry("title: \(quote(title))", "a human title for the source") }
        if let schedule = source.schedule {
            entry("schedule: \(quote(schedule))", "the schedule (schedules/<name>.yaml) scheduled harvests run it on")
        } else {
            entry("# schedule: \"nightly\"", "the schedule (schedules/<name>.yaml) scheduled harvests run it on")
        }
        lines.append("options:                                 # set values first; the others are commented out at their defaults")
        let known = SourceOptions.for(kind: source.kind)
        for key in source.options.keys.sorted() {
            let meaning = known.first { $0.name == key }?.meaning ?? "an option this fedcat does not know"
            entry("  \(key): \(quote(source.options[key]!))", meaning)
        }
        for option in known where source.options[option.name] == nil {
            let value = option.defaultValue.map(quote) ?? ""
            entry("  # \(option.name): \(value)", option.meaning + (option.defaultValue == nil ? " (unset by default)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
