public import CatalogModel

/// How large one record's fields may be. Real records stay far below (the corpus's longest description is 57 KB,
/// its longest distribution list 343); what goes beyond is a broken or hostile record, and one such field must not
/// hold up a page or swell the index. Texts and lists are cut, a geometry or extra that cannot be cut is dropped,
/// and a payload larger than `maxPayloadBytes` is refused before it is parsed.
public struct FieldLimits: Sendable, Hashable {
    /// A record's raw payload; larger records are refused (`<prefix>.too-large`).
    public var maxPayloadBytes = 8 * 1024 * 1024
    /// Title, in characters; cut.
    public var maxTitle = 2_000
    /// Description, in characters; cut.
    public var maxDescription = 256 * 1024
    /// A geometry (WKT, GeoJSON), in characters; dropped, since a cut geometry means nothing.
    public var maxGeometry = 64 * 1024
    /// Distributions; the first ones are kept.
    public var maxDistributions = 1_000
    /// Keywords; the first ones are kept.
    public var maxKeywords = 1_000
    /// One extra's value, in characters; dropped.
    public var maxExtra = 64 * 1024

    public static let standard = FieldLimits()

    public init() {}
}

/// Where a kind's fields are in its payload, as JSON pointers relative to the record, for the issues' locations.
public struct FieldPointers {
    public var title: String
    public var description: String
    public var keywords: String
    public var spatial: String
    public var distributions: String
    /// An extra's pointer from its key.
    public var extra: (String) -> String

    public init(title: String, description: String, keywords: String, spatial: String, distributions: String,
                extra: @escaping (String) -> String = { "/\($0)" }) {
        self.title = title
        self.description = description
        self.keywords = keywords
        self.spatial = spatial
        self.distributions = distributions
        self.extra = extra
    }
}

extension FieldLimits {
    /// True when `enforce` would change nothing in `record`: a quick test that spares a mapper the pointers of the
    /// issues in the usual case (sizes in UTF-8 bytes first, which are never fewer than characters).
    public func allows(_ record: CatalogRecord) -> Bool {
        let title = record.title.value
        guard title.utf8.count <= maxTitle || title.count <= maxTitle else { return false }
        if let description = record.description?.value, description.utf8.count > maxDescription, description.count > maxDescription { return false }
        guard record.keywords.count <= maxKeywords, record.distributions.count <= maxDistributions else { return false }
        guard record.spatial.allSatisfy({ ($0.geometry?.utf8.count ?? 0) <= maxGeometry }) else { return false }
        return record.extras.values.allSatisfy { $0.utf8.count <= maxExtra }
    }

    /// Cuts or drops what is over a limit in `record`, with a warning per field: `<prefix>.field-cut` when the
    /// first part was kept, `<prefix>.field-dropped` when the field was removed. The rest of the record stays.
    public func enforce(on record: inout CatalogRecord, pointers: FieldPointers, codePrefix: String, issues: inout IssueCollector) {
        let cut = "\(codePrefix).field-cut", dropped = "\(codePrefix).field-dropped"
        if record.title.value.count > maxTitle {
            issues.warning(cut, "the title is \(record.title.value.count) characters long; the first \(maxTitle) were kept.", at: pointers.title)
            record.title.value = String(record.title.value.prefix(maxTitle)) + "…"
        }
        if let description = record.description?.value, description.utf8.count > maxDescription, description.count > maxDescription {
            issues.warning(cut, "the description is \(description.count) characters long; the first \(maxDescription) were kept.", at: pointers.description)
            record.description?.value = String(description.prefix(maxDescription)) + "…"
        }
        if record.keywords.count > maxKeywords {
            issues.warning(cut, "the record has \(record.keywords.count) keywords; the first \(maxKeywords) were kept.", at: pointers.keywords)
            record.keywords.removeSubrange(maxKeywords...)
        }
        if record.distributions.count > maxDistributions {
            issues.warning(cut, "the record has \(record.distributions.count) distributions; the first \(maxDistributions) were kept.", at: pointers.distributions)
            record.distributions.removeSubrange(maxDistributions...)
        }
        for index in record.spatial.indices.reversed() {
            guard let geometry = record.spatial[index].geometry, geometry.utf8.count > maxGeometry else { continue }
            issues.warning(dropped, "the spatial geometry is \(geometry.utf8.count) bytes long, over the limit of \(maxGeometry); it was dropped.", at: pointers.spatial)
            record.spatial[index].geometry = nil
            if record.spatial[index] == SpatialCoverage() { record.spatial.remove(at: index) }
        }
        for (key, value) in record.extras where value.utf8.count > maxExtra {
            issues.warning(dropped, "the field '\(key)' is \(value.utf8.count) bytes long, over the limit of \(maxExtra); it was dropped.", at: pointers.extra(key))
            record.extras[key] = nil
        }
    }
}
