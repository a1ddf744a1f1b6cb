import Foundation

/// Small inline SVG charts for the HTML report: no script, no network, well-formed XML.
enum SVGChart {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// Horizontal bars, one per label, values in percent (0-100).
    static func bars(_ items: [(label: String, value: Double)], title: String, width: Int = 640) -> String {
        let row = 22, labelWidth = 180, top = 28
        let height = top + row * max(1, items.count) + 10
        let span = Double(width - labelWidth - 60)
        var out = svgOpen(width: width, height: height, title: title)
        out += "<text x=\"0\" y=\"16\" class=\"title\">\(HTML.escape(title))</text>"
        for (index, item) in items.enumerated() {
            let y = top + index * row
            let length = max(0, min(100, item.value)) / 100 * span
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTML.escape(String(item.label.prefix(28))))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(format(span))\" height=\"\(row - 6)\" class=\"track\"/>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(format(length))\" height=\"\(row - 6)\" fill=\"\(colour(0))\"/>"
            out += "<text x=\"\(format(Double(labelWidth) + span + 4))\" y=\"\(y + 15)\">\(String(format: "%.1f%%", item.value))</text>"
        }
        return out + "</svg>"
    }

    /// One line per series over run numbers, values in percent.
    static func lines(_ series: [(label: String, points: [(run: Int64, value: Double)])], title: String,
                      width: Int = 640, height: Int = 260) -> String {
        let left = 40.0, right = 160.0, top = 30.0, bottom = 30.0
        let runs = series.flatMap { $0.points.map(\.run) }
        let low = runs.min() ?? 0, high = max(runs.max() ?? 1, low + 1)
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        func x(_ run: Int64) -> Double { left + Double(run - low) / Double(high - low) * plotWidth }
        func y(_ value: Double) -> Double { top + (1 - max(0, min(100, value)) / 100) * plotHeight }
        var out = svgOpen(width: width, height: height, title: title)
        out += "<text x=\"0\" y=\"16\" class=\"title\">\(HTML.escape(title))</text>"
        for tick in stride(from: 0, through: 100, by: 25) {
            out += "<line x1=\"\(format(left))\" y1=\"\(format(y(Double(tick))))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(y(Double(tick))))\" class=\"grid\"/>"
            out += "<text x=\"\(format(left - 4))\" y=\"\(format(y(Double(tick)) + 4))\" text-anchor=\"end\">\(tick)%</text>"
        }
        out += "<text x=\"\(format(left))\" y=\"\(height - 8)\">run \(low)</text>"
        out += "<text x=\"\(format(left + plotWidth))\" y=\"\(height - 8)\" text-anchor=\"end\">run \(high)</text>"
        for (index, line) in series.enumerated() {
            let colour = colour(index)
            let coordinates = line.points.map { "\(format(x($0.run))),\(format(y($0.value)))" }
            if coordinates.count > 1 {
                out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(coordinates.joined(separator: " "))\"/>"
            }
            for point in line.points {
                out += "<circle cx=\"\(format(x(point.run)))\" cy=\"\(format(y(point.value)))\" r=\"3\" fill=\"\(colour)\">"
                    + "<title>\(HTML.escape(line.label)) run \(point.run): \(String(format: "%.1f%%", point.value))</title></circle>"
            }
            let legendY = top + Double(index) * 16
            out += "<rect x=\"\(format(left + plotWidth + 12))\" y=\"\(format(legendY))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(format(left + plotWidth + 26))\" y=\"\(format(legendY + 9))\">\(HTML.escape(String(line.label.prefix(20))))</text>"
        }
        return out + "</svg>"
    }

    /// Five bars, one per dimension, each as the share of its maximum.
    static func dimensions(_ parts: [(label: String, points: Double, maximum: Int)], title: String) -> String {
        let width = 300, height = 150, barWidth = 44, gap = 12, top = 24, plot = 90
        var out = svgOpen(width: width, height: height, title: title)
        out += "<text x=\"0\" y=\"14\" class=\"title\">\(HTML.escape(title))</text>"
        for (index, part) in parts.enumerated() {
            let share = part.maximum == 0 ? 0 : part.points / Double(part.maximum)
            let x = 10 + index * (barWidth + gap)
            let barHeight = share * Double(plot)
            out += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(barWidth)\" height=\"\(plot)\" class=\"track\"/>"
            out += "<rect x=\"\(x)\" y=\"\(format(Double(top + plot) - barHeight))\" width=\"\(barWidth)\" height=\"\(format(barHeight))\" fill=\"\(colour(index + 1))\">"
                + "<title>\(HTML.escape(part.label)): \(format(part.points)) of \(part.maximum)</title></rect>"
            out += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plot + 14)\" text-anchor=\"middle\">\(HTML.escape(String(part.label.prefix(7))))</text>"
            out += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plot + 28)\" text-anchor=\"middle\">\(String(format: "%.0f%%", share * 100))</text>"
        }
        return out + "</svg>"
    }

    static func svgOpen(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Escaping for HTML text and attributes.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
