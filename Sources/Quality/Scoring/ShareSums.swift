/// A source's tally summed from its records' stored shares (`RecordScore.sharesText`), read straight from the text
/// into arrays in metric order, then folded into a `SourceTally` once.
///
/// Summed through `RecordScore(sharesText:)` and `SourceTally.add`, each record cost a dictionary of its shares and
/// about a hundred hashings of metric names: 1.3 s of the 2.4 s a 100,000-record source's score took after its
/// harvest (`perf` over `fedcat harvest`). The sums are the same; `ShareSumsTests` compares both ways.
public struct ShareSums: Sendable {
    private static let metrics = Metric.allCases
    private static let names: [[UInt8]] = metrics.map { Array($0.rawValue.utf8) }
    private static let weights: [Double] = metrics.map { Double($0.weight) }

    public private(set) var records = 0
    private var distributions = 0
    private var openLicences = 0
    private var histogram = Array(repeating: 0, count: 10)
    /// Per metric, in `Metric.allCases` order: the sum of the shares read, how many records had a share, and how
    /// many had one below 1.
    private var sums: [Double]
    private var present: [Int]
    private var belowOne: [Int]
    /// Whether each metric counts towards the score (checked).
    private let counted: [Bool]

    public init(checked: Set<Metric>) {
        sums = Array(repeating: 0, count: Self.metrics.count)
        present = Array(repeating: 0, count: Self.metrics.count)
        belowOne = Array(repeating: 0, count: Self.metrics.count)
        counted = Self.metrics.map { checked.contains($0) }
    }

    /// Adds one record: its `sharesText` (unknown metrics and unreadable shares left out, as
    /// `RecordScore(sharesText:)` leaves them), its distributions and its licence flag.
    public mutating func add(sharesText: String, distributions count: Int, openLicence: Bool) {
        records += 1
        distributions += count
        if openLicence { openLicences += 1 }
        var points = 0.0, maximum = 0.0
        var text = sharesText
        text.withUTF8 { bytes in
            var start = 0
            var next = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
                if let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")),
                   let metric = Self.metric(named: bytes[start..<equals], from: &next),
                   let share = Self.number(bytes[(equals + 1)..<end]) {
                    sums[metric] += share
                    present[metric] += 1
                    if share < 1 { belowOne[metric] += 1 }
                    points += Self.weights[metric] * share
                    maximum += Self.weights[metric]
                }
                start = end + 1
            }
        }
        let percent = maximum == 0 ? 0 : points * 100 / maximum
        histogram[min(9, max(0, Int(percent / 10)))] += 1
    }

    /// `tally` with these records added.
    public func adding(to tally: SourceTally) -> SourceTally {
        var tally = tally
        tally.records += records
        tally.distributions += distributions
        tally.openLicences += openLicences
        // Entries as `SourceTally.add` makes them: a sum for every checked metric once there is a record, a count only
        // for a metric some record failed.
        for (index, metric) in Self.metrics.enumerated() where records > 0 && counted[index] && tally.checked.contains(metric) {
            tally.passed[metric, default: 0] += sums[index]
            // A record without a share for a checked metric scored 0 on it.
            let failing = belowOne[index] + (records - present[index])
            if failing > 0 { tally.failing[metric, default: 0] += failing }
        }
        for bucket in histogram.indices { tally.histogram[bucket] += histogram[bucket] }
        return tally
    }

    /// The index of the metric named `name`: shares are written in metric order, so the search starts after the
    /// previous one found, and wraps round for text in another order.
    private static func metric(named name: Slice<UnsafeBufferPointer<UInt8>>, from next: inout Int) -> Int? {
        for step in 0..<names.count {
            let index = (next + step) % names.count
            if names[index].elementsEqual(name) {
                next = index + 1
                return index
            }
        }
        return nil
    }

    /// A share as written (`1.0`, `0.25`, `0.3333333333333333`): digits, a point and digits are read exactly when
    /// the digits fit a double's mantissa (their quotient by a power of ten is then correctly rounded); anything
    /// else goes to `Double(_:)`.
    private static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0, decimals = 0
        var point = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") && !point {
                point = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if point { decimals += 1 }
                if digits > 15 { return Double(String(decoding: bytes, as: UTF8.self)) }
            } else {
                return Double(String(decoding: bytes, as: UTF8.self))
            }
        }
        guard digits > 0 else { return nil }
        return Double(mantissa) / powersOfTen[decimals]
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
