public import CatalogModel
public import FeedParsing
import Foundation

/// Maps a DCAT-US / Project Open Data dataset object to a `CatalogRecord`.
public struct DataJSONMapper: RecordMapper {
    public init() {}

    /// The fields mapped to the record; every other field is kept as an extra.
    static let mapped: Set<String> = [
        "@type", "identifier", "title", "description", "keyword", "theme", "publisher", "contactPoint", "mbox",
        "license", "accessLevel", "rights", "issued", "modified", "temporal", "spatial", "language", "landingPage",
        "accrualPeriodicity", "distribution", "webService", "accessURL", "format", "conformsTo",
    ]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        guard let payload = issues.object(from: raw, codePrefix: "datajson.dataset") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let dataset = payload.object
        guard let identifier = DataJSONIdentifier(dataset["identifier"]) else {
            let title = CKANFields.text(dataset["title"]).map { " titled '\($0)'" } ?? ""
            if let value = dataset["identifier"], value.object != nil || value.array != nil {
                issues.error("datajson.dataset.identifier-unreadable", "the dataset\(title) at \(raw.location) has an 'identifier' \(value.typeName) with no '@id', 'notation' or text; it was skipped.", at: "\(raw.location)/identifier")
            } else {
                issues.error("datajson.dataset.missing-identifier", "the dataset\(title) at \(raw.location) has no 'identifier'; it was skipped.", at: raw.location)
            }
            return MappingResult(record: nil, issues: issues.items)
        }
        let localID = identifier.key
        let title: String
        if let text = dataset["title"]?.string?.trimmed, !text.isEmpty {
            title = text
        } else if let text = CKANFields.text(dataset["title"]) {
            issues.warning("datajson.dataset.title-not-text", "'title' is a \(dataset["title"]!.typeName), not text; '\(text)' is used.", at: "\(raw.location)/title")
            title = text
        } else {
            issues.warning("datajson.dataset.missing-title", "the dataset has no title; its identifier is used instead.", at: "\(raw.location)/title")
            title = localID
        }
        let landing = CKANFields.text(dataset["landingPage"])
        let provenance = Provenance(sourceID: source.id, kind: DataJSONHarvester.description.kind, originalID: localID,
                                    originalURL: landing, harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title), provenance: provenance)
        record.identifiers = identifier.identifiers
        if let text = CKANFields.text(dataset["description"]) { record.description = LocalizedText(text) }
        record.keywords = CKANFields.list(dataset["keyword"])
        record.themes = CKANFields.list(dataset["theme"]).map { $0.hasPrefix("http") ? Concept(uri: $0) : Concept(label: $0, scheme: "dcat-us-theme") }
        record.publisher = publisher(dataset["publisher"])
        record.contactPoint = contact(dataset["contactPoint"], mbox: dataset["mbox"])
        if let license = CKANFields.text(dataset["license"]) {
            record.license = license.hasPrefix("http") ? LicenseRef(raw: license, uri: license) : LicenseRef(raw: license)
        }
        if let level = CKANFields.text(dataset["accessLevel"]) { record.accessRights = Concept(label: level, scheme: "dcat-us-access-level") }
        record.issued = CKANFields.text(dataset["issued"]).map { CatalogDate(raw: $0) }
        record.modified = CKANFields.text(dataset["modified"]).map { CatalogDate(raw: $0) }
        if let temporal = CKANFields.text(dataset["temporal"]) { record.temporal = [TemporalCoverage(start: CatalogDate(raw: temporal))] }
        if let spatial = dataset["spatial"], !spatial.isNull {
            if let text = CKANFields.text(spatial) {
                record.spatial = [Self.looksLikeGeometry(text) ? SpatialCoverage(geometry: text) : text.hasPrefix("http") ? SpatialCoverage(uri: text) : SpatialCoverage(label: text)]
            } else {
                record.spatial = [SpatialCoverage(geometry: JSONWriter.string(spatial))]
            }
        }
        record.languages = CKANFields.list(dataset["language"])
        record.landingPage = landing
        if let frequency = CKANFields.text(dataset["accrualPeriodicity"]) {
            record.frequency = frequency.hasPrefix("http") ? Concept(uri: frequency) : Concept(label: frequency)
        }
        record.distributions = distributions(dataset, location: raw.location, issues: &issues)
        DataJSONChecks.check(dataset, title: title, location: raw.location, issues: &issues)
        for member in dataset where !Self.mapped.contains(member.key) && !member.value.isNull {
            record.extras[member.key] = member.value.scalarText ?? JSONWriter.string(member.value)
        }
        if let rights = CKANFields.text(dataset["rights"]) { record.extras["rights"] = rights }
        if let standards = Self.standards(dataset["conformsTo"]) { record.extras["conformsTo"] = standards }
        let at = { (field: String) in "\(raw.location)/\(field)" }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("description"), keywords: at("keyword"),
                                                                         spatial: at("spatial"), distributions: at("distribution"), extra: { at($0) }),
                                     codePrefix: "datajson.dataset", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// The dataset's `identifier` as text (numbers included; the `@id` or `notation` of a DCAT-US 3 object).
    public static func localID(of dataset: JSONValue) -> String? {
        DataJSONIdentifier(dataset["identifier"])?.key
    }

    /// `conformsTo` as text, joined with ` | `: a URI, or DCAT-US 3 `Standard` objects (one or a list) by `@id`, else `title`.
    static func standards(_ value: JSONValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        let items = value.array ?? [value]
        let texts = items.compactMap { item in CKANFields.text(item) ?? CKANFields.text(item["@id"]) ?? CKANFields.text(item["title"]) }
        return texts.isEmpty ? JSONWriter.string(value) : texts.joined(separator: " | ")
    }

    private func publisher(_ value: JSONValue?) -> Agent? {
        if let name = value?.string?.trimmed, !name.isEmpty { return Agent(name: name) }
        guard let object = value?.object, let name = CKANFields.text(object["name"]) else { return nil }
        var agent = Agent(name: name)
        var parents: [String] = []
        var parent = object["subOrganizationOf"]
        while let current = parent?.object, parents.count < 10 {
            if let name = CKANFields.text(current["name"]) { parents.append(name) }
            parent = current["subOrganizationOf"]
        }
        if !parents.isEmpty { agent.identifier = (parents.reversed() + [name]).joined(separator: " > ") }
        return agent
    }

    private func contact(_ value: JSONValue?, mbox: JSONValue?) -> Contact? {
        var contact = Contact()
        if let object = value?.object {
            contact.name = CKANFields.text(object["fn"])
            contact.email = CKANFields.text(object["hasEmail"]).map(Self.withoutMailto)
        } else if let name = CKANFields.text(value) {
            contact.name = name
        }
        if contact.email == nil, let mail = CKANFields.text(mbox) { contact.email = Self.withoutMailto(mail) }
        return contact.name == nil && contact.email == nil ? nil : contact
    }

    private func distributions(_ dataset: JSONObject, location: String, issues: inout IssueCollector) -> [Distribution] {
        var result: [Distribution] = []
        if let list = dataset["distribution"] {
            guard let array = list.array else {
                issues.warning("datajson.dataset.distribution-not-list", "'distribution' is a \(list.typeName), not a list; it was ignored.", at: "\(location)/distribution")
                return []
            }
            for (index, item) in array.enumerated() {
                guard item.object != nil else {
                    issues.warning("datajson.distribution.not-object", "distribution \(index) is a \(item.typeName), not an object; it was ignored.", at: "\(location)/distribution/\(index)")
                    continue
                }
                var distribution = Distribution(title: CKANFields.text(item["title"]), accessURL: CKANFields.text(item["accessURL"]))
                distribution.downloadURL = CKANFields.text(item["downloadURL"])
                distribution.description = CKANFields.text(item["description"])
                distribution.format = CKANFields.text(item["format"])
                distribution.mediaType = CKANFields.text(item["mediaType"])
                if distribution.accessURL == nil && distribution.downloadURL == nil {
                    issues.warning("datajson.distribution.no-url", "distribution \(index) has neither 'accessURL' nor 'downloadURL'.", at: "\(location)/distribution/\(index)")
                }
                DataJSONChecks.checkURLs(item, index: index, location: location, issues: &issues)
                result.append(distribution)
            }
        } else if let access = CKANFields.text(dataset["accessURL"]) ?? CKANFields.text(dataset["webService"]) {
            var distribution = Distribution(accessURL: access)      // POD 1.0
            distribution.format = CKANFields.text(dataset["format"])
            result.append(distribution)
        }
        return result
    }

    static func withoutMailto(_ text: String) -> String {
        text.lowercased().hasPrefix("mailto:") ? String(text.dropFirst(7)) : text
    }

    static func looksLikeGeometry(_ text: String) -> Bool {
        let first = text.first
        return first == "{" || first == "[" || text.uppercased().hasPrefix("POLYGON") || text.uppercased().hasPrefix("POINT")
            || text.filter({ $0 == "," }).count == 3 && text.allSatisfy { $0.isNumber || ",.- ".contains($0) }
    }
}
