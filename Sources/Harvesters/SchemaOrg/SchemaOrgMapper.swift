public import CatalogModel
import FeedParsing
import Foundation

/// Maps a schema.org `Dataset` node (compact JSON-LD, as Google Dataset Search reads it) to a `CatalogRecord`.
///
/// The local id is the first `identifier` (text, or a PropertyValue's `value`), else `url`, else `@id`.
public struct SchemaOrgMapper: RecordMapper {
    public init() {}

    /// The fields mapped to the record; every other field is kept as an extra.
    static let mapped: Set<String> = [
        "@context", "@type", "@id", "name", "description", "identifier", "url", "sameAs", "keywords", "license", "creator",
        "author", "publisher", "datePublished", "dateModified", "dateCreated", "temporalCoverage", "spatialCoverage",
        "distribution", "includedInDataCatalog", "inLanguage", "version", "contentUrl", "encodingFormat",
    ]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        guard let payload = issues.object(from: raw, codePrefix: "schemaorg.dataset") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let (root, node) = payload
        let at = { (field: String) in "\(raw.location)/\(field)" }
        let types = Self.types(of: root)
        if !types.contains("Dataset") {
            guard Self.isDataset(root) else {
                issues.error("schemaorg.dataset.not-dataset", "the node at \(raw.location) has @type \(types.isEmpty ? "none" : types.joined(separator: ", ")), not Dataset; it was skipped.", at: at("@type"))
                return MappingResult(record: nil, issues: issues.items)
            }
            issues.warning("schemaorg.dataset.type-case", "@type is '\(types.joined(separator: ", "))'; schema.org type names are case-sensitive, it was read as 'Dataset'.", at: at("@type"))
        }
        let localID = Self.localID(of: root)
        if let localID { issues.localID = localID }
        let title: String
        if let name = Self.text(node["name"]) {
            title = name
        } else {
            title = localID ?? ""
            issues.warning("schemaorg.dataset.missing-name", "the Dataset has no 'name'; its identifier is used as its title.", at: at("name"))
        }
        let url = Self.text(node["url"])
        let nodeID = Self.text(node["@id"]).flatMap { $0.hasPrefix("_:") ? nil : $0 }
        let provenance = Provenance(sourceID: source.id, kind: SchemaOrgHarvester.description.kind, originalID: localID ?? "",
                                    originalURL: url ?? nodeID.flatMap { $0.hasPrefix("http") ? $0 : nil },
                                    harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID ?? ""), title: LocalizedText(title), provenance: provenance)
        record.identifiers = identifiers(node, nodeID: nodeID)
        if let text = Self.text(node["description"]) { record.description = LocalizedText(text) }
        record.keywords = keywords(node["keywords"])
        record.license = license(node["license"], at: at("license"), record: &record, issues: &issues)
        let creatorField = node["creator"] != nil ? "creator" : "author"
        let creators = agents(node[creatorField], at: at(creatorField), issues: &issues)
        record.creator = creators.first
        if creators.count > 1 { record.extras["creators"] = creators.map(\.name).joined(separator: "; ") }
        record.publisher = agents(node["publisher"], at: at("publisher"), issues: &issues).first
        if let published = Self.text(node["datePublished"]) ?? Self.text(node["dateCreated"]) { record.issued = CatalogDate(raw: published) }
        if let modified = Self.text(node["dateModified"]) { record.modified = CatalogDate(raw: modified) }
        if node["datePublished"] != nil, let created = Self.text(node["dateCreated"]) { record.extras["dateCreated"] = created }
        record.temporal = temporal(node["temporalCoverage"], at: at("temporalCoverage"), issues: &issues)
        record.spatial = spatial(node["spatialCoverage"], at: at("spatialCoverage"), issues: &issues)
        record.languages = languages(node["inLanguage"])
        record.landingPage = url ?? nodeID.flatMap { $0.hasPrefix("http") ? $0 : nil }
        record.version = Self.text(node["version"])
        record.distributions = distributions(node, at: at("distribution"), issues: &issues)
        if let catalog = node["includedInDataCatalog"] {
            let first = catalog.array?.first ?? catalog
            if let name = Self.text(first["name"]) ?? Self.text(first) { record.extras["catalog"] = name }
            if let catalogURL = Self.text(first["url"]) { record.extras["catalog_url"] = catalogURL }
        }
        let sameAs = Self.texts(node["sameAs"])
        if !sameAs.isEmpty { record.extras["sameAs"] = sameAs.joined(separator: " ") }
        for member in node where !Self.mapped.contains(member.key) && !member.value.isNull {
            record.extras[member.key] = member.value.scalarText ?? JSONWriter.string(member.value)
        }
        guard localID != nil else {
            issues.error("schemaorg.dataset.missing-identifier", "the Dataset '\(title)' at \(raw.location) has no 'identifier', 'url' or '@id'; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: at("name"), description: at("description"), keywords: at("keywords"),
                                                                         spatial: at("spatialCoverage"), distributions: at("distribution"), extra: { at($0) }),
                                     codePrefix: "schemaorg.dataset", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    // MARK: - Types and ids

    /// The node's `@type` names without a schema.org prefix (`https://schema.org/Dataset` → `Dataset`).
    static func types(of node: JSONValue) -> [String] {
        let value = node["@type"]
        let names = value?.array?.compactMap(\.string) ?? value?.string.map { [$0] } ?? []
        return names.map { name in
            for prefix in ["http://schema.org/", "https://schema.org/", "schema:", "sdo:"] where name.lowercased().hasPrefix(prefix) {
                return String(name.dropFirst(prefix.count))
            }
            return name
        }
    }

    /// True when the node is a Dataset (the type compared without case, so the common `DataSet` is read too).
    static func isDataset(_ node: JSONValue) -> Bool {
        node.object != nil && types(of: node).contains { $0.lowercased() == "dataset" }
    }

    /// The first identifier, else `url`, else a non-blank `@id`.
    static func localID(of node: JSONValue) -> String? {
        if let first = identifierValues(node["identifier"]).first { return first.value }
        if let url = text(node["url"]) { return url }
        if let id = text(node["@id"]), !id.hasPrefix("_:") { return id }
        return nil
    }

    /// Identifier values with a scheme: text, PropertyValue (`propertyID`/`value`) or a node's `@id`/`url`.
    static func identifierValues(_ value: JSONValue?) -> [Identifier] {
        guard let value, !value.isNull else { return [] }
        if let array = value.array { return array.flatMap { identifierValues($0) } }
        if let found = text(value) { return [Identifier(found, scheme: scheme(of: found))] }
        guard value.object != nil else { return [] }
        if let found = text(value["value"]) ?? text(value["url"]) ?? text(value["@id"]) {
            return [Identifier(found, scheme: text(value["propertyID"])?.lowercased() ?? scheme(of: found))]
        }
        return []
    }

    static func scheme(of identifier: String) -> String? {
        let lower = identifier.lowercased()
        if lower.contains("doi.org/10.") || lower.hasPrefix("doi:") || lower.hasPrefix("10.") { return "doi" }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("urn:") { return "uri" }
        return nil
    }

    private func identifiers(_ node: JSONObject, nodeID: String?) -> [Identifier] {
        var result = Self.identifierValues(node["identifier"])
        if let nodeID, !result.contains(where: { $0.value == nodeID }) { result.append(Identifier(nodeID, scheme: Self.scheme(of: nodeID))) }
        return result
    }

    // MARK: - Fields

    private func keywords(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if let array = value.array {
            return array.flatMap { item -> [String] in
                if let name = Self.text(item["name"]) { return [name] }
                return Self.text(item).map { [$0] } ?? []
            }
        }
        if let name = Self.text(value["name"]) { return [name] }
        return CKANFields.list(value)
    }

    private func license(_ value: JSONValue?, at location: String, record: inout CatalogRecord, issues: inout IssueCollector) -> LicenseRef? {
        guard let value, !value.isNull else { return nil }
        let items = value.array ?? [value]
        if items.count > 1 {
            issues.warning("schemaorg.dataset.several-licenses", "'license' lists \(items.count) licences; the first is used, the others are kept as the extra 'other_licenses'.", at: location)
            record.extras["other_licenses"] = items.dropFirst().compactMap { Self.text($0) ?? Self.text($0["url"]) ?? Self.text($0["name"]) }.joined(separator: " ")
        }
        guard let first = items.first else { return nil }
        if let text = Self.text(first) {
            return text.lowercased().hasPrefix("http") ? LicenseRef(raw: text, uri: text) : LicenseRef(raw: text)
        }
        if first.object != nil {
            let uri = Self.text(first["url"]) ?? Self.text(first["@id"])
            let name = Self.text(first["name"])
            if uri != nil || name != nil { return LicenseRef(raw: uri ?? name, title: name, uri: uri) }
        }
        issues.warning("schemaorg.dataset.license-unreadable", "'license' is a \(first.typeName) without a url or name; it was ignored.", at: location)
        return nil
    }

    /// Person and Organization nodes (or plain names) as agents, in order.
    private func agents(_ value: JSONValue?, at location: String, issues: inout IssueCollector) -> [Agent] {
        guard let value, !value.isNull else { return [] }
        var result: [Agent] = []
        let items = value.array ?? [value]
        for (index, item) in items.enumerated() {
            let itemLocation = value.array == nil ? location : "\(location)/\(index)"
            if let name = Self.text(item) {
                let many = name.filter { $0 == "," }.count >= 4 || name.contains(";")
                issues.warning(many ? "schemaorg.agent.name-list-as-text" : "schemaorg.agent.not-object",
                               many ? "it is one text holding several names ('\(Self.excerpt(name))'), not a list of Person or Organization objects; it was kept as one name."
                                    : "it is the text '\(name)', not a Person or Organization object; it was kept as a name.",
                               at: itemLocation)
                result.append(Agent(name: name))
                continue
            }
            guard item.object != nil else {
                issues.warning("schemaorg.agent.unreadable", "it is a \(item.typeName), not a Person or Organization; it was ignored.", at: itemLocation)
                continue
            }
            let given = [Self.text(item["givenName"]), Self.text(item["familyName"])].compactMap { $0 }.joined(separator: " ")
            guard let name = Self.text(item["name"]) ?? (given.isEmpty ? nil : given) else {
                issues.warning("schemaorg.agent.unnamed", "a \(Self.types(of: item).first ?? "node") has neither 'name' nor 'givenName'/'familyName'; it was ignored.", at: itemLocation)
                continue
            }
            let nodeID = Self.text(item["@id"]).flatMap { $0.hasPrefix("_:") ? nil : $0 }
            var agent = Agent(name: name, uri: nodeID ?? Self.texts(item["sameAs"]).first,
                              identifier: Self.identifierValues(item["identifier"]).first?.value)
            agent.email = Self.text(item["email"]).map(DataJSONMapper.withoutMailto)
            agent.homepage = Self.text(item["url"])
            result.append(agent)
        }
        return result
    }

    /// `start/end` intervals (`..` or empty for an open end), or single dates.
    private func temporal(_ value: JSONValue?, at location: String, issues: inout IssueCollector) -> [TemporalCoverage] {
        guard let value, !value.isNull else { return [] }
        var result: [TemporalCoverage] = []
        for (index, item) in (value.array ?? [value]).enumerated() {
            guard let text = Self.text(item) else {
                issues.warning("schemaorg.dataset.temporal-unreadable", "'temporalCoverage' holds a \(item.typeName), not an ISO 8601 date or interval; it was ignored.",
                               at: value.array == nil ? location : "\(location)/\(index)")
                continue
            }
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmed }
            if parts.count == 2 {
                let start = parts[0].isEmpty || parts[0] == ".." ? nil : CatalogDate(raw: parts[0])
                let end = parts[1].isEmpty || parts[1] == ".." ? nil : CatalogDate(raw: parts[1])
                if start != nil || end != nil { result.append(TemporalCoverage(start: start, end: end)) }
            } else {
                result.append(TemporalCoverage(start: CatalogDate(raw: text)))
            }
        }
        return result
    }

    /// Places: names, `geo` GeoShape boxes and polygons, GeoCoordinates points.
    private func spatial(_ value: JSONValue?, at location: String, issues: inout IssueCollector) -> [SpatialCoverage] {
        guard let value, !value.isNull else { return [] }
        var result: [SpatialCoverage] = []
        for (index, place) in (value.array ?? [value]).enumerated() {
            let placeLocation = value.array == nil ? location : "\(location)/\(index)"
            if let text = Self.text(place) {
                result.append(text.lowercased().hasPrefix("http") ? SpatialCoverage(uri: text) : SpatialCoverage(label: text))
                continue
            }
            guard place.object != nil else { continue }
            var coverage = SpatialCoverage(label: Self.text(place["name"]))
            coverage.uri = Self.text(place["@id"]).flatMap { $0.hasPrefix("http") ? $0 : nil } ?? Self.texts(place["sameAs"]).first
            // A bare GeoShape or GeoCoordinates given directly as the coverage is read the same way.
            let geos = place["geo"].map { $0.array ?? [$0] } ?? (place["box"] != nil || place["latitude"] != nil || place["polygon"] != nil ? [place] : [])
            for (geoIndex, geo) in geos.enumerated() {
                let geoLocation = place["geo"] == nil ? placeLocation : place["geo"]?.array == nil ? "\(placeLocation)/geo" : "\(placeLocation)/geo/\(geoIndex)"
                read(geo, into: &coverage, at: geoLocation, issues: &issues)
            }
            if coverage.label != nil || coverage.uri != nil || coverage.geometry != nil || coverage.bbox != nil { result.append(coverage) }
        }
        return result
    }

    private func read(_ geo: JSONValue, into coverage: inout SpatialCoverage, at location: String, issues: inout IssueCollector) {
        if let box = Self.text(geo["box"]) {
            // schema.org box: "south west north east" (two lat/lon points).
            let numbers = Self.numbers(box)
            guard numbers.count == 4 else {
                issues.warning("schemaorg.spatial.bad-box", "the GeoShape box '\(box)' is not four numbers; it was ignored.", at: "\(location)/box")
                return
            }
            let (south, west, north, east) = (numbers[0], numbers[1], numbers[2], numbers[3])
            guard Self.isLatitude(south), Self.isLatitude(north), Self.isLongitude(west), Self.isLongitude(east) else {
                issues.warning("schemaorg.spatial.coordinates-out-of-range", "the GeoShape box '\(box)' has a latitude outside ±90 or a longitude outside ±180 (are they swapped?); it was ignored.", at: "\(location)/box")
                return
            }
            coverage.bbox = BoundingBox(west: west, south: south, east: east, north: north)
        } else if let polygon = Self.text(geo["polygon"]) {
            let numbers = Self.numbers(polygon)
            guard numbers.count >= 6, numbers.count % 2 == 0 else {
                issues.warning("schemaorg.spatial.bad-polygon", "the GeoShape polygon is not a list of latitude/longitude pairs; it was ignored.", at: "\(location)/polygon")
                return
            }
            var ring: [JSONValue] = []
            for pair in stride(from: 0, to: numbers.count, by: 2) {
                guard Self.isLatitude(numbers[pair]), Self.isLongitude(numbers[pair + 1]) else {
                    issues.warning("schemaorg.spatial.coordinates-out-of-range", "the GeoShape polygon has a point outside the latitude/longitude ranges; it was ignored.", at: "\(location)/polygon")
                    return
                }
                ring.append(.array([Self.json(numbers[pair + 1]), Self.json(numbers[pair])]))
            }
            if ring.first != ring.last, let first = ring.first { ring.append(first) }
            coverage.geometry = JSONWriter.string(["type": "Polygon", "coordinates": .array([.array(ring)])])
        } else if geo["latitude"] != nil || geo["longitude"] != nil {
            guard let latitude = Self.number(geo["latitude"]), let longitude = Self.number(geo["longitude"]) else {
                issues.warning("schemaorg.spatial.bad-coordinates", "the GeoCoordinates lack a numeric latitude or longitude; they were ignored.", at: location)
                return
            }
            guard Self.isLatitude(latitude), Self.isLongitude(longitude) else {
                issues.warning("schemaorg.spatial.coordinates-out-of-range", "the GeoCoordinates have latitude \(latitude) and longitude \(longitude), outside ±90/±180 (are they swapped?); they were ignored.", at: "\(location)/latitude")
                return
            }
            coverage.geometry = JSONWriter.string(["type": "Point", "coordinates": [Self.json(longitude), Self.json(latitude)]])
        } else if geo.object != nil {
            issues.warning("schemaorg.spatial.unknown-geo", "'geo' has no box, polygon, or latitude/longitude; it was ignored.", at: location)
        }
    }

    private func languages(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        return (value.array ?? [value]).compactMap { item in
            Self.text(item) ?? Self.text(item["alternateName"]) ?? Self.text(item["identifier"]) ?? Self.text(item["name"])
        }
    }

    /// `distribution` DataDownloads, else a top-level `contentUrl` (a Dataset that is itself one file).
    private func distributions(_ node: JSONObject, at location: String, issues: inout IssueCollector) -> [Distribution] {
        var result: [Distribution] = []
        if let value = node["distribution"], !value.isNull {
            for (index, item) in (value.array ?? [value]).enumerated() {
                let itemLocation = value.array == nil ? location : "\(location)/\(index)"
                guard item.object != nil else {
                    if let url = Self.text(item) {
                        var distribution = Distribution(accessURL: url)
                        distribution.downloadURL = url
                        result.append(distribution)
                    } else {
                        issues.warning("schemaorg.distribution.not-object", "distribution \(index) is a \(item.typeName), not a DataDownload; it was ignored.", at: itemLocation)
                    }
                    continue
                }
                let download = Self.texts(item["contentUrl"]).first
                var distribution = Distribution(id: Self.text(item["@id"]), title: Self.text(item["name"]),
                                                accessURL: download ?? Self.text(item["url"]))
                distribution.downloadURL = download
                distribution.description = Self.text(item["description"])
                let format = Self.text(item["encodingFormat"]) ?? Self.text(item["fileFormat"])
                if let format { format.contains("/") ? (distribution.mediaType = format) : (distribution.format = format) }
                distribution.byteSize = Self.byteCount(item["contentSize"])
                distribution.modified = Self.text(item["dateModified"]).map { CatalogDate(raw: $0) }
                if distribution.accessURL == nil {
                    issues.warning("schemaorg.distribution.no-url", "distribution \(index) has neither 'contentUrl' nor 'url'.", at: itemLocation)
                }
                result.append(distribution)
            }
        } else {
            let format = Self.text(node["encodingFormat"])
            for url in Self.texts(node["contentUrl"]) {
                var distribution = Distribution(accessURL: url)
                distribution.downloadURL = url
                if let format { format.contains("/") ? (distribution.mediaType = format) : (distribution.format = format) }
                result.append(distribution)
            }
        }
        return result
    }

    // MARK: - Values

    /// Text from a string, a number, or a JSON-LD value object (`{"@value": …}`); language maps take the first value.
    static func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let text = CKANFields.text(value) { return text }
        if value.object != nil, let inner = value["@value"] { return CKANFields.text(inner) }
        return nil
    }

    /// Every text of a value or list of values.
    static func texts(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        return (value.array ?? [value]).compactMap { text($0) ?? text($0["@id"]) }
    }

    static func number(_ value: JSONValue?) -> Double? {
        value?.number?.double ?? text(value).flatMap { Double($0) }
    }

    static func numbers(_ text: String) -> [Double] {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
        let values = parts.compactMap { Double($0) }
        return values.count == parts.count && values.allSatisfy(\.isFinite) ? values : []
    }

    static func byteCount(_ value: JSONValue?) -> Int64? {
        if let bytes = value?.number?.int64, bytes >= 0 { return bytes }
        if let text = text(value), let bytes = Int64(text), bytes >= 0 { return bytes }
        return nil
    }

    static func isLatitude(_ value: Double) -> Bool { (-90.0...90.0).contains(value) }
    static func isLongitude(_ value: Double) -> Bool { (-180.0...180.0).contains(value) }

    static func json(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
