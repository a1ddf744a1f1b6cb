public import Foundation

/// Results as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break)
/// and as NDJSON (one compact JSON object per result).
public enum ResultLines {
    public static let csvHeader = ["id", "title", "publisher", "sources", "modified", "score", "records", "snippet"]

    public static func csv(_ results: SearchResults) -> String {
        var rows = [csvHeader]
        for hit in results.results {
            rows.append([hit.id, hit.title, hit.publisher ?? "", hit.sources.joined(separator: ";"), hit.modified ?? "",
                         hit.score.map { String(format: "%.4f", $0) } ?? "", hit.records.joined(separator: ";"), hit.snippet ?? ""])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line per result (facets are in `--json` only).
    public static func ndjson(_ results: SearchResults) -> String {
        let encoder = lineEncoder
        return results.results.map { line($0, encoder: encoder) + "\n" }.joined()
    }

    /// One result as a compact JSON object with sorted keys (no line end): the shape of `--json` results.
    public static func line(_ hit: SearchHit, encoder: JSONEncoder = lineEncoder) -> String {
        (try? String(decoding: encoder.encode(hit), as: UTF8.self)) ?? "null"
    }

    /// The encoder NDJSON lines use; make one per thread and reuse it.
    public static var lineEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
