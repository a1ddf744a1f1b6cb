/// One dataset as fedcat keeps it, aligned with DCAT-AP 3 (`dcat:Dataset`), whatever shape it was published in.
public struct CatalogRecord: Sendable, Hashable, Codable {
    /// fedcat's id for the record: `<source id>/<id in the source>`.
    public var id: String
    /// `dct:identifier` and `adms:identifier`: every identifier the publisher gave (ids, slugs, DOIs, URIs).
    public var identifiers: [Identifier]
    /// `dct:title`, with its language variants.
    public var title: LocalizedText
    /// `dct:description`, with its language variants.
    public var description: LocalizedText?
    /// `dcat:keyword`.
    public var keywords: [String]
    /// `dcat:theme`: categories, groups, vocabulary concepts.
    public var themes: [Concept]
    /// `dct:publisher`.
    public var publisher: Agent?
    /// `dct:creator`.
    public var creator: Agent?
    /// `dcat:contactPoint`.
    public var contactPoint: Contact?
    /// `dct:license` of the dataset.
    public var license: LicenseRef?
    /// `dct:accessRights`.
    public var accessRights: Concept?
    /// `dct:issued`.
    public var issued: CatalogDate?
    /// `dct:modified`.
    public var modified: CatalogDate?
    /// `dct:temporal`.
    public var temporal: [TemporalCoverage]
    /// `dct:spatial`.
    public var spatial: [SpatialCoverage]
    /// `dct:language`, as published (normalised to ISO 639-1 where known).
    public var languages: [String]
    /// `dcat:landingPage`.
    public var landingPage: String?
    /// `dct:accrualPeriodicity`.
    public var frequency: Concept?
    /// `dcat:version` / `owl:versionInfo`.
    public var version: String?
    /// `dcat:distribution`.
    public var distributions: [Distribution]
    /// Published fields fedcat has no slot for, kept by name so nothing is lost.
    public var extras: [String: String]
    /// Where and when the record was harvested.
    public var provenance: Provenance
    /// What normalisation did: each interpreted field with its raw value and the rule that read it.
    public var notes: [FieldNote]

    public init(id: String, title: LocalizedText, provenance: Provenance) {
        self.id = id
        self.identifiers = []
        self.title = title
        self.description = nil
        self.keywords = []
        self.themes = []
        self.publisher = nil
        self.creator = nil
        self.contactPoint = nil
        self.license = nil
        self.accessRights = nil
        self.issued = nil
        self.modified = nil
        self.temporal = []
        self.spatial = []
        self.languages = []
        self.landingPage = nil
        self.frequency = nil
        self.version = nil
        self.distributions = []
        self.extras = [:]
        self.provenance = provenance
        self.notes = []
    }

    /// Records that `rule` read `raw` in `field` as `value`.
    public mutating func note(_ field: String, raw: String, value: String, rule: String) {
        notes.append(FieldNote(field: field, raw: raw, value: value, rule: rule))
    }
}

/// Makes the record id from a source id and the id the source uses.
public enum RecordID {
    /// `<source id>/<local id>`.
    public static func make(source: String, local: String) -> String { "\(source)/\(local)" }
}
