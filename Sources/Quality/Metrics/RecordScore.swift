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

extension RecordScore {
    /// The shares as stored with a record's score, `metric=share` separated by `;` in metric order
    /// (`keywords=1;themes=0;…`), so a source's tally can be summed again from stored rows.
    public var sharesText: String {
        var text = ""
        for metric in Metric.allCases {
            guard let share = shares[metric] else { continue }
            if !text.isEmpty { text += ";" }
            text += metric.rawValue + "="
            // Most shares are all or nothing: their text without formatting a Double (as `"\(share)"` writes them).
            text += share == 1 ? "1.0" : share == 0 && share.sign == .plus ? "0.0" : "\(share)"
        }
        return text
    }

    /// The score as far as a tally needs it (shares and the licence flag), from `sharesText`; unknown metrics and
    /// unreadable shares are left out.
    public init(sharesText: String, openLicence: Bool) {
        var shares: [Metric: Double] = [:]
        for pair in sharesText.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let metric = Metric(rawValue: String(parts[0])), let share = Double(parts[1]) else { continue }
            shares[metric] = share
        }
        self.init(shares: shares, findings: [], openLicence: openLicence)
    }
}
