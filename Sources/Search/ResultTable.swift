/// Renders results as a plain-text table that fits a terminal width.
public enum ResultTable {
    public static func render(_ results: SearchResults, width: Int = 100) -> String {
        let width = max(60, width)
        var lines: [String] = []
        let shown = results.results.count
        let range = shown == 0 ? "" : " (showing \(results.offset + 1)–\(results.offset + shown))"
        let what = results.query.isEmpty ? "records" : "results for '\(results.query)'"
        lines.append("\(results.total) \(what)\(range)")
        guard shown > 0 else { return lines.joined(separator: "\n") + "\n" }
        let publisherWidth = 26, sourceWidth = 14, modifiedWidth = 10
        let titleWidth = width - publisherWidth - sourceWidth - modifiedWidth - 6
        lines.append(row(["TITLE", "PUBLISHER", "SOURCE", "MODIFIED"], [titleWidth, publisherWidth, sourceWidth, modifiedWidth]))
        for hit in results.results {
            lines.append(row([hit.title, hit.publisher ?? "—", hit.sources.joined(separator: ","), String((hit.modified ?? "—").prefix(10))],
                             [titleWidth, publisherWidth, sourceWidth, modifiedWidth]))
            lines.append("  " + fit(hit.id, width - 2))
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { fit($0, $1) }.joined(separator: "  ")
    }

    /// `text` cut or padded to exactly `width` characters.
    static func fit(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        if flat.count > width { return String(flat.prefix(width - 1)) + "…" }
        return flat + String(repeating: " ", count: width - flat.count)
    }
}

import Foundation
