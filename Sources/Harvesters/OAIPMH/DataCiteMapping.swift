import CatalogModel
import FeedParsing

/// DataCite metadata kernel 2.2 to 4.5 (`<resource>`), read by local names so every kernel version and the
/// unprefixed default-namespace quirk read alike.
enum DataCiteMapping {
    static func map(_ resource: XMLElementNode, into record: inout CatalogRecord, issues: inout IssueCollector) {
        // Identifiers: the DOI first, then alternate identifiers.
        if let identifier = resource.child("identifier"), let value = identifier.value {
            let type = identifier.attribute("identifierType")?.lowercased() ?? scheme(of: value)
            record.identifiers.append(Identifier(value, scheme: type))
            if type == "doi" { record.landingPage = doiURL(value) } else if type == "url" { record.landingPage = value }
        }
        for alternate in resource.child("alternateIdentifiers")?.children("alternateIdentifier") ?? [] {
            guard let value = alternate.value, !record.identifiers.contains(where: { $0.value == value }) else { continue }
            let type = alternate.attribute("alternateIdentifierType")?.lowercased() ?? scheme(of: value)
            record.identifiers.append(Identifier(value, scheme: type))
            if record.landingPage == nil, type == "url" { record.landingPage = value }
        }

        // Titles: the first without a titleType is the title; its language variants kept.
        let titles = resource.child("titles")?.children("title").filter { $0.value != nil } ?? []
        if let main = titles.first(where: { $0.attribute("titleType") == nil }) ?? titles.first, let value = main.value {
            var variants: [String: String] = [:]
            for title in titles where title.attribute("titleType") == nil || title.attribute("titleType") == "TranslatedTitle" {
                if let lang = title.language, variants[lang] == nil { variants[lang] = title.value }
            }
            record.title = LocalizedText(value, variants: variants)
        }
        let others = titles.filter { $0.attribute("titleType") != nil }.compactMap { t in t.value.map { "\(t.attribute("titleType")!): \($0)" } }
        if !others.isEmpty { record.extras["other_titles"] = others.joined(separator: "; ") }

        // Creators and contributors.
        let creators = resource.child("creators")?.children("creator").compactMap(agent) ?? []
        record.creator = creators.first
        if creators.count > 1 { record.extras["creators"] = creators.map(\.name).joined(separator: "; ") }
        let contributors = resource.child("contributors")?.children("contributor") ?? []
        for contributor in contributors where contributor.attribute("contributorType") == "ContactPerson" {
            if record.contactPoint == nil, let name = contributor.child("contributorName")?.value { record.contactPoint = Contact(name: name) }
        }
        let named = contributors.compactMap { node in
            node.child("contributorName")?.value.map { "\($0)\(node.attribute("contributorType").map { " (\($0))" } ?? "")" }
        }
        if !named.isEmpty { record.extras["contributors"] = named.joined(separator: "; ") }
        if let publisher = resource.child("publisher"), let name = publisher.value {
            record.publisher = Agent(name: name, identifier: publisher.attribute("publisherIdentifier"))
        }

        // Dates by type; publicationYear when no Issued date.
        for date in resource.child("dates")?.children("date") ?? [] {
            guard let value = date.value else { continue }
            let type = date.attribute("dateType") ?? "Other"
            switch type {
            case "Issued": if record.issued == nil { record.issued = CatalogDate(raw: value) }
            case "Updated": record.modified = CatalogDate(raw: value)
            case "Collected", "Valid", "Coverage":
                let parts = value.split(separator: "/", maxSplits: 1).map { String($0).trimmed }
                record.temporal.append(TemporalCoverage(start: parts.first.flatMap { $0.isEmpty ? nil : CatalogDate(raw: $0) },
                                                        end: parts.count > 1 && !parts[1].isEmpty ? CatalogDate(raw: parts[1]) : nil))
            default: break
            }
            record.extras["date_\(type)"] = value
        }
        if let year = resource.child("publicationYear")?.value {
            record.extras["publicationYear"] = year
            if record.issued == nil { record.issued = CatalogDate(raw: year) }
        }

        // Subjects: keywords, and themes when they name a scheme.
        for subject in resource.child("subjects")?.children("subject") ?? [] {
            guard let value = subject.value else { continue }
            if let scheme = subject.attribute("subjectScheme") ?? subject.attribute("schemeURI") {
                record.themes.append(Concept(uri: subject.attribute("valueURI"), label: value, scheme: scheme))
            } else if !record.keywords.contains(value) {
                record.keywords.append(value)
            }
        }

        // Rights: kernel 2.2–3 has a top-level <rights>, 3.1+ a <rightsList>.
        let rights = (resource.child("rightsList")?.children("rights") ?? []) + resource.children("rights")
        for entry in rights {
            let uri = entry.attribute("rightsURI")
            if let uri, uri.hasPrefix("info:eu-repo/semantics/") {
                record.accessRights = Concept(uri: uri, label: entry.value ?? String(uri.dropFirst("info:eu-repo/semantics/".count)), scheme: "info:eu-repo")
                continue
            }
            guard record.license == nil, uri != nil || entry.value != nil else { continue }
            var licence = LicenseRef(raw: entry.attribute("rightsIdentifier") ?? uri ?? entry.value, title: entry.value, uri: uri)
            if entry.attribute("rightsIdentifierScheme")?.lowercased() == "spdx", let id = entry.attribute("rightsIdentifier") { licence.raw = id }
            record.license = licence
        }

        // Descriptions: the abstract is the description, the others are kept by type.
        let descriptions = resource.child("descriptions")?.children("description") ?? []
        let abstract = descriptions.first { $0.attribute("descriptionType") == "Abstract" && $0.deepValue != nil } ?? descriptions.first { $0.deepValue != nil }
        if let abstract, let text = abstract.deepValue {
            record.description = LocalizedText(text, variants: abstract.language.map { [$0: text] } ?? [:])
        }
        for description in descriptions where !description.isSame(as: abstract) {
            if let text = description.deepValue { record.extras["description_\(description.attribute("descriptionType") ?? "Other")"] = text }
        }

        record.spatial = geoLocations(resource, issues: &issues)

        // Related identifiers as extras, by relation type.
        var related: [String: [String]] = [:]
        for item in resource.child("relatedIdentifiers")?.children("relatedIdentifier") ?? [] {
            guard let value = item.value else { continue }
            let type = item.attribute("relatedIdentifierType").map { "\($0) " } ?? ""
            related[item.attribute("relationType") ?? "Related", default: []].append(type + value)
        }
        for (relation, values) in related { record.extras["related_\(relation)"] = values.joined(separator: "; ") }

        if let type = resource.child("resourceType") {
            let general = type.attribute("resourceTypeGeneral")
            record.extras["resourceType"] = [general, type.value].compactMap { $0 }.joined(separator: "/")
        }
        if let version = resource.child("version")?.value { record.version = version }
        if let language = resource.child("language")?.value { record.languages = [language] }
        let sizes = resource.child("sizes")?.children("size").compactMap(\.value) ?? []
        if !sizes.isEmpty { record.extras["sizes"] = sizes.joined(separator: "; ") }
        record.distributions = (resource.child("formats")?.children("format").compactMap(\.value) ?? []).map { format in
            var distribution = Distribution(accessURL: record.landingPage)
            distribution.format = format
            return distribution
        }
        let funders = resource.child("fundingReferences")?.children("fundingReference").compactMap { $0.child("funderName")?.value } ?? []
        if !funders.isEmpty { record.extras["funders"] = funders.joined(separator: "; ") }
    }

    /// A creator: its name (or given and family names) and its first name identifier.
    static func agent(_ node: XMLElementNode) -> Agent? {
        let given = node.child("givenName")?.value, family = node.child("familyName")?.value
        guard let name = node.child("creatorName")?.value ?? [family, given].compactMap({ $0 }).joined(separator: ", ").orNil else { return nil }
        var agent = Agent(name: name)
        if let identifier = node.child("nameIdentifier"), let value = identifier.value {
            let scheme = identifier.attribute("nameIdentifierScheme")?.uppercased()
            agent.identifier = value
            if scheme == "ORCID" { agent.uri = value.hasPrefix("http") ? value : "https://orcid.org/\(value)" }
        }
        return agent
    }

    /// Boxes and points as WKT (longitude first), places as labels. Kernel 4 boxes and points have child
    /// elements; kernel 2.2–3 write `south west north east` and `latitude longitude` as text.
    static func geoLocations(_ resource: XMLElementNode, issues: inout IssueCollector) -> [SpatialCoverage] {
        var spatial: [SpatialCoverage] = []
        for location in resource.child("geoLocations")?.children("geoLocation") ?? [] {
            let place = location.child("geoLocationPlace")?.value
            var added = false
            if let box = location.child("geoLocationBox") {
                let numbers: [Double]?
                if box.children.isEmpty {
                    let parts = (box.value ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
                    numbers = parts.count == 4 ? [parts[1], parts[0], parts[3], parts[2]] : nil  // s w n e → w s e n
                } else {
                    let values = ["westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude"].compactMap {
                        box.child($0)?.value.flatMap(Double.init)
                    }
                    numbers = values.count == 4 ? values : nil
                }
                if let n = numbers {
                    let (w, s, e, nn) = (fmt(n[0]), fmt(n[1]), fmt(n[2]), fmt(n[3]))
                    spatial.append(SpatialCoverage(geometry: "POLYGON((\(w) \(s), \(e) \(s), \(e) \(nn), \(w) \(nn), \(w) \(s)))", label: place))
                    added = true
                } else {
                    issues.warning("oai.datacite.bad-box", "the geoLocationBox '\((box.deepValue ?? ""))' does not hold four numbers; it was ignored.")
                }
            }
            if let point = location.child("geoLocationPoint") {
                let lonLat: (Double, Double)?
                if point.children.isEmpty {
                    let parts = (point.value ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
                    lonLat = parts.count == 2 ? (parts[1], parts[0]) : nil
                } else if let lon = point.child("pointLongitude")?.value.flatMap(Double.init), let lat = point.child("pointLatitude")?.value.flatMap(Double.init) {
                    lonLat = (lon, lat)
                } else {
                    lonLat = nil
                }
                if let (lon, lat) = lonLat {
                    spatial.append(SpatialCoverage(geometry: "POINT(\(fmt(lon)) \(fmt(lat)))", label: added ? nil : place))
                    added = true
                } else {
                    issues.warning("oai.datacite.bad-point", "the geoLocationPoint '\((point.deepValue ?? ""))' does not hold two numbers; it was ignored.")
                }
            }
            if !added, let place { spatial.append(SpatialCoverage(label: place)) }
        }
        return spatial
    }

    static func fmt(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `doi`, `url`, `urn`, `handle` or nil for an identifier's text.
    static func scheme(of value: String) -> String? {
        let lower = value.lowercased()
        if lower.hasPrefix("10.") || lower.hasPrefix("doi:") || lower.includes("doi.org/10.") { return "doi" }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return "url" }
        if lower.hasPrefix("urn:") { return "urn" }
        return nil
    }

    /// `https://doi.org/10.…` for a DOI written bare, with `doi:` or as a URL.
    static func doiURL(_ value: String) -> String {
        let lower = value.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return value }
        if lower.hasPrefix("doi:") { return "https://doi.org/" + value.dropFirst(4) }
        return "https://doi.org/" + value
    }
}
