public import Foundation

/// One source's score as computed at the end of one harvest run.
public struct RunQuality: Sendable, Hashable {
    public var sourceID: String
    public var runID: Int64
    public var computedAt: String
    public var tally: SourceTally

    public init(sourceID: String, runID: Int64, computedAt: String, tally: SourceTally) {
        self.sourceID = sourceID
        self.runID = runID
        self.computedAt = computedAt
        self.tally = tally
    }

    public var linksChecked: Bool { tally.checked.contains(.accessURLAnswers) }
}

/// A record among the lowest scored of a run.
public struct WorstRecord: Sendable, Hashable, Encodable {
    public var id: String
    public var title: String
    public var percent: Double
    public var findings: Int

    public init(id: String, title: String, percent: Double, findings: Int) {
        self.id = id
        self.title = title
        self.percent = percent
        self.findings = findings
    }
}

/// What `fedcat report` shows of one source: its latest score, its runs' scores, and (for the detail view)
/// its worst records; fixes and dimensions come from the latest tally.
public struct SourceReport: Sendable, Hashable {
    public var latest: RunQuality
    /// Every scored run, oldest first (ends with `latest`).
    public var history: [RunQuality]
    public var worst: [WorstRecord]

    public init(latest: RunQuality, history: [RunQuality], worst: [WorstRecord] = []) {
        self.latest = latest
        self.history = history
        self.worst = worst
    }

    public var sourceID: String { latest.sourceID }

    /// The run scored before the latest, if any.
    public var previous: RunQuality? { history.count >= 2 ? history[history.count - 2] : nil }

    /// Change of the percentage since the previous run.
    public var change: Double? { previous.map { latest.tally.percent - $0.tally.percent } }

    public var fixes: [Fix] { Fix.ranked(latest.tally) }
}

/// Every source's report, best score first (ties by id).
public struct QualityReport: Sendable, Hashable {
    public var sources: [SourceReport]
    public var generatedAt: Date

    public init(sources: [SourceReport], generatedAt: Date) {
        self.sources = sources.sorted {
            $0.latest.tally.percent != $1.latest.tally.percent ? $0.latest.tally.percent > $1.latest.tally.percent : $0.sourceID < $1.sourceID
        }
        self.generatedAt = generatedAt
    }
}
