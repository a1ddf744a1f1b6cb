public import CatalogModel
public import Foundation

/// A named schedule from `schedules/<name>.yaml`: when (cron in a time zone) and which sources.
public struct Schedule: Sendable, Hashable {
    public var name: String
    public var cron: CronExpression
    public var timeZone: TimeZone
    public var selection: SourceSelection
    /// The file it was read from; nil for a cron expression written straight into a source file.
    public var path: String?

    public init(name: String, cron: CronExpression, timeZone: TimeZone, selection: SourceSelection = SourceSelection(), path: String? = nil) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.selection = selection
        self.path = path
    }

    /// The zone's IANA name for messages (Foundation on Linux names UTC "GMT").
    public var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// The first run strictly after `instant`.
    public func next(after instant: Date) -> Date? { cron.next(after: instant, in: timeZone) }
}

/// Which sources a schedule file names: every source, some ids, and/or every source carrying one of some tags.
public struct SourceSelection: Sendable, Hashable {
    public var all = false
    public var ids: [String] = []
    public var tags: [String] = []

    public init(all: Bool = false, ids: [String] = [], tags: [String] = []) {
        self.all = all
        self.ids = ids
        self.tags = tags
    }

    public func selects(_ source: SourceConfig) -> Bool {
        all || ids.contains(source.id) || source.tags.contains(where: tags.contains)
    }
}
