public import CatalogModel
import FeedParsing
import Foundation

/// Maps one stored OAI-PMH `<record>` (header and metadata) to a `CatalogRecord`: DataCite kernel 2.2–4.5
/// (`resource`, also inside `oai_datacite`), `oai_dc`, and, for other formats, the header and the first title
/// found. The record id is the header identifier; values are kept raw for the normaliser.
public struct OAIMapper: RecordMapper {
    public init() {}

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "record")
        guard let root = issues.element(from: raw, codePrefix: "oai.record") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let header = root.firstChild(named: "header")
        guard let localID = header?.firstChild(named: "identifier")?.trimmedText ?? raw.localID else {
            issues.error("oai.record.missing-identifier", "the record at \(raw.location) has no header <identifier>; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        if header?.attribute("status") == "deleted" {
            issues.error("oai.record.deleted", "the record's header says it is deleted; it was not mapped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        let provenance = Provenance(sourceID: source.id, kind: OAIHarvester.description.kind, originalID: localID,
                                    harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(""), provenance: provenance)
        record.identifiers = [Identifier(localID, scheme: "oai")]
        if let datestamp = header?.firstChild(named: "datestamp")?.trimmedText { record.extras["oai_datestamp"] = datestamp }
        let sets = header?.children(named: "setSpec").compactMap(\.trimmedText) ?? []
        if !sets.isEmpty {
            record.themes = sets.map { Concept(label: $0, scheme: "oai-set") }
        }
        let content = root.firstChild(named: "metadata")?.children.first
        if let resource = content.flatMap({ $0.local == "resource" ? $0 : $0.local == "oai_datacite" ? $0.first("resource") : nil }) {
            DataCiteMapping.map(resource, into: &record, issues: &issues)
        } else if let dc = content, dc.local == "dc" {
            DublinCoreMapping.map(dc, into: &record)
        } else if let content {
            let title = content.first("title")?.deepValue ?? Self.marcTitle(content)
            let kind = content.name.namespace.map { "\(content.local) (\($0))" } ?? content.local
            issues.warning("oai.record.unsupported-format", "the metadata is <\(kind)>, which fedcat does not map field by field; only the header\(title == nil ? "" : ", the title") and any abstract were kept.", at: raw.location)
            if let title { record.title = LocalizedText(String(title.prefix(2000))) }
            if let abstract = (content.first("abstract") ?? content.first("description"))?.deepValue {
                record.description = LocalizedText(abstract)
            }
        } else {
            issues.error("oai.record.missing-metadata", "the record has no <metadata>; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        if record.title.value.isEmpty {
            record.title = LocalizedText(localID)
            issues.warning("oai.record.missing-title", "the record has no title; its identifier '\(localID)' is used instead.", at: raw.location)
        }
        record.provenance.originalURL = record.landingPage
        let at = { (field: String) in "\(raw.location)/metadata/\(field)" }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("title"), description: at("description"), keywords: at("subject"),
                                                                         spatial: at("geoLocations"), distributions: at("format"), extra: { at($0) }),
                                     codePrefix: "oai.record", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }
}

extension OAIMapper {
    /// MARC 21 (marcxml): the title statement (245 $a $b), else a meeting name (111 $a, INSPIRE conferences).
    static func marcTitle(_ content: XMLElementNode) -> String? {
        let records = content.local == "record" ? [content] : [content.first("record")].compactMap { $0 }
        let fields = records.first?.children("datafield") ?? []
        guard let field = fields.first(where: { $0.attribute("tag") == "245" }) ?? fields.first(where: { $0.attribute("tag") == "111" }) else { return nil }
        let parts = field.children("subfield").filter { ["a", "b"].contains($0.attribute("code") ?? "") }.compactMap(\.value)
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// `oai_dc`: the fifteen Dublin Core elements.
enum DublinCoreMapping {
    static func map(_ dc: XMLElementNode, into record: inout CatalogRecord) {
        // The fifteen elements' trimmed texts grouped by slot in one pass over the children (each distinct name is
        // classified once), empty ones left out; the titles also as elements, for their languages.
        var bySlot = [[String]](repeating: [], count: 15)
        var titleElements: [XMLElementNode] = []
        dc.forEachChild(slot: slot(of:)) { slot, child in
            guard let value = child.trimmedText else { return }
            bySlot[slot].append(value)
            if slot == Slot.title { titleElements.append(child) }
        }
        let titles = bySlot[Slot.title]
        if let first = titles.first {
            var variants: [String: String] = [:]
            for (element, title) in zip(titleElements, titles) {
                if let lang = element.language, variants[lang] == nil { variants[lang] = title }
            }
            record.title = LocalizedText(first, variants: variants)
        }
        if titles.count > 1 { record.extras["alternative_titles"] = titles.dropFirst().joined(separator: "; ") }
        let descriptions = unique(bySlot[Slot.description])
        if !descriptions.isEmpty { record.description = LocalizedText(descriptions.joined(separator: "\n\n")) }
        let creators = unique(bySlot[Slot.creator])
        if let first = creators.first { record.creator = Agent(name: first) }
        if creators.count > 1 { record.extras["creators"] = creators.joined(separator: "; ") }
        let contributors = unique(bySlot[Slot.contributor])
        if !contributors.isEmpty { record.extras["contributors"] = contributors.joined(separator: "; ") }
        if let publisher = bySlot[Slot.publisher].first { record.publisher = Agent(name: publisher) }
        record.keywords = unique(bySlot[Slot.subject])
        let dates = bySlot[Slot.date]
        if let first = dates.first { record.issued = CatalogDate(raw: first) }
        if dates.count > 1 { record.extras["dates"] = unique(dates).joined(separator: "; ") }
        let types = unique(bySlot[Slot.type])
        if !types.isEmpty { record.extras["type"] = types.joined(separator: "; ") }
        for identifier in unique(bySlot[Slot.identifier]) {
            let scheme = DataCiteMapping.scheme(of: identifier)
            record.identifiers.append(Identifier(identifier, scheme: scheme))
            if record.landingPage == nil, scheme == "url" || scheme == "doi" {
                record.landingPage = scheme == "doi" ? DataCiteMapping.doiURL(identifier) : identifier
            }
        }
        record.languages = unique(bySlot[Slot.language])
        let rights = unique(bySlot[Slot.rights])
        if let licence = rights.first(where: { !$0.hasPrefix("info:eu-repo") }) {
            let isURI = licence.hasPrefix("http://") || licence.hasPrefix("https://")
            record.license = LicenseRef(raw: licence, title: isURI ? nil : licence, uri: isURI ? licence : nil)
        }
        if let access = rights.first(where: { $0.hasPrefix("info:eu-repo/semantics/") }) {
            record.accessRights = Concept(uri: access, label: String(access.dropFirst("info:eu-repo/semantics/".count)), scheme: "info:eu-repo")
        }
        if rights.count > 1 { record.extras["rights"] = rights.joined(separator: "; ") }
        record.spatial = unique(bySlot[Slot.coverage]).map { SpatialCoverage(label: $0) }
        for (extra, slot) in [("relation", Slot.relation), ("source", Slot.source)] {
            let list = unique(bySlot[slot])
            if !list.isEmpty { record.extras[extra] = list.joined(separator: "; ") }
        }
        record.distributions = unique(bySlot[Slot.format]).map { format in
            // DSpace writes `application/pdf https://host/retrieve/1/file.pdf`: a media type and the file. Without
            // a space (most formats) there is nothing to split, and splitting costs.
            let spaced = format.utf8.withContiguousStorageIfAvailable { $0.contains(0x20) } ?? format.utf8.contains(0x20)
            let parts = spaced ? format.split(separator: " ", maxSplits: 1).map(String.init) : [format]
            if parts.count == 2, parts[0].contains("/"), parts[1].hasPrefix("http://") || parts[1].hasPrefix("https://") {
                var distribution = Distribution(accessURL: parts[1])
                distribution.downloadURL = parts[1]
                distribution.format = parts[0]
                distribution.mediaType = parts[0]
                return distribution
            }
            var distribution = Distribution(accessURL: record.landingPage)
            distribution.format = format
            return distribution
        }
    }

    /// The slots of the fifteen Dublin Core elements.
    enum Slot {
        static let title = 0, creator = 1, subject = 2, description = 3, publisher = 4, contributor = 5, date = 6,
                   type = 7, format = 8, identifier = 9, source = 10, language = 11, relation = 12, coverage = 13, rights = 14
    }

    /// The slot of each of the fifteen Dublin Core elements, nil for any other name (told apart by length first).
    static func slot(of local: String) -> Int? {
        switch local.utf8.count {
        case 4: return local == "date" ? Slot.date : local == "type" ? Slot.type : nil
        case 5: return local == "title" ? Slot.title : nil
        case 6: return local == "format" ? Slot.format : local == "source" ? Slot.source : local == "rights" ? Slot.rights : nil
        case 7: return local == "creator" ? Slot.creator : local == "subject" ? Slot.subject : nil
        case 8: return local == "language" ? Slot.language : local == "relation" ? Slot.relation : local == "coverage" ? Slot.coverage : nil
        case 9: return local == "publisher" ? Slot.publisher : nil
        case 10: return local == "identifier" ? Slot.identifier : nil
        case 11: return local == "description" ? Slot.description : local == "contributor" ? Slot.contributor : nil
        default: return nil
        }
    }

    /// `list` without repeats, in order (a linear scan: Dublin Core lists are short, and hashing costs more).
    static func unique(_ list: [String]) -> [String] {
        guard list.count > 1 else { return list }
        guard list.count <= 32 else {
            var seen = Set<String>()
            return list.filter { seen.insert($0).inserted }
        }
        var kept: [String] = []
        kept.reserveCapacity(list.count)
        for value in list where !kept.contains(value) { kept.append(value) }
        return kept
    }
}
