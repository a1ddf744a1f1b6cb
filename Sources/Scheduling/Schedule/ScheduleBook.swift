public import CatalogModel
public import Foundation

/// The schedules of a root folder (`schedules/*.yaml`) and which one each source follows.
public struct ScheduleBook: Sendable {
    public var schedules: [Schedule]
    /// Files that could not be used; the rest still load.
    public var errors: [ScheduleFileError]

    public init(schedules: [Schedule], errors: [ScheduleFileError] = []) {
        self.schedules = schedules
        self.errors = errors
    }

    /// Reads every `schedules/*.yaml` under `root`.
    public static func load(root: URL) -> ScheduleBook {
        let directory = root.appendingPathComponent("schedules", isDirectory: true)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var book = ScheduleBook(schedules: [])
        for file in files {
            let url = directory.appendingPathComponent(file)
            do {
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw ScheduleFileError.unreadable(path: url.path, reason: error.localizedDescription)
                }
                book.schedules.append(try ScheduleFile.parse(text, path: url.path, name: url.deletingPathExtension().lastPathComponent))
            } catch let error as ScheduleFileError {
                book.errors.append(error)
            } catch {
                book.errors.append(.unreadable(path: url.path, reason: "\(error)"))
            }
        }
        return book
    }

    /// The schedule `source` follows: the one its own `schedule:` key names (a schedule file's name, or a cron
    /// expression read in UTC), else the first schedule, by name, whose `sources:` or `tags:` select it.
    public func assignment(for source: SourceConfig) -> Assignment {
        if let named = source.schedule?.trimmingCharacters(in: .whitespaces), !named.isEmpty {
            if let schedule = schedules.first(where: { $0.name == named }) { return Assignment(source: source, schedule: schedule) }
            if let cron = try? CronExpression(named) {
                return Assignment(source: source, schedule: Schedule(name: named, cron: cron, timeZone: TimeZone(identifier: "UTC")!))
            }
            let known = schedules.map(\.name)
            return Assignment(source: source, schedule: nil, problem:
                "Source '\(source.id)' names the schedule '\(named)', which is neither a file schedules/\(named).yaml nor a cron expression"
                + (known.isEmpty ? " (there are no schedules yet)." : " (known schedules: \(known.joined(separator: ", "))).")
            )
        }
        let selecting = schedules.filter { $0.selection.selects(source) }
        guard let first = selecting.first else { return Assignment(source: source, schedule: nil) }
        var assignment = Assignment(source: source, schedule: first)
        if selecting.count > 1 {
            assignment.note = "Source '\(source.id)' is selected by several schedules (\(selecting.map(\.name).joined(separator: ", "))); it follows '\(first.name)'; set 'schedule:' in its file to choose."
        }
        return assignment
    }

    /// Ids a schedule file names that are not registered sources, as sentences.
    public func unknownSources(known: Set<String>) -> [String] {
        schedules.flatMap { schedule in
            schedule.selection.ids.filter { !known.contains($0) }.map {
                "The schedule file \(schedule.path ?? schedule.name) names the source '\($0)', which is not registered (no harvesters/\($0).yaml)."
            }
        }
    }
}

/// A source and the schedule it follows (nil: not scheduled): `problem` when its schedule cannot be found,
/// `note` when the choice was ambiguous.
public struct Assignment: Sendable {
    public var source: SourceConfig
    public var schedule: Schedule?
    public var problem: String?
    public var note: String?
}
