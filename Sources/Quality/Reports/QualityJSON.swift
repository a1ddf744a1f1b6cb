import Foundation

/// The `--json` shapes of `fedcat report`: plain values, rounded to 0.1 point.
public enum QualityJSON {
    /// Every source, best first.
    public struct Overview: Encodable, Sendable {
        public var generatedAt: String
        public var sources: [Source]
        enum CodingKeys: String, CodingKey { case generatedAt = "generated_at", sources }
    }

    /// One source's latest score (and, in the detail view, its metrics, fixes, worst records and history).
    public struct Source: Encodable, Sendable {
        var source: String
        var run: Int64
        var computedAt: String
        var score: Double
        var maximum: Int
        var percent: Double
        var rating: String
        var change: Double?
        var records: Int
        var openLicences: Int
        var linksChecked: Bool
        var dimensions: [String: Part]
        // Detail only.
        var metrics: [MetricRow]?
        var histogram: [Int]?
        var fixes: [FixRow]?
        var worst: [WorstRecord]?
        var history: [Point]?

        enum CodingKeys: String, CodingKey {
            case source, run, score, maximum, percent, rating, change, records, dimensions, metrics, histogram, fixes, worst, history
            case computedAt = "computed_at", linksChecked = "links_checked", openLicences = "open_licences"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(source, forKey: .source)
            try c.encode(run, forKey: .run)
            try c.encode(computedAt, forKey: .computedAt)
            try c.encode(score, forKey: .score)
            try c.encode(maximum, forKey: .maximum)
            try c.encode(percent, forKey: .percent)
            try c.encode(rating, forKey: .rating)
            try c.encode(change, forKey: .change)
            try c.encode(records, forKey: .records)
            try c.encode(openLicences, forKey: .openLicences)
            try c.encode(linksChecked, forKey: .linksChecked)
            try c.encode(dimensions, forKey: .dimensions)
            try c.encodeIfPresent(metrics, forKey: .metrics)
            try c.encodeIfPresent(histogram, forKey: .histogram)
            try c.encodeIfPresent(fixes, forKey: .fixes)
            try c.encodeIfPresent(worst, forKey: .worst)
            try c.encodeIfPresent(history, forKey: .history)
        }
    }

    /// Points of one dimension.
    public struct Part: Encodable, Sendable { var points: Double; var maximum: Int }

    /// One metric of a source.
    public struct MetricRow: Encodable, Sendable {
        var metric: String
        var dimension: String
        var weight: Int
        /// nil when not checked (links without --check-links).
        var points: Double?
        var failing: Int?
    }

    /// One fix with its advice sentence.
    public struct FixRow: Encodable, Sendable { var metric: String; var records: Int; var total: Int; var gain: Double; var advice: String }

    /// One run of the trend.
    public struct Point: Encodable, Sendable {
        var run: Int64
        var computedAt: String
        var score: Double
        var percent: Double
        enum CodingKeys: String, CodingKey { case run, score, percent, computedAt = "computed_at" }
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// The summary of every source.
    public static func overview(_ report: QualityReport) -> Overview {
        Overview(generatedAt: ISO8601DateFormatter().string(from: report.generatedAt),
                 sources: report.sources.map { source($0, detail: false) })
    }

    /// One source, with its metrics, fixes, worst records and history when `detail`.
    public static func source(_ report: SourceReport, detail: Bool) -> Source {
        let tally = report.latest.tally
        var dimensions: [String: Part] = [:]
        for dimension in Dimension.allCases {
            let part = tally.dimension(dimension)
            dimensions[dimension.rawValue] = Part(points: round(part.points), maximum: part.maximum)
        }
        var out = Source(source: report.sourceID, run: report.latest.runID, computedAt: report.latest.computedAt,
                         score: round(tally.score), maximum: tally.maximum, percent: round(tally.percent), rating: tally.rating,
                         change: report.change.map(round), records: tally.records, openLicences: tally.openLicences, linksChecked: report.latest.linksChecked,
                         dimensions: dimensions)
        guard detail else { return out }
        out.metrics = Metric.allCases.map { metric in
            let checked = tally.checked.contains(metric)
            return MetricRow(metric: metric.rawValue, dimension: metric.dimension.rawValue, weight: metric.weight,
                             points: checked ? round(tally.points(metric)) : nil, failing: checked ? tally.failing[metric] ?? 0 : nil)
        }
        out.histogram = tally.histogram
        out.fixes = report.fixes.map {
            FixRow(metric: $0.metric.rawValue, records: $0.records, total: $0.total, gain: round($0.gain), advice: $0.sentence(maximum: tally.maximum))
        }
        out.worst = report.worst
        out.history = report.history.map { Point(run: $0.runID, computedAt: $0.computedAt, score: round($0.tally.score), percent: round($0.tally.percent)) }
        return out
    }
}
