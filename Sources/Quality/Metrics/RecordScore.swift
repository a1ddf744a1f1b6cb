/// One record's score: the share (0…1) of each metric it passes, and why it does not pass the others.
public struct RecordScore: Sendable, Hashable {
    /// Share passed per metric; metrics not checked (links without `--check-links`) are absent.
    public var shares: [Metric: Double]
    public var findings: [Finding]
    /// Every licence of the record (its own and its distributions') is open; reported, not scored.
    public var openLicence: Bool

    public init(shares: [Metric: Double], findings: [Finding], openLicence: Bool = false) {
        self.shares = shares
        self.findings = findings
        self.openLicence = openLicence
    }

    /// Points earned: weight × share, summed.
    public var points: Double {
        var total = 0.0
        for (metric, share) in shares { total += Double(metric.weight) * share }
        return total
    }

    /// The most points the checked metrics could give.
    public var maximum: Int {
        var total = 0
        for metric in shares.keys { total += metric.weight }
        return total
    }

    /// Points as a percentage of `maximum`.
    public var percent: Double { maximum == 0 ? 0 : points * 100 / Double(maximum) }
}
