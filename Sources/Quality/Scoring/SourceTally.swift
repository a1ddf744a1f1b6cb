/// A source's score, summed record by record as they stream past: per metric, the sum of the records' shares and
/// how many records did not pass it fully; and how record scores are spread.
///
/// The source's points for a metric are weight × (mean share over its records), so the source's score is the
/// mean of its records' scores; metrics not checked (links without `--check-links`) count neither way.
public struct SourceTally: Sendable, Hashable, Codable {
    public var records = 0
    public var distributions = 0
    /// Metric → sum of the records' shares.
    public var passed: [Metric: Double] = [:]
    /// Metric → records that did not pass it fully.
    public var failing: [Metric: Int] = [:]
    /// The metrics scored (every metric, less the link checks when links were not checked).
    public var checked: Set<Metric> = []
    /// Records whose every licence is open (Open Definition); reported, not scored.
    public var openLicences = 0
    /// Records per tenth of the percentage scale: [0, 10), [10, 20), …, [90, 100].
    public var histogram = Array(repeating: 0, count: 10)

    public init(checked: Set<Metric>) { self.checked = checked }

    enum CodingKeys: String, CodingKey { case records, distributions, passed, failing, checked, histogram, openLicences }

    /// Reads a stored tally; counts added after it was stored read as 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        records = try c.decode(Int.self, forKey: .records)
        distributions = try c.decode(Int.self, forKey: .distributions)
        passed = try c.decode([Metric: Double].self, forKey: .passed)
        failing = try c.decode([Metric: Int].self, forKey: .failing)
        checked = try c.decode(Set<Metric>.self, forKey: .checked)
        histogram = try c.decodeIfPresent([Int].self, forKey: .histogram) ?? histogram
        openLicences = try c.decodeIfPresent(Int.self, forKey: .openLicences) ?? 0
    }

    /// Every metric, or every metric but the link checks.
    public static func metrics(linksChecked: Bool) -> Set<Metric> {
        Set(Metric.allCases.filter { linksChecked || !$0.needsLinkCheck })
    }

    public mutating func add(_ score: RecordScore, distributions count: Int) {
        records += 1
        distributions += count
        for metric in checked {
            let share = score.shares[metric] ?? 0
            passed[metric, default: 0] += share
            if share < 1 { failing[metric, default: 0] += 1 }
        }
        histogram[min(9, max(0, Int(score.percent / 10)))] += 1
        if score.openLicence { openLicences += 1 }
    }

    /// Points for one metric.
    public func points(_ metric: Metric) -> Double {
        guard records > 0, checked.contains(metric) else { return 0 }
        return Double(metric.weight) * (passed[metric] ?? 0) / Double(records)
    }

    /// Points over every checked metric.
    public var score: Double { checked.map(points).reduce(0, +) }

    /// The most points the checked metrics could give (405, or 325 without the link checks).
    public var maximum: Int { checked.map(\.weight).reduce(0, +) }

    /// `score` as a percentage of `maximum`, the figure sources are ranked by.
    public var percent: Double { maximum == 0 ? 0 : score * 100 / Double(maximum) }

    /// Points and maximum of one dimension.
    public func dimension(_ dimension: Dimension) -> (points: Double, maximum: Int) {
        let metrics = dimension.metrics.filter(checked.contains)
        return (metrics.map(points).reduce(0, +), metrics.map(\.weight).reduce(0, +))
    }

    /// The MQA rating of the score scaled to 405 points: excellent (351-405), good (221-350), sufficient
    /// (121-220), bad (0-120).
    public var rating: String { Rating.of(percent: percent) }
}

/// The MQA's four ratings.
public enum Rating {
    public static func of(percent: Double) -> String {
        let points = percent * 405 / 100
        return points >= 351 ? "excellent" : points >= 221 ? "good" : points >= 121 ? "sufficient" : "bad"
    }
}
