import Foundation

/// The terminal views of `fedcat report`, as blocks of text and tables (the CLI lays the tables out).
public enum TerminalReport {
    /// A paragraph or a table.
    public enum Block: Sendable, Hashable {
        case text(String)
        /// Rows under a header, with an optional line above.
        case table(title: String? = nil, header: [String], rows: [[String]])
    }

    /// The ranking: one row per source, best first, with the change since its previous scored run.
    public static func overview(_ report: QualityReport) -> [Block] {
        let rows = report.sources.enumerated().map { index, source -> [String] in
            let tally = source.latest.tally
            return [String(index + 1), source.sourceID, "\(Count.points(tally.score)) / \(tally.maximum)",
                    percent(tally.percent), tally.rating, source.change.map { Count.points($0, signed: true) } ?? "new",
                    Count.text(tally.records)]
                + Dimension.allCases.map { dimension in
                    let part = tally.dimension(dimension)
                    return part.maximum == 0 ? "—" : percent(part.points * 100 / Double(part.maximum))
                }
                + ["\(source.latest.runID)" + (source.latest.linksChecked ? "" : "*")]
        }
        var blocks: [Block] = [.table(header: ["#", "SOURCE", "POINTS", "SCORE", "RATING", "CHANGE", "RECORDS", "FIND", "ACCESS", "INTEROP", "REUSE", "CONTEXT", "RUN"],
                                      rows: rows)]
        if report.sources.contains(where: { !$0.latest.linksChecked }) {
            blocks.append(.text("* links not checked: the 80 points of access and download URL accessibility are left out of the maximum (fedcat report --recompute --check-links)."))
        }
        return blocks
    }

    /// One source: score, dimensions, metrics, spread of record scores, worst records and the fixes that would
    /// raise the score most.
    public static func detail(_ report: SourceReport, fixes limit: Int = 10) -> [Block] {
        let latest = report.latest
        let tally = latest.tally
        var head = "\(report.sourceID): \(Count.points(tally.score)) of \(tally.maximum) points (\(percent(tally.percent)), \(tally.rating))"
        if let change = report.change, let previous = report.previous {
            head += ", \(Count.points(change, signed: true)) percentage points since run \(previous.runID)"
        }
        head += "; run \(latest.runID), \(Count.text(tally.records)) records, \(Count.text(tally.distributions)) distributions, computed \(latest.computedAt.prefix(16))"
        head += latest.linksChecked ? "; links checked." : "; links not checked (--check-links)."
        var blocks: [Block] = [.text(head)]

        blocks.append(.table(header: ["DIMENSION", "POINTS", "MAX", "SCORE", ""], rows: Dimension.allCases.map { dimension in
            let part = tally.dimension(dimension)
            let share = part.maximum == 0 ? 0 : part.points / Double(part.maximum)
            return [dimension.title, Count.points(part.points), String(part.maximum), percent(share * 100), bar(share, width: 20)]
        }))
        blocks.append(.table(header: ["METRIC", "DIMENSION", "POINTS", "WEIGHT", "FAILING"], rows: Metric.allCases.map { metric in
            let checked = tally.checked.contains(metric)
            return [metric.title, metric.dimension.title, checked ? Count.points(tally.points(metric)) : "not checked",
                    String(metric.weight), checked ? Count.text(tally.failing[metric] ?? 0) : "—"]
        }))
        blocks.append(.text("Open licences (Open Definition, not scored): \(Count.text(tally.openLicences)) of \(Count.text(tally.records)) datasets."))
        let most = max(1, tally.histogram.max() ?? 1)
        blocks.append(.table(header: ["RECORD SCORE", "RECORDS", ""], rows: tally.histogram.enumerated().reversed().map { index, count in
            [index == 9 ? "90-100%" : "\(index * 10)-\(index * 10 + 9)%", Count.text(count), bar(Double(count) / Double(most), width: 30)]
        }))
        if !report.worst.isEmpty {
            blocks.append(.table(title: "Worst records:", header: ["RECORD", "SCORE", "PROBLEMS", "TITLE"], rows: report.worst.map {
                [$0.id, percent($0.percent), String($0.findings), String($0.title.prefix(60))]
            }))
        }
        let fixes = report.fixes.prefix(limit)
        if fixes.isEmpty {
            blocks.append(.text("Every record passes every checked metric."))
        } else {
            blocks.append(.text("Fixes that would raise the score most:\n" + fixes.enumerated().map { index, fix in
                "\(index + 1). \(fix.sentence(maximum: tally.maximum))"
            }.joined(separator: "\n")))
        }
        return blocks
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }

    static func bar(_ share: Double, width: Int) -> String {
        let filled = Int((max(0, min(1, share)) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    }
}
