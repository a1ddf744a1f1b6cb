public import CatalogModel

/// How a record ranks as the canonical record of its cluster: the publisher's own portal before an
/// aggregator's copy, then the more complete record, then the more recent one, then the smaller id.
public struct CanonicalRank: Sendable, Hashable, Comparable {
    /// True when the record says it was harvested from elsewhere (CKAN harvest extras, a `guid` or
    /// `identifier` pointing at another portal, a DCAT catalogue record with `dct:source`).
    public var isCopy: Bool
    /// How many of the record's fields are filled.
    public var completeness: Int
    public var modified: String
    public var id: String

    public init(_ record: CatalogRecord) {
        let copyMarkers = ["harvest_source_title", "harvest_source_id", "harvest_object_id", "harvest_url", "source_datajson_identifier",
                           "dcat:CatalogRecord.source"]
        isCopy = copyMarkers.contains { record.extras[$0] != nil }
        var filled = 1
        if record.description != nil { filled += 1 }
        if !record.keywords.isEmpty { filled += 1 }
        if !record.themes.isEmpty { filled += 1 }
        if record.publisher != nil { filled += 1 }
        if record.contactPoint != nil { filled += 1 }
        if record.license != nil { filled += 1 }
        if record.issued != nil { filled += 1 }
        if record.modified != nil { filled += 1 }
        if !record.temporal.isEmpty { filled += 1 }
        if !record.spatial.isEmpty { filled += 1 }
        if !record.languages.isEmpty { filled += 1 }
        if record.landingPage != nil { filled += 1 }
        if record.frequency != nil { filled += 1 }
        filled += min(5, record.distributions.count)
        completeness = filled
        modified = record.modified?.iso ?? ""
        id = record.id
    }

    public init(isCopy: Bool, completeness: Int, modified: String, id: String) {
        self.isCopy = isCopy
        self.completeness = completeness
        self.modified = modified
        self.id = id
    }

    /// `a < b` when `a` is the better canonical record.
    public static func < (a: CanonicalRank, b: CanonicalRank) -> Bool {
        if a.isCopy != b.isCopy { return !a.isCopy }
        if a.completeness != b.completeness { return a.completeness > b.completeness }
        if a.modified != b.modified { return a.modified > b.modified }
        return a.id < b.id
    }

    /// The rule, as stated to users.
    public static let rule = "the publisher's own portal over an aggregator's copy, then the more complete record, then the more recent, then the smaller id"
}
