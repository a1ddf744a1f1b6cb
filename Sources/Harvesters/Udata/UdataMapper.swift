public import CatalogModel
import FeedParsing
import Foundation

/// Maps a udata API v1 dataset object to a `CatalogRecord`.
///
/// Licence ids (`lov2`, `fr-lo`, `odc-odbl`, `cc-by`) are kept raw: the normaliser's licence table knows them.
public struct UdataMapper: RecordMapper {
    public init() {}

    /// The fields mapped to the record (or deliberately dropped: metrics, internal bookkeeping).
    static let mapped: Set<String> = [
        "id", "slug", "title", "description", "tags", "organization", "owner", "license", "frequency", "frequency_date",
        "created_at", "last_modified", "last_update", "created_at_internal", "last_modified_internal", "temporal_coverage",
        "spatial", "resources", "community_resources", "page", "uri", "extras", "metrics", "badges", "harvest", "internal",
        "contact_points", "acronym", "private", "deleted", "archived", "schema", "quality", "featured", "permissions",
    ]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        guard let payload = issues.object(from: raw, codePrefix: "udata.dataset") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let (root, dataset) = payload
        guard let localID = Self.localID(of: root) else {
            let title = CKANFields.text(dataset["title"]).map { " titled '\($0)'" } ?? ""
            issues.error("udata.dataset.missing-id", "the dataset\(title) at \(raw.location) has neither 'id' nor 'slug'; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let at = { (field: String) in "\(raw.location)/\(field)" }

        let title: String
        if let text = CKANFields.text(dataset["title"]) {
            title = text
        } else {
            title = CKANFields.text(dataset["slug"]) ?? localID
            issues.warning("udata.dataset.missing-title", "the dataset has no title; '\(title)' is used instead.", at: at("title"))
        }
        let page = CKANFields.text(dataset["page"])
        let provenance = Provenance(sourceID: source.id, kind: UdataHarvester.description.kind, originalID: localID,
                                    originalURL: page, harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title), provenance: provenance)
        record.identifiers = [Identifier(localID, scheme: "udata")]
        if let uri = CKANFields.text(dataset["uri"]) { record.identifiers.append(Identifier(uri, scheme: "uri")) }
        if let slug = CKANFields.text(dataset["slug"]), slug != localID { record.extras["slug"] = slug }
        if let text = CKANFields.text(dataset["description"]) { record.description = LocalizedText(text) }
        if let tags = dataset["tags"], !tags.isNull, tags.array == nil {
            issues.warning("udata.dataset.tags-not-list", "'tags' is a \(tags.typeName), not a list; it was read as comma-separated text.", at: at("tags"))
        }
        record.keywords = CKANFields.list(dataset["tags"])
        (record.publisher, record.creator) = agents(dataset, location: raw.location, issues: &issues)
        if let license = CKANFields.text(dataset["license"]), license != "notspecified" {
            record.license = LicenseRef(raw: license)
        }
        if let frequency = CKANFields.text(dataset["frequency"]), frequency != "unknown" {
            record.frequency = Concept(label: frequency, scheme: "udata-frequency")
        }
        if let created = CKANFields.text(dataset["created_at"]) ?? CKANFields.text(dataset["created_at_internal"]) {
            record.issued = CatalogDate(raw: created)
        }
        // `last_update` is when the data last changed; `last_modified` when the metadata did.
        if let modified = CKANFields.text(dataset["last_update"]) ?? CKANFields.text(dataset["last_modified"])
            ?? CKANFields.text(dataset["last_modified_internal"]) {
            record.modified = CatalogDate(raw: modified)
        }
        if let metadata = CKANFields.text(dataset["last_modified"]) { record.extras["metadata_modified"] = metadata }
        record.temporal = temporal(dataset["temporal_coverage"], at: at("temporal_coverage"), issues: &issues)
        record.spatial = spatial(dataset["spatial"], at: at("spatial"), record: &record, issues: &issues)
        record.landingPage = page
        record.distributions = distributions(dataset["resources"], at: at("resources"), issues: &issues)
        if dataset["deleted"]?.scalarText != nil {
            issues.warning("udata.dataset.deleted", "the portal marks the dataset as deleted (\(CKANFields.text(dataset["deleted"]) ?? "")).", at: at("deleted"))
        }
        if let archived = CKANFields.text(dataset["archived"]) { record.extras["archived"] = archived }
        if dataset["private"]?.bool == true { record.extras["private"] = "true" }
        if let acronym = CKANFields.text(dataset["acronym"]) { record.extras["acronym"] = acronym }
        if let extras = dataset["extras"] {
            if let object = extras.object {
                for member in object where !member.value.isNull {
                    record.extras[member.key] = member.value.scalarText ?? JSONWriter.string(member.value)
                }
            } else if !extras.isNull {
                issues.warning("udata.dataset.extras-not-object", "'extras' is a \(extras.typeName), not an object; it was ignored.", at: at("extras"))
            }
        }
        for member in dataset where !Self.mapped.contains(member.key) && !member.value.isNull && record.extras[member.key] == nil {
            record.extras[member.key] = member.value.scalarText ?? JSONWriter.string(member.value)
        }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("description"), keywords: at("tags"),
                                                                         spatial: at("spatial"), distributions: at("resources"), extra: { at($0) }),
                                     codePrefix: "udata.dataset", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// The dataset's `id`, else its `slug`.
    static func localID(of dataset: JSONValue) -> String? {
        CKANFields.text(dataset["id"]) ?? CKANFields.text(dataset["slug"])
    }

    /// The organization as publisher; a user owner as publisher when there is no organization.
    private func agents(_ dataset: JSONObject, location: String, issues: inout IssueCollector) -> (Agent?, Agent?) {
        var publisher: Agent?
        if let organization = dataset["organization"], !organization.isNull {
            if let name = CKANFields.text(organization["name"]) {
                var agent = Agent(name: name, uri: CKANFields.text(organization["uri"]) ?? CKANFields.text(organization["page"]),
                                  identifier: CKANFields.text(organization["id"]))
                agent.homepage = CKANFields.text(organization["url"])
                publisher = agent
            } else {
                issues.warning("udata.dataset.organization-unnamed", "'organization' has no name; it was ignored.", at: "\(location)/organization")
            }
        }
        var owner: Agent?
        if let user = dataset["owner"]?.object {
            let name = [CKANFields.text(user["first_name"]), CKANFields.text(user["last_name"])].compactMap { $0 }.joined(separator: " ")
            if let shown = name.isEmpty ? CKANFields.text(user["slug"]) : name {
                owner = Agent(name: shown, uri: CKANFields.text(user["uri"]) ?? CKANFields.text(user["page"]), identifier: CKANFields.text(user["id"]))
            }
        }
        return publisher == nil ? (owner, nil) : (publisher, owner)
    }

    private func temporal(_ value: JSONValue?, at location: String, issues: inout IssueCollector) -> [TemporalCoverage] {
        guard let value, !value.isNull else { return [] }
        guard let object = value.object else {
            issues.warning("udata.dataset.temporal-unreadable", "'temporal_coverage' is a \(value.typeName), not an object with 'start' and 'end'; it was ignored.", at: location)
            return []
        }
        let start = CKANFields.text(object["start"]).map { CatalogDate(raw: $0) }
        let end = CKANFields.text(object["end"]).map { CatalogDate(raw: $0) }
        return start == nil && end == nil ? [] : [TemporalCoverage(start: start, end: end)]
    }

    private func spatial(_ value: JSONValue?, at location: String, record: inout CatalogRecord, issues: inout IssueCollector) -> [SpatialCoverage] {
        guard let value, !value.isNull else { return [] }
        guard let object = value.object else {
            issues.warning("udata.dataset.spatial-unreadable", "'spatial' is a \(value.typeName), not an object; it was ignored.", at: location)
            return []
        }
        var result: [SpatialCoverage] = []
        if let geom = object["geom"], !geom.isNull {
            if geom.object != nil {
                result.append(SpatialCoverage(geometry: JSONWriter.string(geom)))
            } else {
                issues.warning("udata.dataset.geometry-unreadable", "'spatial.geom' is a \(geom.typeName), not a GeoJSON object; it was ignored.", at: "\(location)/geom")
            }
        }
        for zone in object["zones"]?.array ?? [] {
            // Zones are GeoZone ids such as `fr:commune:75056`, or objects with an id and a name.
            if let id = CKANFields.text(zone) {
                result.append(SpatialCoverage(label: id))
            } else if let id = CKANFields.text(zone["id"]) {
                var coverage = SpatialCoverage(label: CKANFields.text(zone["name"]) ?? id)
                coverage.uri = CKANFields.text(zone["uri"])
                result.append(coverage)
            }
        }
        if let granularity = CKANFields.text(object["granularity"]) { record.extras["spatial_granularity"] = granularity }
        return result
    }

    private func distributions(_ value: JSONValue?, at location: String, issues: inout IssueCollector) -> [Distribution] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.array else {
            issues.warning("udata.dataset.resources-not-list", "'resources' is a \(value.typeName), not a list; it was ignored.", at: location)
            return []
        }
        var result: [Distribution] = []
        for (index, item) in list.enumerated() {
            guard item.object != nil else {
                issues.warning("udata.resource.not-object", "resource \(index) is a \(item.typeName), not an object; it was ignored.", at: "\(location)/\(index)")
                continue
            }
            let url = CKANFields.text(item["url"]) ?? CKANFields.text(item["latest"])
            var distribution = Distribution(id: CKANFields.text(item["id"]), title: CKANFields.text(item["title"]), accessURL: url)
            // Uploaded files (`filetype: file`) are direct downloads; remote ones may be pages or APIs.
            if CKANFields.text(item["filetype"]) == "file" || CKANFields.text(item["type"]) == "main" && CKANFields.text(item["format"]) != nil {
                distribution.downloadURL = url
            }
            distribution.description = CKANFields.text(item["description"])
            distribution.format = CKANFields.text(item["format"])
            distribution.mediaType = CKANFields.text(item["mime"])
            distribution.fileType = CKANFields.text(item["type"])
            if let size = item["filesize"], !size.isNull {
                if let bytes = size.number?.int64 ?? CKANFields.text(size).flatMap({ Int64($0) }), bytes >= 0 {
                    distribution.byteSize = bytes
                } else {
                    issues.warning("udata.resource.bad-filesize", "resource \(index) has 'filesize' \(JSONWriter.string(size)), not a byte count; it was ignored.", at: "\(location)/\(index)/filesize")
                }
            }
            distribution.issued = CKANFields.text(item["created_at"]).map { CatalogDate(raw: $0) }
            distribution.modified = CKANFields.text(item["last_modified"]).map { CatalogDate(raw: $0) }
            if url == nil {
                issues.warning("udata.resource.no-url", "resource \(index) has no 'url'.", at: "\(location)/\(index)/url")
            }
            result.append(distribution)
        }
        return result
    }
}
