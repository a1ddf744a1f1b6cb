import CatalogModel
import Search

/// One row per dataset (its canonical record), RFC 4180: UTF-8, a header row, CRLF line ends, fields quoted when
/// they hold a comma, quote or line break. Lists are joined with `;`. The columns are `CSVExporter.columns`.
public struct CSVExporter: Exporter {
    public let format = ExportFormat(name: "csv", title: "CSV", summary: "One row per dataset with stable columns (RFC 4180, UTF-8).",
                                     fileExtension: "csv", mediaType: "text/csv", pageable: false)

    /// The columns, in order; documented in the README, stable across versions (new ones go at the end).
    public static let columns = ["id", "cluster", "title", "description", "publisher", "keywords", "themes", "licence",
                                 "licence_uri", "issued", "modified", "languages", "landing_page", "formats",
                                 "download_urls", "sources", "records"]

    public init() {}

    public func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError) {
        try sink.write(Self.line(Self.columns))
        try reader.datasets(offset: page?.offset ?? 0, limit: page?.size) { dataset throws(ExportError) in
            try sink.write(Self.line(Self.row(dataset)))
        }
        try sink.flush()
    }

    static func row(_ dataset: ExportDataset) -> [String] {
        let r = dataset.canonical
        func list(_ items: [String?]) -> String {
            var seen = Set<String>()
            return items.compactMap { $0 }.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ";")
        }
        return [
            r.id, dataset.clusterID, r.title.value, r.description?.value ?? "", r.publisher?.name ?? "",
            list(r.keywords), list(r.themes.map { $0.label ?? $0.uri }),
            r.license.flatMap { $0.spdx ?? $0.raw ?? $0.title } ?? "", r.license.flatMap { $0.euURI ?? $0.uri } ?? "",
            r.issued?.display ?? "", r.modified?.display ?? "", list(r.languages), r.landingPage ?? "",
            list(r.distributions.map { $0.format ?? $0.mediaType }), list(r.distributions.map { $0.downloadURL ?? $0.accessURL }),
            dataset.hit.sources.joined(separator: ";"), dataset.hit.records.joined(separator: ";"),
        ]
    }

    static func line(_ fields: [String]) -> String {
        fields.map(ResultLines.csvField).joined(separator: ",") + "\r\n"
    }
}

/// One JSON object per dataset and line, the same object `fedcat search --json` gives for a result.
public struct NDJSONExporter: Exporter {
    public let format = ExportFormat(name: "ndjson", title: "NDJSON", summary: "One JSON object per dataset and line, as `fedcat search --json` results.",
                                     fileExtension: "ndjson", mediaType: "application/x-ndjson", pageable: false)

    public init() {}

    public func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError) {
        let encoder = ResultLines.lineEncoder
        try reader.datasets(offset: page?.offset ?? 0, limit: page?.size) { dataset throws(ExportError) in
            try sink.write(ResultLines.line(dataset.hit, encoder: encoder) + "\n")
        }
        try sink.flush()
    }
}
