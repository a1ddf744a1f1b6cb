import Foundation

/// The self-contained HTML report (`fedcat report --html PATH`): XHTML with inline CSS and SVG charts (score per
/// source, trend per run, dimensions per source), the ranking, and per source the fixes and the worst records.
/// Nothing is loaded from the network; the file is well-formed XML.
public enum HTMLReport {
    public static func render(_ report: QualityReport, title: String = "fedcat metadata quality report") -> String {
        let generated = ISO8601DateFormatter().string(from: report.generatedAt)
        var body = "<h1>\(HTML.escape(title))</h1>"
        body += "<p class=\"meta\">Generated \(HTML.escape(generated)) by fedcat from \(report.sources.count) source\(report.sources.count == 1 ? "" : "s"). "
            + "Scores follow the data.europa.eu Metadata Quality Assessment weights (405 points; 325 when links were not checked), "
            + "shown as a percentage of the points that were checked.</p>"
        guard !report.sources.isEmpty else {
            return page(title: title, body: body + "<p>No source has been scored yet: run <code>fedcat harvest</code> or <code>fedcat report --recompute</code>.</p>")
        }
        body += "<section id=\"ranking\"><h2>Score per source</h2>"
        body += SVGChart.bars(report.sources.map { ($0.sourceID, $0.latest.tally.percent) }, title: "Score per source (% of checked points)")
        body += rankingTable(report)
        body += "</section>"
        body += "<section id=\"trend\"><h2>Trend per run</h2>"
        body += SVGChart.lines(report.sources.map { source in
            (source.sourceID, source.history.map { ($0.runID, $0.tally.percent) })
        }, title: "Score per harvest run")
        body += "</section>"
        body += "<section id=\"dimensions\"><h2>Dimensions</h2><div class=\"grid\">"
        for source in report.sources {
            body += "<figure>" + SVGChart.dimensions(Dimension.allCases.map { dimension in
                let part = source.latest.tally.dimension(dimension)
                return (dimension.shortTitle, part.points, part.maximum)
            }, title: source.sourceID) + "</figure>"
        }
        body += "</div></section>"
        for source in report.sources { body += sourceSection(source) }
        return page(title: title, body: body)
    }

    static func rankingTable(_ report: QualityReport) -> String {
        var out = "<table class=\"ranking\"><thead><tr><th>#</th><th>Source</th><th>Points</th><th>Score</th><th>Rating</th><th>Change</th><th>Records</th>"
        out += Dimension.allCases.map { "<th title=\"\($0.title), % of its points\">\($0.shortTitle)</th>" }.joined() + "</tr></thead><tbody>"
        for (index, source) in report.sources.enumerated() {
            let tally = source.latest.tally
            out += "<tr><td>\(index + 1)</td><td><a href=\"#source-\(anchor(source.sourceID))\">\(HTML.escape(source.sourceID))</a></td>"
            out += "<td>\(Count.points(tally.score)) / \(tally.maximum)</td><td>\(String(format: "%.1f%%", tally.percent))</td>"
            out += "<td class=\"rating \(tally.rating)\">\(tally.rating)</td>"
            out += "<td>\(source.change.map { Count.points($0, signed: true) } ?? "new")</td><td>\(Count.text(tally.records))</td>"
            for dimension in Dimension.allCases {
                let part = tally.dimension(dimension)
                out += "<td title=\"\(Count.points(part.points)) of \(part.maximum) points\">"
                    + (part.maximum == 0 ? "—" : String(format: "%.0f%%", part.points * 100 / Double(part.maximum))) + "</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func sourceSection(_ source: SourceReport) -> String {
        let tally = source.latest.tally
        var out = "<section class=\"source\" id=\"source-\(anchor(source.sourceID))\"><h2>\(HTML.escape(source.sourceID))</h2>"
        out += "<p>\(Count.points(tally.score)) of \(tally.maximum) points (\(String(format: "%.1f%%", tally.percent)), \(tally.rating)); "
            + "run \(source.latest.runID), \(Count.text(tally.records)) records, \(Count.text(tally.openLicences)) under an open licence; "
            + (source.latest.linksChecked ? "links checked." : "links not checked.") + "</p>"
        let fixes = source.fixes.prefix(10)
        if !fixes.isEmpty {
            out += "<h3>Fixes that would raise the score most</h3><ol class=\"fixes\">"
            out += fixes.map { "<li>\(HTML.escape($0.sentence(maximum: tally.maximum)))</li>" }.joined()
            out += "</ol>"
        }
        if !source.worst.isEmpty {
            out += "<h3>Worst records</h3><table><thead><tr><th>Record</th><th>Score</th><th>Problems</th><th>Title</th></tr></thead><tbody>"
            out += source.worst.map {
                "<tr><td>\(HTML.escape($0.id))</td><td>\(String(format: "%.1f%%", $0.percent))</td><td>\($0.findings)</td><td class=\"title\">\(HTML.escape($0.title))</td></tr>"
            }.joined()
            out += "</tbody></table>"
        }
        return out + "</section>"
    }

    static func anchor(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(HTML.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 70em; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; white-space: nowrap; }
        td.title { white-space: normal; }
        svg { font-size: 12px; font-family: system-ui, sans-serif; }
        svg .title { font-weight: bold; }
        svg .grid { stroke: #ddd; }
        svg .track { fill: #eee; }
        .grid { display: flex; flex-wrap: wrap; gap: 1em; }
        figure { margin: 0; }
        .meta { color: #555; }
        .rating.excellent { color: #1a7f37; } .rating.good { color: #2c7be5; }
        .rating.sufficient { color: #b07d00; } .rating.bad { color: #c62828; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
