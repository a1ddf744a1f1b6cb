import CatalogModel
import FeedParsing

/// ISO 19139 (`gmd:MD_Metadata`, `gmi:MI_Metadata` and profiles such as `che:CHE_MD_Metadata`), read by local
/// names. Values are kept raw for the normaliser: dates as written, topic categories as themes, the geographic
/// bounding box as a `west,south,east,north` string, licences as their text.
enum ISOMapping {
    /// The record's identifier: `fileIdentifier` (ISO 19139), the `metadataIdentifier` code (ISO 19115-3), or
    /// `dc:identifier` (csw:Record).
    static func identifier(of root: XMLElementNode) -> String? {
        if let file = root.firstChild(named: "fileIdentifier").flatMap(string) { return file }
        if let code = root.firstChild(named: "metadataIdentifier")?.firstDescendant(named: "code").flatMap(string) { return code }
        return root.children(named: "identifier").compactMap(deepText).first
    }

    /// The elements that hold a property's value (`gco:CharacterString`, `gmx:Anchor`, …).
    static let valueElements = ["CharacterString", "Anchor", "URL", "Decimal", "Date", "DateTime", "Integer", "Boolean", "FileName", "Real"]

    /// Whether `local` is one of `valueElements` (told apart by length first).
    static func isValueElement(_ local: String) -> Bool {
        switch local.utf8.count {
        case 3: return local == "URL"
        case 4: return local == "Date" || local == "Real"
        case 6: return local == "Anchor"
        case 7: return local == "Decimal" || local == "Integer" || local == "Boolean"
        case 8: return local == "DateTime" || local == "FileName"
        case 15: return local == "CharacterString"
        default: return false
        }
    }

    /// All text inside the node, trimmed (`deepValue`), read straight from the tree for an element without children.
    static func deepText(_ node: XMLElementNode) -> String? {
        node.children.isEmpty ? node.trimmedText : node.deepValue
    }

    /// A property's text: its `gco:CharacterString`, `gmx:Anchor` (or similar) child, else its own text.
    static func string(_ property: XMLElementNode) -> String? {
        if let inner = property.children.first(where: { isValueElement($0.local) }) {
            return deepText(inner)
        }
        if property.children.isEmpty { return property.trimmedText }
        if let list = property.children.first(where: { $0.attribute("codeListValue") != nil }) {
            return list.attribute("codeListValue") ?? list.trimmedText
        }
        return nil
    }

    /// A property's text and its `PT_FreeText` translations, keyed by the locale without `#` and `locale-`.
    static func localized(_ property: XMLElementNode) -> LocalizedText? {
        var variants: [String: String] = [:]
        for group in property.firstChild(named: "PT_FreeText")?.children(named: "textGroup") ?? [] {
            guard let text = group.firstChild(named: "LocalisedCharacterString"), let value = deepText(text) else { continue }
            var locale = (text.attribute("locale") ?? "").lowercased()
            if locale.hasPrefix("#") { locale.removeFirst() }
            if locale.hasPrefix("locale-") { locale.removeFirst("locale-".count) }
            if !locale.isEmpty, variants[locale] == nil { variants[locale] = value }
        }
        guard let value = string(property) ?? variants.values.sorted().first else { return nil }
        return LocalizedText(value, variants: variants)
    }

    /// A code list value (`<gmd:MD_ScopeCode codeListValue="dataset">`), else the code's text.
    static func code(_ property: XMLElementNode?) -> String? {
        guard let property else { return nil }
        if let list = property.children.first { return list.attribute("codeListValue") ?? list.trimmedText }
        return property.trimmedText
    }

    static func map(_ root: XMLElementNode, into record: inout CatalogRecord, issues: inout IssueCollector) {
        let identification = root.firstChild(named: "identificationInfo")?.children.first
        let citation = identification?.firstChild(named: "citation")?.firstChild(named: "CI_Citation")
        if let title = citation?.firstChild(named: "title").flatMap(localized) { record.title = title }
        let alternates = citation?.children(named: "alternateTitle").compactMap(string) ?? []
        if !alternates.isEmpty { record.extras["alternative_titles"] = alternates.joined(separator: "; ") }
        if let abstract = identification?.firstChild(named: "abstract").flatMap(localized) { record.description = abstract }
        if let level = code(root.firstChild(named: "hierarchyLevel")) { record.extras["iso:hierarchyLevel"] = level }
        if let kind = identification?.local { record.extras["iso:identification"] = kind }

        // Identifiers of the resource (the citation's MD_Identifier codes).
        for identifier in citation?.children(named: "identifier") ?? [] {
            if let value = identifier.firstDescendant(named: "code").flatMap(string) {
                record.identifiers.append(Identifier(value, scheme: DataCiteMapping.scheme(of: value)))
            }
        }

        // Dates: creation or publication is issued, revision is modified; dateStamp when nothing else.
        var dates: [String: String] = [:]
        for date in citation?.children(named: "date").compactMap({ $0.firstChild(named: "CI_Date") }) ?? [] {
            guard let value = date.firstChild(named: "date").flatMap(string), let type = code(date.firstChild(named: "dateType")) else { continue }
            if dates[type] == nil { dates[type] = value }
        }
        if let issued = dates["publication"] ?? dates["creation"] { record.issued = CatalogDate(raw: issued) }
        if let revised = dates["revision"] { record.modified = CatalogDate(raw: revised) }
        // ISO 19115-3 has mdb:dateInfo/cit:CI_Date instead of dateStamp.
        let dateInfo = root.children(named: "dateInfo").compactMap { $0.firstChild(named: "CI_Date") }.first { code($0.firstChild(named: "dateType")) == "revision" }
            ?? root.children(named: "dateInfo").compactMap { $0.firstChild(named: "CI_Date") }.first
        if let stamp = root.firstChild(named: "dateStamp").flatMap(string) ?? dateInfo?.firstChild(named: "date").flatMap(string) {
            record.extras["iso:dateStamp"] = stamp
            if record.modified == nil { record.modified = CatalogDate(raw: stamp) }
        }

        // Responsible parties: publisher, then owner, then point of contact.
        let parties = (identification?.children(named: "pointOfContact") ?? []) + (citation?.children(named: "citedResponsibleParty") ?? []) + root.children(named: "contact")
        let byRole = parties.compactMap { $0.children.first }.map { party in
            (role: code(party.firstChild(named: "role")) ?? "", party: party)
        }
        let chosen = ["publisher", "owner", "pointOfContact", "custodian", "distributor", "originator", "author"].lazy
            .compactMap { role in byRole.first { $0.role == role && organisation($0.party) != nil } }.first
            ?? byRole.first { organisation($0.party) != nil }
        if let chosen, let name = organisation(chosen.party) {
            record.publisher = Agent(name: name, email: email(chosen.party))
        }
        if let author = byRole.first(where: { ["originator", "author", "principalInvestigator"].contains($0.role) }), let name = organisation(author.party) {
            record.creator = Agent(name: name, email: email(author.party))
        }
        // The contact point: the resource's own point of contact, else the metadata's.
        if let contact = identification?.children(named: "pointOfContact").compactMap({ $0.children.first }).first.map({ (role: "", party: $0) })
            ?? byRole.first(where: { $0.role == "pointOfContact" }) ?? byRole.first {
            let name = contact.party.firstChild(named: "individualName").flatMap(string) ?? organisation(contact.party)
            let phone = contact.party.firstDescendant(named: "voice").flatMap(string)
            if name != nil || email(contact.party) != nil {
                record.contactPoint = Contact(name: name, email: email(contact.party), phone: phone)
            }
        }

        // Keywords, with their thesaurus; topic categories as themes.
        var thesauri: [String] = []
        for keywords in identification?.children(named: "descriptiveKeywords").compactMap({ $0.firstChild(named: "MD_Keywords") }) ?? [] {
            let words = keywords.children(named: "keyword").compactMap(string)
            if let thesaurus = keywords.firstChild(named: "thesaurusName")?.firstDescendant(named: "title").flatMap(string) {
                if !thesauri.contains(thesaurus) { thesauri.append(thesaurus) }
                if thesaurus.lowercased().includes("gemet - inspire themes") {
                    record.themes += words.map { Concept(label: $0, scheme: "inspire-theme") }
                    continue
                }
            }
            for word in words where !record.keywords.contains(word) { record.keywords.append(word) }
        }
        if !thesauri.isEmpty { record.extras["iso:thesauri"] = thesauri.joined(separator: "; ") }
        for topic in identification?.children(named: "topicCategory") ?? [] {
            if let value = topic.firstChild(named: "MD_TopicCategoryCode")?.trimmedText ?? topic.trimmedText {
                record.themes.append(Concept(label: value, scheme: "iso-topic-category"))
            }
        }

        // Constraints: use limitations and other constraints are the licence text; access constraints the access rights.
        var licence: [String] = []
        var access: [String] = []
        for constraint in identification?.children(named: "resourceConstraints").compactMap({ $0.children.first }) ?? [] {
            licence += constraint.children(named: "useLimitation").compactMap(string)
            let other = constraint.children(named: "otherConstraints").compactMap(string)
            let accessCodes = constraint.children(named: "accessConstraints").compactMap { code($0) }
            access += accessCodes
            if !accessCodes.isEmpty && constraint.children(named: "useConstraints").isEmpty { access += other } else { licence += other }
        }
        licence = DublinCoreMapping.unique(licence)
        if let text = licence.first(where: { $0.lowercased() != "otherrestrictions" }) {
            let isURI = text.hasPrefix("http://") || text.hasPrefix("https://")
            record.license = LicenseRef(raw: text, title: isURI ? nil : text, uri: isURI ? text : nil)
            if licence.count > 1 { record.extras["iso:useLimitation"] = licence.joined(separator: "; ") }
        }
        access = DublinCoreMapping.unique(access)
        if let first = access.first(where: { $0 != "otherRestrictions" }) ?? access.first {
            record.accessRights = Concept(label: first, scheme: "iso-restriction")
            if access.count > 1 { record.extras["iso:accessConstraints"] = access.joined(separator: "; ") }
        }

        // Languages: the resource's, else the metadata's.
        let languages = (identification?.children(named: "language") ?? []).compactMap { code($0) ?? string($0) }
        record.languages = DublinCoreMapping.unique(languages.isEmpty ? root.children(named: "language").compactMap { code($0) ?? string($0) } : languages)

        // Extents.
        for extent in (identification?.children(named: "extent") ?? []).compactMap({ $0.firstChild(named: "EX_Extent") }) {
            for element in extent.children(named: "geographicElement").compactMap({ $0.children.first }) where element.local == "EX_GeographicBoundingBox" {
                let values = ["westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude"].compactMap {
                    element.firstChild(named: $0).flatMap(string).flatMap(Double.init)
                }
                if values.count == 4 {
                    record.spatial.append(SpatialCoverage(geometry: values.map(DataCiteMapping.fmt).joined(separator: ",")))
                } else {
                    issues.warning("csw.iso.bad-bbox", "an EX_GeographicBoundingBox does not hold four numbers; it was ignored.")
                }
            }
            if let place = extent.firstChild(named: "description").flatMap(string), record.spatial.isEmpty {
                record.spatial.append(SpatialCoverage(label: place))
            }
            for temporal in extent.children(named: "temporalElement").compactMap({ $0.children.first?.firstChild(named: "extent")?.children.first }) {
                if temporal.local == "TimePeriod" {
                    let begin = (temporal.firstChild(named: "beginPosition") ?? temporal.firstChild(named: "begin")?.firstDescendant(named: "timePosition"))?.trimmedText
                    let end = (temporal.firstChild(named: "endPosition") ?? temporal.firstChild(named: "end")?.firstDescendant(named: "timePosition"))?.trimmedText
                    if begin != nil || end != nil {
                        record.temporal.append(TemporalCoverage(start: begin.map { CatalogDate(raw: $0) }, end: end.map { CatalogDate(raw: $0) }))
                    }
                } else if temporal.local == "TimeInstant", let at = temporal.firstChild(named: "timePosition")?.trimmedText {
                    record.temporal.append(TemporalCoverage(start: CatalogDate(raw: at), end: CatalogDate(raw: at)))
                }
            }
        }

        // Distributions: every online resource, with the distribution formats.
        let distribution = root.firstChild(named: "distributionInfo")?.firstChild(named: "MD_Distribution")
        let formats = (distribution?.children(named: "distributionFormat") ?? []).compactMap { $0.firstChild(named: "MD_Format")?.firstChild(named: "name").flatMap(string) }
        var protocols: [String] = []
        for options in distribution?.children(named: "transferOptions") ?? [] {
            for online in options.firstDescendant(named: "MD_DigitalTransferOptions")?.children(named: "onLine").compactMap({ $0.firstChild(named: "CI_OnlineResource") }) ?? [] {
                guard let link = online.firstChild(named: "linkage").flatMap(string) else { continue }
                var item = Distribution(title: online.firstChild(named: "name").flatMap(string), accessURL: link)
                item.description = online.firstChild(named: "description").flatMap(string)
                let protocolName = online.firstChild(named: "protocol").flatMap(string)
                let function = code(online.firstChild(named: "function"))
                if function == "download" || protocolName.map({ Self.uppercased($0, has: "DOWNLOAD", atStart: false) }) ?? false {
                    item.downloadURL = link
                }
                // A service protocol (OGC:WMS, ESRI:REST) is the format; a web link or download (WWW:…) names no
                // format, so the distribution format is used when the record gives only one.
                if let protocolName, !Self.uppercased(protocolName, has: "WWW:", atStart: true) {
                    item.format = protocolName
                } else if formats.count == 1 {
                    item.format = formats[0]
                }
                if let protocolName, !protocols.contains(protocolName) { protocols.append(protocolName) }
                if function == "information", record.landingPage == nil { record.landingPage = link }
                record.distributions.append(item)
            }
        }
        if !formats.isEmpty { record.extras["iso:formats"] = DublinCoreMapping.unique(formats).joined(separator: "; ") }
        if !protocols.isEmpty { record.extras["iso:protocols"] = protocols.joined(separator: "; ") }
    }

    /// Whether `text.uppercased()` includes `needle` (ASCII capitals, no line end) or, with `atStart`, starts with
    /// it: compared byte by byte with a-z raised when the text is ASCII (as `uppercased()` does), through
    /// `uppercased()` otherwise.
    static func uppercased(_ text: String, has needle: StaticString, atStart: Bool) -> Bool {
        var text = text
        let found: Bool? = text.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return needle.withUTF8Buffer { needle -> Bool in
                guard needle.count <= bytes.count else { return false }
                for start in 0...(atStart ? 0 : bytes.count - needle.count) {
                    var matched = 0
                    while matched < needle.count {
                        var byte = bytes[start + matched]
                        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 0x20 }
                        guard byte == needle[matched] else { break }
                        matched += 1
                    }
                    if matched == needle.count { return true }
                }
                return false
            }
        }
        if let found { return found }
        let upper = text.uppercased(), wanted = needle.description
        return atStart ? upper.hasPrefix(wanted) : upper.includes(wanted)
    }

    static func organisation(_ party: XMLElementNode) -> String? {
        party.firstChild(named: "organisationName").flatMap(string) ?? party.firstChild(named: "individualName").flatMap(string)
            // ISO 19115-3: cit:CI_Responsibility/cit:party/cit:CI_Organisation/cit:name.
            ?? party.firstDescendant(named: "CI_Organisation")?.firstChild(named: "name").flatMap(string) ?? party.firstDescendant(named: "CI_Individual")?.firstChild(named: "name").flatMap(string)
    }

    static func email(_ party: XMLElementNode) -> String? {
        party.firstDescendant(named: "electronicMailAddress").flatMap(string)
    }
}
