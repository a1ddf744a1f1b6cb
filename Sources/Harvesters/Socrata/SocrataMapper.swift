public import CatalogModel
import FeedParsing
import Foundation

/// Maps a Socrata dataset to a `CatalogRecord`: a Discovery API result (`{"resource": …, "classification": …,
/// "metadata": …, "permalink": …}`) or a views metadata object (`/api/views/<id>.json`).
///
/// Dates are passed on as the portal wrote them (ISO text in Discovery results, epoch seconds in views metadata);
/// the normaliser reads both.
public struct SocrataMapper: RecordMapper {
    public init() {}

    /// Discovery `resource` members mapped to the record; other scalars are kept as extras.
    static let mappedResource: Set<String> = [
        "id", "name", "description", "attribution", "attribution_link", "contact_email", "updatedAt", "createdAt",
    ]
    /// Discovery result members mapped to the record.
    static let mappedResult: Set<String> = ["resource", "classification", "metadata", "permalink", "link", "owner", "creator"]
    /// Views metadata members mapped to the record.
    static let mappedView: Set<String> = [
        "id", "name", "description", "attribution", "attributionLink", "category", "tags", "license", "licenseId",
        "createdAt", "rowsUpdatedAt", "viewLastModified", "owner", "tableAuthor", "metadata",
    ]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        guard let payload = issues.object(from: raw, codePrefix: "socrata.dataset") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let object = payload.object
        let fields: SocrataFields
        if Self.isDiscoveryResult(object) {
            guard let resource = object["resource"]?.object else {
                let what = object["resource"].map { "a 'resource' that is a \($0.typeName)" } ?? "no 'resource'"
                issues.error("socrata.result.missing-resource", "the result at \(raw.location) has \(what); it was skipped.", at: "\(raw.location)/resource")
                return MappingResult(record: nil, issues: issues.items)
            }
            fields = SocrataFields(discovery: object, resource: resource, location: raw.location)
        } else {
            fields = SocrataFields(view: object, location: raw.location)
        }
        guard let localID = fields.id else {
            let name = fields.name.map { " named '\($0)'" } ?? ""
            issues.error("socrata.dataset.missing-id", "the dataset\(name) at \(raw.location) has no id; it was skipped.", at: fields.idPointer)
            return MappingResult(record: nil, issues: issues.items)
        }
        let title: String
        if let name = fields.name {
            title = name
        } else {
            issues.warning("socrata.dataset.missing-name", "the dataset has no name; its id is used instead.", at: fields.namePointer)
            title = localID
        }
        let domain = fields.domain ?? Self.domain(for: source)
        let landing = fields.link ?? fields.permalink ?? domain.map { "https://\($0)/d/\(localID)" }
        let provenance = Provenance(sourceID: source.id, kind: SocrataHarvester.description.kind, originalID: localID,
                                    originalURL: fields.permalink ?? landing, harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title), provenance: provenance)
        record.identifiers = [Identifier(localID, scheme: "socrata-4x4")]
        record.description = fields.description.map { LocalizedText($0) }
        record.keywords = Self.unique(fields.keywords)
        record.themes = Self.unique(fields.categories).map { Concept(label: $0, scheme: "socrata-category") }
        if let attribution = fields.attribution {
            var agent = Agent(name: attribution)
            agent.homepage = fields.attributionLink
            record.publisher = agent
            record.creator = fields.owner.map { Agent(name: $0) }
        } else {
            record.publisher = fields.owner.map { Agent(name: $0) }
        }
        var extras = fields.extras
        if fields.attribution == nil, let link = fields.attributionLink { extras[fields.attributionLinkKey] = link }
        if let email = fields.contactEmail { record.contactPoint = Contact(email: email) }
        if fields.licenseName != nil || fields.licenseURI != nil {
            record.license = LicenseRef(raw: fields.licenseName ?? fields.licenseURI, uri: fields.licenseURI)
        }
        record.issued = fields.created.map { CatalogDate(raw: $0) }
        record.modified = fields.updated.map { CatalogDate(raw: $0) }
        record.landingPage = landing
        if let domain { record.distributions = Self.distributions(id: localID, domain: domain, exportable: fields.exportable) }
        record.extras = extras
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: fields.namePointer, description: "\(raw.location)/resource/description",
                                                                         keywords: "\(raw.location)/classification", spatial: raw.location,
                                                                         distributions: raw.location, extra: { _ in raw.location }),
                                     codePrefix: "socrata.dataset", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// The dataset's id: `resource.id` of a Discovery result, `id` of a view.
    static func localID(of value: JSONValue) -> String? {
        guard let object = value.object else { return nil }
        if isDiscoveryResult(object) { return CKANFields.text(object["resource"]?["id"]) }
        return CKANFields.text(object["id"])
    }

    static func isDiscoveryResult(_ object: JSONObject) -> Bool {
        object["resource"] != nil || object["classification"] != nil || (object["permalink"] != nil && object["id"] == nil)
    }

    /// The domain a source harvests: `options.domain`, else the URL's host.
    static func domain(for source: SourceConfig) -> String? {
        if let option = source.options["domain"]?.trimmed, !option.isEmpty { return option.lowercased() }
        return SocrataHarvester.host(of: source.url)
    }

    /// The CSV and JSON exports and the SODA endpoint every tabular Socrata dataset has.
    static func distributions(id: String, domain: String, exportable: Bool) -> [Distribution] {
        let encoded = CKANEndpoint.encode(id)
        var soda = Distribution(id: "soda", title: "SODA API", accessURL: "https://\(domain)/resource/\(encoded).json")
        soda.format = "API"
        soda.mediaType = "application/json"
        guard exportable else { return [soda] }
        var csv = Distribution(id: "csv", title: "CSV export", accessURL: "https://\(domain)/api/views/\(encoded)/rows.csv?accessType=DOWNLOAD")
        csv.downloadURL = csv.accessURL
        csv.format = "CSV"
        csv.mediaType = "text/csv"
        var json = Distribution(id: "json", title: "JSON export", accessURL: "https://\(domain)/api/views/\(encoded)/rows.json?accessType=DOWNLOAD")
        json.downloadURL = json.accessURL
        json.format = "JSON"
        json.mediaType = "application/json"
        return [csv, json, soda]
    }

    /// `values` without blanks and without case-insensitive repeats, first spelling kept.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}

/// The fields of one Socrata dataset, read from either shape.
struct SocrataFields {
    var id: String?
    var idPointer: String
    var name: String?
    var namePointer: String
    var description: String?
    var attribution: String?
    var attributionLink: String?
    /// The member `attributionLink` was read from, kept as an extra when there is no attribution to link.
    var attributionLinkKey = "attribution_link"
    var owner: String?
    var contactEmail: String?
    var created: String?
    var updated: String?
    var categories: [String] = []
    var keywords: [String] = []
    var licenseName: String?
    var licenseURI: String?
    var permalink: String?
    var link: String?
    var domain: String?
    /// False for link-only (`href`) and file (`blobby`) datasets, which have no row exports.
    var exportable = true
    var extras: [String: String] = [:]

    /// A Discovery API result.
    init(discovery result: JSONObject, resource: JSONObject, location: String) {
        id = CKANFields.text(resource["id"])
        idPointer = "\(location)/resource/id"
        name = CKANFields.text(resource["name"])
        namePointer = "\(location)/resource/name"
        description = CKANFields.text(resource["description"])
        attribution = CKANFields.text(resource["attribution"])
        attributionLink = CKANFields.text(resource["attribution_link"])
        owner = CKANFields.text(result["owner"]?["display_name"]) ?? CKANFields.text(result["creator"]?["display_name"])
        contactEmail = CKANFields.text(resource["contact_email"])
        created = CKANFields.text(resource["createdAt"]) ?? CKANFields.text(resource["publication_date"])
        updated = CKANFields.text(resource["updatedAt"]) ?? CKANFields.text(resource["data_updated_at"])
            ?? CKANFields.text(resource["metadata_updated_at"])
        let classification = result["classification"]
        categories = CKANFields.list(classification?["domain_category"]) + CKANFields.list(classification?["categories"])
        keywords = CKANFields.list(classification?["tags"]) + CKANFields.list(classification?["domain_tags"])
        let metadata = result["metadata"]
        licenseName = CKANFields.text(metadata?["license"])
        domain = CKANFields.text(metadata?["domain"])?.lowercased()
        permalink = CKANFields.text(result["permalink"])
        link = CKANFields.text(result["link"])
        let kind = (CKANFields.text(resource["lens_view_type"]) ?? CKANFields.text(resource["type"]) ?? "").lowercased()
        exportable = !["href", "blobby", "file", "link", "story"].contains(kind)
        for member in resource where !SocrataMapper.mappedResource.contains(member.key) {
            if let text = CKANFields.text(member.value) { extras[member.key] = text }
        }
        for member in result where !SocrataMapper.mappedResult.contains(member.key) {
            if let text = CKANFields.text(member.value) { extras[member.key] = text }
        }
        for member in metadata?.object ?? [:] where member.key != "license" && member.key != "domain" {
            if let text = CKANFields.text(member.value) { extras["metadata.\(member.key)"] = text }
        }
        for item in classification?["domain_metadata"]?.array ?? [] {
            if let key = CKANFields.text(item["key"]), let value = CKANFields.text(item["value"]) {
                extras["domain_metadata.\(key)"] = value
            }
        }
    }

    /// A views metadata object (`/api/views/<id>.json`).
    init(view: JSONObject, location: String) {
        id = CKANFields.text(view["id"])
        idPointer = "\(location)/id"
        name = CKANFields.text(view["name"])
        namePointer = "\(location)/name"
        description = CKANFields.text(view["description"])
        attribution = CKANFields.text(view["attribution"])
        attributionLink = CKANFields.text(view["attributionLink"])
        attributionLinkKey = "attributionLink"
        owner = CKANFields.text(view["owner"]?["displayName"]) ?? CKANFields.text(view["tableAuthor"]?["displayName"])
        created = CKANFields.text(view["createdAt"])
        updated = CKANFields.text(view["rowsUpdatedAt"]) ?? CKANFields.text(view["viewLastModified"])
        categories = CKANFields.list(view["category"])
        keywords = CKANFields.list(view["tags"])
        licenseName = CKANFields.text(view["license"]?["name"]) ?? CKANFields.text(view["licenseId"])
        licenseURI = CKANFields.text(view["license"]?["termsLink"])
        let kind = (CKANFields.text(view["viewType"]) ?? "").lowercased()
        exportable = !["href", "blobby"].contains(kind)
        for member in view where !SocrataMapper.mappedView.contains(member.key) {
            if let text = CKANFields.text(member.value) { extras[member.key] = text }
        }
        if let licenseID = CKANFields.text(view["licenseId"]), licenseName != licenseID { extras["licenseId"] = licenseID }
        if CKANFields.text(view["rowsUpdatedAt"]) != nil, let modified = CKANFields.text(view["viewLastModified"]) {
            extras["viewLastModified"] = modified
        }
        for member in view["metadata"]?["custom_fields"]?.object ?? [:] {
            for field in member.value.object ?? [:] {
                if let text = CKANFields.text(field.value) { extras["custom_fields.\(member.key).\(field.key)"] = text }
            }
        }
    }
}
