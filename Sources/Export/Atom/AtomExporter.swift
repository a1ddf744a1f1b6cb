/// An Atom 1.0 change feed: one entry per record added, updated or withdrawn since `--since` (everything without it),
/// from the harvest history (`records.first_run`/`last_changed_run`, and `withdrawn_records`). Each entry's category
/// (scheme `urn:fedcat:change`) says which; its id is the record's IRI with the change and time, so a reader sees each
/// change once.
public struct AtomExporter: Exporter {
    public let format = ExportFormat(name: "atom", title: "Atom change feed", summary: "Datasets added, updated and withdrawn since a date, as Atom 1.0.",
                                     fileExtension: "atom", mediaType: "application/atom+xml", pageable: false)

    public static let changeScheme = "urn:fedcat:change"

    public init() {}

    public func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError) {
        let iris = reader.iris
        let updated = try [reader.lastChangeForFeed(), reader.lastWithdrawal()].compactMap { $0 }.max() ?? "1970-01-01T00:00:00Z"
        let title = reader.since.map { "\(reader.catalogTitle): changes since \($0)" } ?? "\(reader.catalogTitle): changes"
        try sink.write("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>\(x(iris.base + "changes" + (reader.since.map { "?since=" + $0 } ?? "")))</id>
              <title>\(x(title))</title>
              <updated>\(x(updated))</updated>
              <author><name>fedcat</name></author>
              <generator>fedcat</generator>

            """)
        try reader.changes { change throws(ExportError) in
            var entry = "  <entry>\n"
            entry += "    <id>\(x(iris.record(change.recordID) + "#" + change.kind.rawValue + "-" + change.at))</id>\n"
            entry += "    <title>\(x(change.title))</title>\n"
            entry += "    <updated>\(x(change.at))</updated>\n"
            entry += "    <category scheme=\"\(Self.changeScheme)\" term=\"\(change.kind.rawValue)\" label=\"\(change.kind.rawValue)\"/>\n"
            entry += "    <category scheme=\"urn:fedcat:source\" term=\"\(x(change.sourceID))\"/>\n"
            if let url = change.originalURL.flatMap(RDFText.iri) { entry += "    <link rel=\"alternate\" href=\"\(x(url))\"/>\n" }
            entry += "    <link rel=\"related\" href=\"\(x(iris.record(change.recordID)))\"/>\n"
            let summary: String
            switch change.kind {
            case .withdrawn: summary = "Record \(change.recordID) was withdrawn from source \(change.sourceID)" + (change.runID.map { " by harvest run \($0)." } ?? ".")
            case .added, .updated:
                summary = change.record?.description?.value.prefix(600).description ?? "Record \(change.recordID) was \(change.kind.rawValue) in source \(change.sourceID)."
            }
            entry += "    <summary>\(x(summary))</summary>\n  </entry>\n"
            try sink.write(entry)
        }
        try sink.write("</feed>\n")
        try sink.flush()
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold are replaced (see `RDFText.clean`).
    private func x(_ text: String) -> String { RDFXMLSyntax.attribute(RDFText.clean(text)).replacingOccurrences(of: ">", with: "&gt;") }
}
