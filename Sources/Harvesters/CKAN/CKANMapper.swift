public import CatalogModel
import FeedParsing
import Foundation

/// Maps a CKAN package dict to a `CatalogRecord`, the way ckanext-dcat's profiles read it.
public struct CKANMapper: RecordMapper {
    public init() {}

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID)
        guard let node = issues.objectNode(from: raw, codePrefix: "ckan.package") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let package = node.values(of: CKANPackageKey.names)
        guard let localID = CKANFields.text(package[.id]) ?? CKANFields.text(package[.name]) else {
            let title = CKANFields.text(package[.title]).map { " titled '\($0)'" } ?? ""
            issues.error("ckan.package.missing-id", "the package\(title) at \(raw.location) has neither 'id' nor 'name'; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let endpoint = CKANEndpoint.cached(url: source.url)
        let name = CKANFields.text(package[.name])
        let extras = CKANFields.extras(package[.extras])
        if let value = package[.extras], !value.isNull, value.array == nil, value.object == nil {
            issues.warning("ckan.package.extras-unreadable", "'extras' is a \(value.typeName), not a list or an object; it was ignored.", at: "/extras")
        }
        let extra = ExtraFields(extras)

        let title = mapTitle(package, name: name ?? localID, issues: &issues)
        let provenance = Provenance(
            sourceID: source.id, kind: CKANHarvester.description.kind, originalID: localID,
            originalURL: endpoint?.datasetPage(name ?? localID), harvestedAt: context.harvestedAt,
            rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: title, provenance: provenance)

        record.identifiers = identifiers(package, extra: extra, localID: localID, name: name)
        let notes = CKANFields.translations(package[.notesTranslated])
        if let text = CKANFields.text(package[.notes]) ?? notes["en"] ?? notes.values.sorted().first {
            record.description = LocalizedText(text, variants: notes)
        }
        record.keywords = keywords(package)
        record.themes = themes(package, extra: extra)
        record.publisher = publisher(package, extra: extra)
        let authors = CKANEmbeddedJSON.objects(package[.author]).compactMap(CKANEmbeddedJSON.agent)
        if let first = authors.first {
            record.creator = first
            if authors.count > 1 { record.extras["creators"] = authors.map(\.name).joined(separator: "; ") }
        } else if CKANEmbeddedJSON.decode(package[.author]) == nil, let author = CKANFields.text(package[.author]) {
            record.creator = Agent(name: author, email: CKANFields.text(package[.authorEmail]))
        }
        record.contactPoint = contact(package, extra: extra)
        let license = LicenseRef(raw: CKANFields.text(package[.licenseID]), title: CKANFields.text(package[.licenseTitle]),
                                 uri: CKANFields.text(package[.licenseURL]))
        record.license = license.isEmpty ? nil : license
        if let rights = extra["access_rights"] ?? CKANFields.text(package[.accessRights]) {
            record.accessRights = rights.hasPrefix("http") ? Concept(uri: rights) : Concept(label: rights)
        }
        let events = CKANEmbeddedJSON.dates(package[.date]) + CKANEmbeddedJSON.dates(extra["dataset-reference-date"].map(JSONNode.string))
        let event = { (kinds: Set<String>) in events.first { kinds.contains($0.kind) }?.start }
        record.issued = date(extra["issued"] ?? CKANFields.text(package[.issued]) ?? event(Self.issuedEvents)
                             ?? CKANFields.text(package[.metadataCreated]))
        record.modified = date(extra["modified"] ?? CKANFields.text(package[.modified]) ?? event(Self.modifiedEvents)
                               ?? CKANFields.text(package[.metadataModified]))
        record.temporal = temporal(package, extra: extra)
        for span in events where span.kind == "collected" {
            record.temporal.append(TemporalCoverage(start: date(span.start), end: date(span.end)))
        }
        if let spatial = extra["spatial"] ?? CKANFields.text(package[.spatial]) ?? package[.spatial]?.object.map({ JSONWriter.string($0.value) }) {
            record.spatial = [spatial.hasPrefix("http") ? SpatialCoverage(uri: spatial) : SpatialCoverage(geometry: spatial)]
        }
        record.languages = CKANFields.list(package[.language]) + CKANFields.list(extra["language"])
        record.landingPage = CKANFields.text(package[.url])
        if let frequency = extra["frequency"] ?? extra["accrual_periodicity"] ?? CKANFields.text(package[.frequency])
            ?? CKANFields.text(package[.updateFreq]) ?? CKANFields.text(package[.dataUpdateFrequency]) {
            record.frequency = frequency.hasPrefix("http") ? Concept(uri: frequency) : Concept(label: frequency)
        }
        record.version = CKANFields.text(package[.version])
        record.distributions = distributions(package[.resources], issues: &issues)
        for (key, value) in extra.unused where record.extras[key] == nil {
            record.extras[key] = value
        }
        if !FieldLimits.standard.allows(record) {
            let at = { (field: String) in "\(raw.location)/\(field)" }
            FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("notes"), keywords: at("tags"),
                                                                             spatial: package[.spatial] == nil ? at("extras") : at("spatial"),
                                                                             distributions: at("resources"), extra: { _ in at("extras") }),
                                         codePrefix: "ckan.package", issues: &issues)
        }
        // One return, after the record's last change: the record moves into the result instead of being copied (a
        // copy retains each of its strings and arrays).
        return MappingResult(record: record, issues: issues.items)
    }

    /// The kinds of dated events (`CKANEmbeddedJSON.dates`) that give the dates of issue and of modification.
    private static let issuedEvents: Set<String> = ["created", "creation", "publication", "published"]
    private static let modifiedEvents: Set<String> = ["revision", "updated", "modified"]

    private func mapTitle(_ package: CKANPackage, name: String, issues: inout IssueCollector) -> LocalizedText {
        let variants = CKANFields.translations(package[.titleTranslated])
        if let title = CKANFields.text(package[.title]) ?? variants["en"] ?? variants.values.sorted().first {
            return LocalizedText(title, variants: variants)
        }
        issues.warning("ckan.package.missing-title", "the package has no title; its name '\(name)' is used instead.", at: "/title")
        return LocalizedText(name)
    }

    private func identifiers(_ package: CKANPackage, extra: ExtraFields, localID: String, name: String?) -> [Identifier] {
        var found = [Identifier(localID, scheme: "ckan-id")]
        if let name, name != localID { found.append(Identifier(name, scheme: "ckan-name")) }
        for key in [CKANPackageKey.identifier, .guid, .uri, .dcatIdentifier] {
            if let value = extra[key.name] ?? CKANFields.text(package[key]) { found.append(Identifier(value, scheme: key == .uri ? "uri" : nil)) }
        }
        if let doi = CKANFields.text(package[.doi]) { found.append(Identifier(doi, scheme: "doi")) }
        // A handful of identifiers: the first of each value is kept.
        var result: [Identifier] = []
        result.reserveCapacity(found.count)
        for identifier in found where !result.contains(where: { $0.value == identifier.value }) { result.append(identifier) }
        return result
    }

    private func keywords(_ package: CKANPackage) -> [String] {
        var words: [String] = []
        let tags = package[.tags]?.array ?? []
        words.reserveCapacity(tags.count)
        for tag in tags {
            if let word = CKANFields.text(tag["display_name"]) ?? CKANFields.text(tag["name"]) ?? CKANFields.text(tag) { words.append(word) }
        }
        if let keywords = package[.keywords] {
            if let byLanguage = keywords.object {
                for member in byLanguage.members ?? [] { words += CKANFields.list(member.value) }
            } else {
                words += CKANFields.list(keywords)
            }
        }
        return words
    }

    private func themes(_ package: CKANPackage, extra: ExtraFields) -> [Concept] {
        var themes: [Concept] = []
        for group in package[.groups]?.array ?? [] {
            guard let label = CKANFields.text(group["title"]) ?? CKANFields.text(group["display_name"]) ?? CKANFields.text(group["name"]) else { continue }
            themes.append(Concept(label: label, scheme: "ckan-group"))
        }
        for theme in CKANFields.list(package[.theme]) + CKANFields.list(extra["theme"]) {
            themes.append(theme.hasPrefix("http") ? Concept(uri: theme) : Concept(label: theme))
        }
        return themes
    }

    private func publisher(_ package: CKANPackage, extra: ExtraFields) -> Agent? {
        if let scheming = CKANEmbeddedJSON.objects(package[.publisher]).first, let name = CKANFields.text(scheming["name"]) {
            return Agent(name: name, uri: CKANFields.text(scheming["uri"]), email: CKANFields.text(scheming["email"]),
                         homepage: CKANFields.text(scheming["url"]))
        }
        if let organization = package[.organization]?.object,
           let name = CKANFields.text(organization["title"]) ?? CKANFields.text(organization["name"]) {
            return Agent(name: name, identifier: CKANFields.text(organization["name"]))
        }
        if let name = extra["publisher_name"] {
            return Agent(name: name, uri: extra["publisher_uri"], email: extra["publisher_email"], homepage: extra["publisher_url"])
        }
        return responsibleParty(extra["responsible-party"])
    }

    private func contact(_ package: CKANPackage, extra: ExtraFields) -> Contact? {
        if let contact = embeddedContact(package) { return contact }
        let name = (CKANEmbeddedJSON.decode(package[.maintainer]) == nil ? CKANFields.text(package[.maintainer]) : nil) ?? extra["contact_name"]
        let email = CKANFields.text(package[.maintainerEmail]) ?? extra["contact_email"]
        guard name != nil || email != nil else { return nil }
        return Contact(name: name, email: email)
    }

    private func temporal(_ package: CKANPackage, extra: ExtraFields) -> [TemporalCoverage] {
        var spans: [TemporalCoverage] = []
        for item in package[.temporalCoverage]?.array ?? [] {
            let span = TemporalCoverage(start: date(CKANFields.text(item["start"])), end: date(CKANFields.text(item["end"])))
            if span.start != nil || span.end != nil { spans.append(span) }
        }
        let start = extra["temporal_start"] ?? CKANFields.text(package[.temporalStart]) ?? CKANFields.text(package[.temporalCoverageFrom])
        let end = extra["temporal_end"] ?? CKANFields.text(package[.temporalEnd]) ?? CKANFields.text(package[.temporalCoverageTo])
        if start != nil || end != nil { spans.append(TemporalCoverage(start: date(start), end: date(end))) }
        return spans
    }

    private func distributions(_ value: JSONNode?, issues: inout IssueCollector) -> [Distribution] {
        guard let value, !value.isNull else { return [] }
        guard let resources = value.array else {
            issues.warning("ckan.package.resources-not-list", "'resources' is a \(value.typeName), not a list; the package's resources were ignored.", at: "/resources")
            return []
        }
        var result: [Distribution] = []
        for (index, item) in resources.enumerated() {
            guard item.object != nil else {
                issues.warning("ckan.resource.not-object", "resource \(index) is a \(item.typeName), not an object; it was ignored.", at: "/resources/\(index)")
                continue
            }
            let resource = item.values(of: CKANResourceKey.names)
            var distribution = Distribution(id: CKANFields.text(resource[.id]), title: CKANFields.text(resource[.name]),
                                            accessURL: CKANFields.text(resource[.accessURL]) ?? CKANFields.text(resource[.url]))
            distribution.description = CKANFields.text(resource[.description])
            distribution.downloadURL = CKANFields.text(resource[.downloadURL])
            if distribution.downloadURL == nil, CKANFields.text(resource[.urlType]) == "upload" {
                distribution.downloadURL = CKANFields.text(resource[.url])
            }
            distribution.format = CKANFields.text(resource[.format])
            distribution.mediaType = CKANFields.text(resource[.mimetype])
            if resource[.size]?.isNull ?? true, let bytes = CKANEmbeddedJSON.byteSize(resource[.resourceSize]) {
                distribution.byteSize = bytes
            }
            if let size = resource[.size], !size.isNull {
                if let bytes = size.number?.int64 ?? CKANFields.text(size).flatMap({ Int64($0) ?? Double($0).flatMap { Int64(exactly: $0.rounded()) } }) {
                    distribution.byteSize = bytes
                } else if CKANFields.text(size) != nil {
                    issues.warning("ckan.resource.bad-size", "resource \(index) has size '\(size.scalarText ?? size.typeName)', which is not a number of bytes; the size was dropped.", at: "/resources/\(index)/size")
                }
            }
            distribution.issued = date(CKANFields.text(resource[.created]) ?? CKANFields.text(resource[.issued]))
            distribution.modified = date(CKANFields.text(resource[.lastModified]) ?? CKANFields.text(resource[.modified]))
            if let license = CKANFields.text(resource[.license]) ?? CKANFields.text(resource[.licenseID]) {
                distribution.license = LicenseRef(raw: license)
            }
            result.append(distribution)
        }
        return result
    }

    private func date(_ text: String?) -> CatalogDate? { text.map { CatalogDate(raw: $0) } }
}
