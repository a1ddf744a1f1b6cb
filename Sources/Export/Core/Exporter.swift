/// What an export format is: its name on the command line, a title and summary, the file extension and media type
/// of what it writes, and whether it can be cut into a static paged catalogue.
public struct ExportFormat: Sendable, Hashable {
    public var name: String
    public var title: String
    public var summary: String
    public var fileExtension: String
    public var mediaType: String
    /// True when pages can link to each other (hydra:PartialCollectionView).
    public var pageable: Bool
}

/// One page of a paged catalogue: which datasets (`offset`, `limit` in dataset order) and where it sits among the others.
public struct ExportPage: Sendable, Hashable {
    /// 1-based page number.
    public var number: Int
    public var size: Int
    /// Datasets selected in all; the last page is `ceil(total / size)` (at least 1).
    public var total: Int
    /// The IRI or URL of page `n` (what hydra links point at).
    public var address: @Sendable (Int) -> String

    public init(number: Int, size: Int, total: Int, address: @escaping @Sendable (Int) -> String) {
        self.number = number
        self.size = size
        self.total = total
        self.address = address
    }

    public var offset: Int { (number - 1) * size }
    public var last: Int { max(1, (total + size - 1) / size) }

    public static func == (a: ExportPage, b: ExportPage) -> Bool { (a.number, a.size, a.total) == (b.number, b.size, b.total) }
    public func hash(into hasher: inout Hasher) { hasher.combine(number); hasher.combine(size); hasher.combine(total) }
}

/// Writes the datasets an `ExportReader` selects in one format.
///
/// Every exporter guarantees: it reads the catalogue through `reader` in batches and writes as it goes (memory does
/// not grow with the catalogue); equal catalogues give byte-identical output (no clock, no random order); every
/// text is escaped for the syntax; with a `page`, it writes only that page's datasets (and, when the format is
/// `pageable`, links to the first, last, previous and next pages).
public protocol Exporter: Sendable {
    var format: ExportFormat { get }
    func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError)
}

extension Exporter {
    /// Writes every selected dataset.
    public func write(_ reader: ExportReader, to sink: any ExportSink) throws(ExportError) {
        try write(reader, page: nil, to: sink)
    }
}

/// The built-in exporters by format name. Unknown names fail with the list of known ones.
public enum ExporterRegistry {
    public static let builtIn: [any Exporter] = [
        RDFExporter(.turtle), RDFExporter(.rdfXML), RDFExporter(.jsonLD), RDFExporter(.nTriples),
        DataJSONExporter(.v1_1), DataJSONExporter(.v3_0),
        CSVExporter(), NDJSONExporter(), AtomExporter(),
    ]

    public static var names: [String] { builtIn.map(\.format.name) }

    public static func exporter(for name: String) throws(ExportError) -> any Exporter {
        guard let found = builtIn.first(where: { $0.format.name == name.lowercased() }) else {
            throw .unknownFormat(name: name, known: names)
        }
        return found
    }
}
