public import CatalogModel
import FeedParsing
import Foundation

/// Maps an OpenDataSoft dataset object (Explore v2.1/v2.0 `metas.default` + `metas.dcat`, or v1 flat `metas`
/// + `interop_metas`) to a `CatalogRecord`.
public struct ODSMapper: RecordMapper {
    public init() {}

    /// `metas.default` keys mapped to the record; other scalar metas are kept as extras.
    static let mappedDefault: Set<String> = [
        "title", "description", "keyword", "theme", "publisher", "license", "license_url", "modified", "language",
        "territory", "bbox",
    ]
    /// `metas.dcat` keys mapped to the record; other scalar ones are kept as `dcat.<key>` extras.
    static let mappedDCAT: Set<String> = [
        "contact_name", "contact_email", "accrualperiodicity", "issued", "created", "spatial", "temporal",
        "temporal_coverage_start", "temporal_coverage_end", "creator", "accessRights", "access_rights", "identifier",
    ]
    /// Geometry field types; a dataset holding one gets a GeoJSON export.
    static let geoFieldTypes: Set<String> = ["geo_point_2d", "geo_shape"]

    public func map(_ raw: RawRecord, context: MappingContext) -> MappingResult {
        let source = context.source
        var issues = IssueCollector(sourceID: source.id, url: raw.pageURL, localID: raw.localID, subject: "dataset")
        guard let payload = issues.object(from: raw, codePrefix: "ods.dataset") else {
            return MappingResult(record: nil, issues: issues.items)
        }
        let (root, dataset) = payload
        guard let localID = Self.localID(of: root) else {
            issues.error("ods.dataset.missing-id", "the dataset at \(raw.location) has neither 'dataset_id' nor 'datasetid'; it was skipped.", at: raw.location)
            return MappingResult(record: nil, issues: issues.items)
        }
        issues.localID = localID
        let base = raw.location

        // v2: metas.{default, dcat, inspire, …}; v1: flat metas + interop_metas.{dcat, inspire}.
        let metasValue = dataset["metas"]
        if let metasValue, metasValue.object == nil, !metasValue.isNull {
            issues.warning("ods.dataset.metas-not-object", "'metas' is a \(metasValue.typeName), not an object; the metadata was ignored.", at: "\(base)/metas")
        }
        let metas = metasValue?.object ?? [:]
        let isV2 = metas["default"]?.object != nil
        let defaults = metas["default"]?.object ?? (isV2 ? [:] : metas)
        let defaultPointer = isV2 ? "\(base)/metas/default" : "\(base)/metas"
        let interop = dataset["interop_metas"]?.object ?? [:]
        let dcat = metas["dcat"]?.object ?? interop["dcat"]?.object ?? [:]
        let inspire = metas["inspire"]?.object ?? interop["inspire"]?.object ?? [:]
        if metasValue == nil {
            issues.warning("ods.dataset.missing-metas", "the dataset has no 'metas'; only its id and exports are known.", at: "\(base)/metas")
        }

        let endpoint = ODSEndpoint(url: source.url)
        let landing = endpoint?.datasetPage(localID)
        let title: String
        if let text = Self.text(defaults["title"]) {
            title = text
        } else {
            issues.warning("ods.dataset.missing-title", "the dataset has no title; its id is used instead.", at: "\(defaultPointer)/title")
            title = localID
        }
        let provenance = Provenance(sourceID: source.id, kind: ODSHarvester.description.kind, originalID: localID,
                                    originalURL: landing, harvestedAt: context.harvestedAt, rawHash: raw.payloadHash)
        var record = CatalogRecord(id: RecordID.make(source: source.id, local: localID), title: LocalizedText(title), provenance: provenance)

        var identifiers = [Identifier(localID, scheme: "ods-dataset-id")]
        if let uid = Self.text(dataset["dataset_uid"]) { identifiers.append(Identifier(uid, scheme: "ods-dataset-uid")) }
        if let identifier = Self.text(dcat["identifier"]) {
            identifiers.append(Identifier(identifier, scheme: identifier.hasPrefix("http") ? "uri" : nil))
        }
        if let file = Self.text(inspire["file_identifier"]) { identifiers.append(Identifier(file, scheme: "inspire-file-identifier")) }
        record.identifiers = identifiers

        if let text = Self.text(defaults["description"]) { record.description = LocalizedText(text) }   // HTML: the normaliser converts
        record.keywords = Self.texts(defaults["keyword"]).flatMap(Self.splitKeywords)
        record.themes = Self.texts(defaults["theme"]).map { Concept(label: $0, scheme: "ods-theme") }
        if let publisher = Self.text(defaults["publisher"]) { record.publisher = Agent(name: publisher) }
        if let creator = Self.text(dcat["creator"]) { record.creator = Agent(name: creator) }
        let contact = Contact(name: Self.text(dcat["contact_name"]) ?? Self.text(inspire["contact_individual_name"]),
                              email: Self.text(dcat["contact_email"]) ?? Self.text(inspire["contact_email"]))
        if contact.name != nil || contact.email != nil { record.contactPoint = contact }

        let licenseText = Self.text(defaults["license"]), licenseURL = Self.text(defaults["license_url"])
        if licenseText != nil || licenseURL != nil {
            record.license = LicenseRef(raw: licenseText ?? licenseURL, uri: licenseURL ?? licenseText.flatMap { $0.hasPrefix("http") ? $0 : nil })
        }
        if let rights = Self.text(dcat["accessRights"]) ?? Self.text(dcat["access_rights"]) {
            record.accessRights = rights.hasPrefix("http") ? Concept(uri: rights) : Concept(label: rights)
        }

        // Dates stay raw; the normaliser parses them.
        if let modified = Self.text(defaults["modified"]) ?? Self.text(defaults["data_processed"]) ?? Self.text(defaults["metadata_processed"]) {
            record.modified = CatalogDate(raw: modified)
        }
        if let issued = Self.text(dcat["issued"]) ?? Self.text(dcat["created"]) { record.issued = CatalogDate(raw: issued) }
        record.temporal = temporal(dcat)

        record.languages = Self.texts(defaults["language"])
        record.spatial = spatial(defaults: defaults, dcat: dcat, inspire: inspire, pointer: defaultPointer, issues: &issues)
        record.landingPage = landing
        if let frequency = Self.text(dcat["accrualperiodicity"]) {
            record.frequency = frequency.hasPrefix("http") ? Concept(uri: frequency) : Concept(label: frequency)
        }
        record.distributions = distributions(dataset, id: localID, endpoint: endpoint, pointer: base, issues: &issues)

        // Unmapped scalar metas: default ones by name, other namespaces as `<namespace>.<name>`.
        for member in defaults where !Self.mappedDefault.contains(member.key) {
            if let value = Self.extraText(member.value) { record.extras[member.key] = value }
        }
        for member in dcat where !Self.mappedDCAT.contains(member.key) {
            if let value = Self.extraText(member.value) { record.extras["dcat.\(member.key)"] = value }
        }
        if let records = dataset["has_records"]?.bool { record.extras["has_records"] = String(records) }
        let features = Self.texts(dataset["features"])
        if !features.isEmpty { record.extras["features"] = features.joined(separator: ", ") }
        let meta = { (field: String) in "\(defaultPointer)/\(field)" }
        FieldLimits.standard.enforce(on: &record, pointers: FieldPointers(title: meta("title"), description: meta("description"), keywords: meta("keyword"),
                                                                         spatial: meta("geographic_reference"), distributions: "\(base)/attachments",
                                                                         extra: { meta($0) }),
                                     codePrefix: "ods.dataset", issues: &issues)
        return MappingResult(record: record, issues: issues.items)
    }

    /// The dataset's `dataset_id` (v2), else `datasetid` (v1), as text.
    static func localID(of dataset: JSONValue) -> String? {
        text(dataset["dataset_id"]) ?? text(dataset["datasetid"])
    }

    private func temporal(_ dcat: JSONObject) -> [TemporalCoverage] {
        var spans: [TemporalCoverage] = []
        let start = Self.text(dcat["temporal_coverage_start"]), end = Self.text(dcat["temporal_coverage_end"])
        if start != nil || end != nil {
            spans.append(TemporalCoverage(start: start.map { CatalogDate(raw: $0) }, end: end.map { CatalogDate(raw: $0) }))
        }
        if let text = Self.text(dcat["temporal"]) {
            // "2015-01-01/2020-12-31" (ISO interval) or free text.
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmed }
            if parts.count == 2, !text.contains("://") {
                spans.append(TemporalCoverage(start: parts[0].isEmpty ? nil : CatalogDate(raw: parts[0]),
                                              end: parts[1].isEmpty ? nil : CatalogDate(raw: parts[1])))
            } else {
                spans.append(TemporalCoverage(start: CatalogDate(raw: text)))
            }
        }
        return spans
    }

    private func spatial(defaults: JSONObject, dcat: JSONObject, inspire: JSONObject, pointer: String,
                         issues: inout IssueCollector) -> [SpatialCoverage] {
        var result = Self.texts(defaults["territory"]).map { SpatialCoverage(label: $0) }
        if let spatial = Self.text(dcat["spatial"]) {
            result.append(spatial.hasPrefix("http") ? SpatialCoverage(uri: spatial) : SpatialCoverage(label: spatial))
        }
        if let bbox = defaults["bbox"], bbox.object != nil {
            // v2.1: a GeoJSON Feature (or geometry) covering the records.
            let geometry = bbox["geometry"] ?? bbox
            var coverage = SpatialCoverage(geometry: JSONWriter.string(geometry))
            coverage.bbox = Self.envelope(of: geometry)
            result.append(coverage)
        }
        let keys = ["westbound_longitude", "southbound_latitude", "eastbound_longitude", "northbound_latitude"]
        let texts = keys.map { Self.text(inspire["extend_bounding_box_\($0)"]) }
        if texts.contains(where: { $0 != nil }) {
            // INSPIRE bounding boxes come as strings.
            let numbers = texts.map { $0.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } }
            if numbers.allSatisfy({ $0 != nil }) {
                let box = BoundingBox(west: numbers[0]!, south: numbers[1]!, east: numbers[2]!, north: numbers[3]!)
                var coverage = SpatialCoverage(geometry: "\(box.west),\(box.south),\(box.east),\(box.north)")
                coverage.bbox = box
                result.append(coverage)
            } else {
                issues.warning("ods.inspire.bad-bbox", "the INSPIRE bounding box (\(texts.map { $0 ?? "missing" }.joined(separator: ", "))) is not four numbers; it was dropped.",
                               at: pointer.replacingOccurrences(of: "/metas/default", with: "/metas") + "/inspire")
            }
        }
        return result
    }

    /// The bounding box of a GeoJSON geometry's coordinates, when it has any.
    static func envelope(of geometry: JSONValue) -> BoundingBox? {
        var xs: [Double] = [], ys: [Double] = []
        func walk(_ value: JSONValue) {
            guard let array = value.array else { return }
            if array.count >= 2, let x = array[0].number?.double, let y = array[1].number?.double {
                xs.append(x); ys.append(y)
            } else {
                array.forEach(walk)
            }
        }
        if let coordinates = geometry["coordinates"] { walk(coordinates) }
        guard let west = xs.min(), let east = xs.max(), let south = ys.min(), let north = ys.max() else { return nil }
        return BoundingBox(west: west, south: south, east: east, north: north)
    }

    private func distributions(_ dataset: JSONObject, id: String, endpoint: ODSEndpoint?, pointer: String,
                               issues: inout IssueCollector) -> [Distribution] {
        var result: [Distribution] = []
        let fields = dataset["fields"]?.array ?? []
        if let value = dataset["fields"], !value.isNull, value.array == nil {
            issues.warning("ods.dataset.fields-not-list", "'fields' is a \(value.typeName), not a list; it was ignored.", at: "\(pointer)/fields")
        }
        let hasRecords = dataset["has_records"]?.bool ?? !fields.isEmpty
        if hasRecords, let endpoint {
            let geo = Self.texts(dataset["features"]).contains("geo")
                || fields.contains { Self.geoFieldTypes.contains(Self.text($0["type"]) ?? "") }
            var exports: [(String, String, String)] = [("csv", "CSV", "text/csv"), ("json", "JSON", "application/json")]
            if geo { exports.append(("geojson", "GeoJSON", "application/geo+json")) }
            for (path, format, mediaType) in exports {
                var distribution = Distribution(id: "export-\(path)", title: "\(format) export",
                                                accessURL: endpoint.datasetAPI(id, "exports/\(path)"))
                distribution.downloadURL = distribution.accessURL
                distribution.format = format
                distribution.mediaType = mediaType
                result.append(distribution)
            }
        }
        for (member, apiPath) in [("attachments", "attachments"), ("alternative_exports", "alternative_exports")] {
            guard let value = dataset[member], !value.isNull else { continue }
            guard let list = value.array else {
                issues.warning("ods.dataset.\(member.replacingOccurrences(of: "_", with: "-"))-not-list",
                               "'\(member)' is a \(value.typeName), not a list; it was ignored.", at: "\(pointer)/\(member)")
                continue
            }
            for (index, item) in list.enumerated() {
                let at = "\(pointer)/\(member)/\(index)"
                guard item.object != nil else {
                    issues.warning("ods.attachment.not-object", "\(member) entry \(index) is a \(item.typeName), not an object; it was ignored.", at: at)
                    continue
                }
                let attachmentID = Self.text(item["id"])
                var url = Self.text(item["url"])
                if url == nil || url!.hasPrefix("odsfile://") {
                    // Files stored on the portal: served under the dataset by their id.
                    url = attachmentID.flatMap { attachment in endpoint.map { $0.datasetAPI(id, "\(apiPath)/\(ODSEndpoint.encode(attachment))") } }
                }
                guard let url else {
                    issues.warning("ods.attachment.no-url", "\(member) entry \(index) has neither a usable 'url' nor an 'id'; it was ignored.", at: at)
                    continue
                }
                var distribution = Distribution(id: attachmentID, title: Self.text(item["title"]) ?? attachmentID, accessURL: url)
                distribution.downloadURL = url
                distribution.description = Self.text(item["description"])
                distribution.mediaType = Self.text(item["mimetype"])
                if let name = Self.text(item["url"]) ?? Self.text(item["title"]), let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 8 {
                    distribution.format = String(name[name.index(after: dot)...]).uppercased()
                }
                result.append(distribution)
            }
        }
        return result
    }

    // MARK: - Loose values

    /// A scalar as trimmed text; nil for null, empty, lists and objects.
    static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.scalarText?.trimmed, !text.isEmpty else { return nil }
        return text
    }

    /// A meta that may be one value or a list of values.
    static func texts(_ value: JSONValue?) -> [String] {
        if let array = value?.array { return array.compactMap { text($0) } }
        return text(value).map { [$0] } ?? []
    }

    /// Keywords given as one string may be a comma or semicolon list.
    static func splitKeywords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// An extra's value: a scalar, or a list of scalars joined; nil for objects, nulls and empties.
    static func extraText(_ value: JSONValue) -> String? {
        if let scalar = text(value) { return scalar }
        if let array = value.array, !array.isEmpty, array.allSatisfy({ $0.scalarText != nil }) {
            return array.compactMap { text($0) }.joined(separator: ", ")
        }
        return nil
    }
}
