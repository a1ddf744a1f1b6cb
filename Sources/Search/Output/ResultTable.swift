import Foundation
/// Renders results as a plain-text table that fits a terminal width: title, publisher, sources and date, then the
/// record id and a snippet of the description with the matched words highlighted, and the facet counts below.
public enum ResultTable {
    /// `colour` adds ANSI bold to titles and highlights matches; without it matches stay marked `[like this]`.
    public static func render(_ results: SearchResults, width: Int = 100, colour: Bool = false) -> String {
        let width = max(60, width)
        var lines: [String] = []
        let shown = results.results.count
        let range = shown == 0 ? "" : " (showing \(results.offset + 1)–\(results.offset + shown))"
        let what = results.query.isEmpty ? "records" : "results for '\(results.query)'"
        lines.append("\(results.totalIsLowerBound ? "at least " : "")\(results.total) \(what)\(range)")
        if shown > 0 {
            let publisherWidth = 26, sourceWidth = 14, modifiedWidth = 10
            let titleWidth = width - publisherWidth - sourceWidth - modifiedWidth - 6
            let widths = [titleWidth, publisherWidth, sourceWidth, modifiedWidth]
            lines.append(row(["TITLE", "PUBLISHER", "SOURCE", "MODIFIED"], widths))
            for hit in results.results {
                var line = row([hit.title, hit.publisher ?? "—", hit.sources.joined(separator: ","), String((hit.modified ?? "—").prefix(10))], widths)
                if colour { line = ANSI.bold + String(line.prefix(titleWidth)) + ANSI.reset + String(line.dropFirst(titleWidth)) }
                lines.append(line)
                lines.append("  " + (colour ? ANSI.dim + fit(hit.id, width - 2) + ANSI.reset : fit(hit.id, width - 2)))
                if let snippet = hit.snippet {
                    let text = fit(snippet, width - 4)
                    lines.append("    " + (colour ? highlighted(text) : text))
                }
            }
        }
        if let facets = results.facets, !facets.isEmpty {
            lines.append("")
            lines += FacetBlock.lines(facets, width: width, colour: colour)
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { fit($0, $1) }.joined(separator: "  ")
    }

    /// The snippet's `[match]` marks as ANSI highlights.
    private static func highlighted(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: ANSI.highlight).replacingOccurrences(of: "]", with: ANSI.reset)
    }

    /// `text` cut or padded to exactly `width` characters.
    static func fit(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        if flat.count > width { return String(flat.prefix(width - 1)) + "…" }
        return flat + String(repeating: " ", count: width - flat.count)
    }
}

/// The facet counts as one line per field: `format     CSV 4 · PDF 1`.
enum FacetBlock {
    static func lines(_ facets: [Facet], width: Int, colour: Bool) -> [String] {
        let labelWidth = (facets.map(\.field.rawValue.count).max() ?? 0) + 2
        return facets.map { facet in
            let label = facet.field.rawValue.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            var line = label
            var first = true
            for value in facet.values {
                let plain = value.value.replacingOccurrences(of: "\n", with: " ")
                let item = (first ? "" : " · ") + plain + " " + String(value.count)
                if line.count + item.count > width { line += first ? "…" : " …"; break }
                line += first ? "" : " · "
                line += colour ? plain + " " + ANSI.dim + String(value.count) + ANSI.reset : plain + " " + String(value.count)
                first = false
            }
            if facet.values.isEmpty { line += "—" }
            return colour ? ANSI.bold + label + ANSI.reset + String(line.dropFirst(labelWidth)) : line
        }
    }
}

/// The few terminal escape codes the table uses.
enum ANSI {
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static let highlight = "\u{1B}[1;33m"
    static let reset = "\u{1B}[0m"
}
