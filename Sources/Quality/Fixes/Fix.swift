import Foundation

/// A change the publisher could make, with the points it would add: for a metric, what the source would gain if
/// every record failing it passed it (weight × failing share).
public struct Fix: Sendable, Hashable, Codable {
    public var metric: Metric
    /// Records that do not pass the metric fully.
    public var records: Int
    /// Of how many.
    public var total: Int
    /// Points the source would gain.
    public var gain: Double

    /// The advice for the publisher: "412 of 1,000 datasets have no licence: adding one would raise the score by
    /// 8.2 points (of 325)."
    public func sentence(maximum: Int) -> String {
        let who = records == total && total > 1 ? "All \(Count.text(total)) datasets" : "\(Count.text(records)) of \(Count.text(total)) dataset\(total == 1 ? "" : "s")"
        return "\(who) \(metric.problem): "
            + "\(metric.remedy) would raise the score by \(Count.points(gain)) point\(gain == 1 ? "" : "s") (of \(maximum))."
    }

    /// The fixes of a tally, most points first (ties: the metric order).
    public static func ranked(_ tally: SourceTally) -> [Fix] {
        guard tally.records > 0 else { return [] }
        let order = Dictionary(uniqueKeysWithValues: Metric.allCases.enumerated().map { ($1, $0) })
        return tally.checked.compactMap { metric -> Fix? in
            let gain = Double(metric.weight) - tally.points(metric)
            let records = tally.failing[metric] ?? 0
            return records > 0 && gain > 0.000_001 ? Fix(metric: metric, records: records, total: tally.records, gain: gain) : nil
        }.sorted { abs($0.gain - $1.gain) > 1e-9 ? $0.gain > $1.gain : order[$0.metric]! < order[$1.metric]! }
    }
}

/// Numbers as reports show them.
public enum Count {
    /// `1234567` → `1,234,567`.
    public static func text(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Points with one decimal, `+` sign when asked.
    public static func points(_ value: Double, signed: Bool = false) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        return signed && rounded > 0 ? "+" + text : text
    }
}
