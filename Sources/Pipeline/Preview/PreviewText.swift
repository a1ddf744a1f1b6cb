import CatalogModel

extension PreviewReport {
    /// The preview as text: what the source announces, a table of the first records, the issues by code and
    /// the predicted score.
    public func text(width: Int = 100) -> String {
        var lines: [String] = []
        let total = announced.map { "announces \($0) dataset\($0 == 1 ? "" : "s")" } ?? "announces no total"
        let read = "\(pages) page\(pages == 1 ? "" : "s") read (\(requests) request\(requests == 1 ? "" : "s"))"
        lines.append("Preview of '\(source.id)' (\(source.kind)) at \(source.url)")
        lines.append("The source \(total); \(read) listed \(listed) record\(listed == 1 ? "" : "s"), the first \(records.count) shown.")
        if let stoppedEarly { lines.append("The harvest stopped before the end of its first page: \(stoppedEarly)") }
        if !records.isEmpty {
            lines.append("")
            let rows = records.map { record -> [String] in
                [record.title.value, record.modified?.display.prefix(10).description ?? "—",
                 Self.cut(Self.formats(record), 18), Self.cut(record.license.map(Self.licence) ?? "—", 26)]
            }
            lines += Self.table(header: ["TITLE", "MODIFIED", "FORMATS", "LICENCE"], rows: rows, width: width)
        }
        lines.append("")
        let counts = issueCounts
        if counts.isEmpty {
            lines.append("Issues: none.")
        } else {
            lines.append("Issues (\(issues.count), by code):")
            let severity = counts.map(\.severity.rawValue.count).max() ?? 0
            let code = counts.map(\.code.count).max() ?? 0
            for count in counts {
                lines.append("  " + count.severity.rawValue.padding(toLength: severity, withPad: " ", startingAt: 0) + "  "
                             + count.code.padding(toLength: code, withPad: " ", startingAt: 0) + "  " + String(count.count))
            }
        }
        if let score {
            lines.append("Predicted quality score: \(score.value)/100 (\(score.method)).")
        } else {
            lines.append("Predicted quality score: none (no record could be mapped).")
        }
        return lines.joined(separator: "\n")
    }

    /// The distinct formats of a record's distributions, in order: the EU file type the normaliser found, else
    /// the format as published.
    static func formats(_ record: CatalogRecord) -> String {
        var seen: [String] = []
        let formats = record.distributions.compactMap { distribution -> String? in
            if let type = distribution.fileType, let code = type.split(separator: "/").last { return String(code) }
            return distribution.format ?? distribution.mediaType
        }
        for format in formats where !seen.contains(format.uppercased()) {
            seen.append(format.uppercased())
        }
        return seen.isEmpty ? "—" : seen.prefix(4).joined(separator: ",") + (seen.count > 4 ? ",…" : "")
    }

    static func cut(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    static func licence(_ licence: LicenseRef) -> String {
        licence.spdx ?? licence.label ?? licence.title ?? licence.raw ?? licence.uri ?? "—"
    }

    /// Left-aligned columns; the first column is cut with `…` so a row fits `width`.
    static func table(header: [String], rows: [[String]], width: Int) -> [String] {
        let all = [header] + rows
        let columns = header.count
        var widths = (0..<columns).map { column in all.map { $0[column].count }.max() ?? 0 }
        let others = widths.dropFirst().reduce(0, +) + 2 * (columns - 1)
        widths[0] = max(12, min(widths[0], width - others))
        return all.map { row in
            row.enumerated().map { index, cell in
                let text = index == 0 && cell.count > widths[0] ? String(cell.prefix(widths[0] - 1)) + "…" : cell
                return index == row.count - 1 ? text : text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
