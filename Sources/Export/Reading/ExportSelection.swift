import Foundation

/// Which datasets to export: a query in the search language, a date, a source. A dataset (a cluster of records
/// describing the same data) is exported when any of its records matches every given condition; it is then written
/// with all its records, so "also published at" stays complete.
public struct ExportSelection: Sendable, Hashable {
    /// A `fedcat search` query (`flood format:csv publisher:"Met Office"`); nil or empty for everything.
    public var query: String?
    /// Records modified (as published) or changed in the catalogue at or after this date, as typed.
    public var since: String?
    /// Records of this source.
    public var source: String?
    /// The one dataset (the whole cluster) this record id belongs to (`fedcat serve`'s `/datasets/{id}` in RDF).
    public var datasetOf: String?

    public init(query: String? = nil, since: String? = nil, source: String? = nil, datasetOf: String? = nil) {
        self.query = query
        self.since = since
        self.source = source
        self.datasetOf = datasetOf
    }

    /// `--since` in a form comparable with the stored ISO texts: `2024-03-01` or `2024-03-01T10:00:00Z` (UTC).
    static func normalisedSince(_ text: String) throws(ExportError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil {
            guard (try? Date(value + "T00:00:00Z", strategy: .iso8601)) != nil else { throw .badSince(value: text) }
            return value
        }
        guard let date = try? Date(value, strategy: .iso8601) else { throw .badSince(value: text) }
        return date.formatted(Date.ISO8601FormatStyle())
    }
}

/// How exported resources are named: every IRI is `base` followed by a path, so one catalogue exported twice gets
/// the same IRIs. `urn:fedcat:` by default; give the URL the export will be served from to make them resolvable.
public struct IRIScheme: Sendable, Hashable {
    public var base: String

    public static let defaultBase = "urn:fedcat:"

    public init(base: String = IRIScheme.defaultBase) throws(ExportError) {
        guard base.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*[/#:]$"#, options: .regularExpression) != nil else {
            throw .badBase(value: base)
        }
        self.base = base
    }

    public var catalog: String { base + "catalog" }
    public var catalogPublisher: String { base + "catalog#publisher" }
    /// A dataset: `<base>dataset/<cluster id>` (the cluster id is its smallest record id, `source/local-id`).
    public func dataset(_ clusterID: String) -> String { base + "dataset/" + Self.segment(clusterID) }
    /// One source's record of a dataset: `<base>record/<record id>`.
    public func record(_ recordID: String) -> String { base + "record/" + Self.segment(recordID) }
    /// A page of a paged catalogue: `<base>page-<n>.<extension>`.
    public func page(_ number: Int, fileExtension: String) -> String { base + "page-\(number).\(fileExtension)" }

    /// An id as an IRI path: unreserved characters and `/` kept, everything else percent-encoded (UTF-8).
    static func segment(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
