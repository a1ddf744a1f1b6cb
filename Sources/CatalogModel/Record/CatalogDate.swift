/// A date or date-time as published, and its ISO 8601 form when fedcat could read it.
public struct CatalogDate: Sendable, Hashable, Codable {
    /// The text as published.
    public var raw: String
    /// ISO 8601 at the precision published: `2019`, `2019-03`, `2019-03-04`, `2019-03-04T10:21:33Z`.
    public var iso: String?

    public init(raw: String, iso: String? = nil) {
        self.raw = raw
        self.iso = iso
    }

    /// The ISO form when known, else the raw text.
    public var display: String { iso ?? raw }
}
