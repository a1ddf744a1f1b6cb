import CatalogModel
import FeedParsing

/// DCAT-US `data.json`: version 1.1 (Project Open Data, `datajson`) or 3.0 (`datajson3`), one dataset object per
/// dataset (its canonical record), streamed inside the catalogue object.
public struct DataJSONExporter: Exporter {
    public enum Version: Sendable { case v1_1, v3_0 }

    public let version: Version
    public let format: ExportFormat

    public init(_ version: Version) {
        self.version = version
        format = version == .v1_1
            ? ExportFormat(name: "datajson", title: "DCAT-US 1.1 data.json", summary: "The catalogue as a Project Open Data 1.1 data.json.",
                           fileExtension: "json", mediaType: "application/json", pageable: false)
            : ExportFormat(name: "datajson3", title: "DCAT-US 3.0 data.json", summary: "The catalogue as a DCAT-US 3.0 data.json.",
                           fileExtension: "json", mediaType: "application/json", pageable: false)
    }

    public func write(_ reader: ExportReader, page: ExportPage?, to sink: any ExportSink) throws(ExportError) {
        let head: JSONObject
        switch version {
        case .v1_1:
            head = ["@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "@id": .string(reader.iris.catalog),
                    "@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
                    "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json"]
        case .v3_0:
            head = ["@id": .string(reader.iris.catalog), "@type": "Catalog",
                    "conformsTo": ["@type": "Standard", "@id": "https://resources.data.gov/dcat-us/3.0.0/", "title": "DCAT-US 3.0"],
                    "title": .string(reader.catalogTitle)]
        }
        var prefix = JSONWriter.string(.object(head), options: .init(pretty: true))
        prefix.removeLast(prefix.hasSuffix("\n}") ? 2 : 1)
        try sink.write(prefix + ",\n  \"dataset\": [")
        var first = true
        try reader.datasets(offset: page?.offset ?? 0, limit: page?.size) { dataset throws(ExportError) in
            let required = DataJSONRequired(dataset, fallbackEmail: reader.contactEmail, gaps: reader.gaps)
            let value = version == .v1_1 ? DataJSONFields.v1(dataset, required, iris: reader.iris)
                : DataJSONFields.v3(dataset, required, iris: reader.iris)
            try sink.write((first ? "\n    " : ",\n    ") + JSONWriter.string(value))
            first = false
        }
        try sink.write("\n  ]\n}\n")
        try sink.flush()
    }
}

/// The mapping from a dataset's canonical record to data.json fields.
enum DataJSONFields {
    /// An object builder that leaves out nil and empty values.
    struct Object {
        var members: [(key: String, value: JSONValue)] = []
        mutating func set(_ key: String, _ value: JSONValue?) {
            guard let value else { return }
            if case .array(let items) = value, items.isEmpty { return }
            if case .string(let text) = value, text.isEmpty { return }
            members.append((key, value))
        }
        mutating func set(_ key: String, _ text: String?) { set(key, text.map(JSONValue.string)) }
        var value: JSONValue { .object(JSONObject(members)) }
    }

    static func strings(_ items: [String]) -> JSONValue {
        var seen = Set<String>()
        return .array(items.filter { !$0.isEmpty && seen.insert($0).inserted }.map(JSONValue.string))
    }

    static func identifier(_ r: CatalogRecord) -> String { r.identifiers.first?.value ?? r.provenance.originalID }

    /// `public`, `restricted public` or `non-public` from the access rights (EU authority URI or label); `public` when not given.
    static func accessLevel(_ concept: Concept?) -> String {
        let text = [concept?.uri, concept?.label].compactMap { $0?.lowercased() }.joined(separator: " ")
        if text.contains("non_public") || text.contains("non-public") || text.contains("non public") { return "non-public" }
        if text.contains("restricted") { return "restricted public" }
        return "public"
    }

    static func mediaType(_ d: Distribution) -> String? {
        guard let type = d.mediaType?.lowercased(), type.range(of: #"^[-\w]+/[-\w]+(\.[-\w]+)*([+][-\w]+)?$"#, options: .regularExpression) != nil else { return nil }
        return type
    }

    static func license(_ l: LicenseRef?) -> String? { RDFText.iri(l?.uri) ?? RDFText.iri(l?.euURI) }

    static func v1(_ dataset: ExportDataset, _ required: DataJSONRequired, iris: IRIScheme) -> JSONValue {
        let r = dataset.canonical
        var o = Object()
        o.set("@type", "dcat:Dataset")
        o.set("title", r.title.value)
        o.set("description", required.description)
        o.set("keyword", strings(required.keywords))
        o.set("modified", r.modified?.iso ?? r.issued?.iso ?? String(dataset.records[0].changedAt.prefix(10)))
        o.set("publisher", .object(["@type": "org:Organization", "name": .string(required.publisher)]))
        if let email = required.email {
            o.set("contactPoint", .object(["@type": "vcard:Contact", "fn": .string(required.contactName), "hasEmail": .string(email)]))
        }
        o.set("identifier", identifier(r))
        o.set("accessLevel", accessLevel(r.accessRights))
        o.set("license", license(r.license))
        o.set("spatial", r.spatial.first.flatMap { $0.label ?? $0.uri ?? $0.geometry })
        o.set("temporal", r.temporal.first.flatMap { span -> String? in
            guard let start = span.start?.iso else { return nil }
            return start + "/" + (span.end?.iso ?? start)
        })
        o.set("issued", r.issued?.iso)
        o.set("accrualPeriodicity", frequency(r.frequency).map { $0.iso8601 })
        o.set("language", strings(r.languages.filter { $0.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) != nil }))
        o.set("landingPage", RDFText.iri(r.landingPage))
        o.set("theme", strings(r.themes.compactMap { $0.label ?? $0.uri }))
        o.set("distribution", .array(r.distributions.map { d -> JSONValue in
            var x = Object()
            x.set("@type", "dcat:Distribution")
            x.set("title", d.title)
            x.set("description", d.description)
            let type = mediaType(d)
            if type != nil { x.set("downloadURL", RDFText.iri(d.downloadURL)) }
            x.set("accessURL", RDFText.iri(d.accessURL) ?? (type == nil ? RDFText.iri(d.downloadURL) : nil))
            x.set("mediaType", type)
            x.set("format", d.format)
            return x.value
        }))
        return o.value
    }

    static func v3(_ dataset: ExportDataset, _ required: DataJSONRequired, iris: IRIScheme) -> JSONValue {
        let r = dataset.canonical
        var o = Object()
        o.set("@id", iris.dataset(dataset.clusterID))
        o.set("@type", "Dataset")
        o.set("title", r.title.value)
        o.set("description", required.description)
        o.set("identifier", identifier(r))
        o.set("keyword", strings(required.keywords))
        o.set("theme", strings(r.themes.compactMap { $0.label ?? $0.uri }))
        o.set("publisher", .object(["@type": "Organization", "name": .string(required.publisher)]))
        if let email = required.email {
            o.set("contactPoint", .object(["@type": "Kind", "fn": .string(required.contactName), "hasEmail": .string(email)]))
        }
        o.set("modified", r.modified?.iso)
        o.set("issued", r.issued?.iso)
        o.set("language", strings(r.languages.filter { $0.count == 2 }))
        o.set("accessRights", r.accessRights.flatMap { $0.label ?? $0.uri })
        o.set("accrualPeriodicity", frequency(r.frequency).map { $0.iso19115 })
        o.set("temporal", .array(r.temporal.compactMap { span -> JSONValue? in
            var t = Object()
            t.set("@type", "PeriodOfTime")
            t.set("startDate", span.start?.iso)
            t.set("endDate", span.end?.iso)
            return t.members.count > 1 ? t.value : nil
        }))
        o.set("spatial", .array(r.spatial.map { place -> JSONValue in
            var s = Object()
            s.set("@type", "Location")
            s.set("@id", RDFText.iri(place.uri))
            s.set("prefLabel", place.label)
            s.set("geometry", place.geometry)
            return s.value
        }))
        if let page = RDFText.iri(r.landingPage) {
            o.set("landingPage", .object(["@type": "Document", "@id": .string(page), "accessURL": .string(page), "title": .string(r.title.value)]))
        }
        o.set("distribution", .array(r.distributions.map { d -> JSONValue in
            var x = Object()
            x.set("@type", "Distribution")
            x.set("title", d.title)
            x.set("description", d.description)
            x.set("accessURL", RDFText.iri(d.accessURL))
            x.set("downloadURL", RDFText.iri(d.downloadURL))
            x.set("mediaType", mediaType(d))
            x.set("format", d.format)
            x.set("byteSize", d.byteSize.map(String.init))
            x.set("license", license(d.license ?? r.license))
            return x.value
        }))
        return o.value
    }

    /// A frequency from the EU authority URI or its label, in both DCAT-US vocabularies.
    struct Frequency { var iso8601: String; var iso19115: String }

    static func frequency(_ concept: Concept?) -> Frequency? {
        let key = (concept?.uri.map { String($0.split(separator: "/").last ?? "") } ?? concept?.label ?? "").uppercased()
        let table: [String: Frequency] = [
            "DAILY": .init(iso8601: "R/P1D", iso19115: "daily"), "WEEKLY": .init(iso8601: "R/P1W", iso19115: "weekly"),
            "BIWEEKLY": .init(iso8601: "R/P2W", iso19115: "fortnightly"), "MONTHLY": .init(iso8601: "R/P1M", iso19115: "monthly"),
            "QUARTERLY": .init(iso8601: "R/P3M", iso19115: "quarterly"), "ANNUAL_2": .init(iso8601: "R/P6M", iso19115: "biannually"),
            "ANNUAL": .init(iso8601: "R/P1Y", iso19115: "annually"), "CONT": .init(iso8601: "R/PT1S", iso19115: "continual"),
            "IRREG": .init(iso8601: "irregular", iso19115: "irregular"), "IRREGULAR": .init(iso8601: "irregular", iso19115: "irregular"),
            "P1D": .init(iso8601: "R/P1D", iso19115: "daily"), "P1W": .init(iso8601: "R/P1W", iso19115: "weekly"),
            "P1M": .init(iso8601: "R/P1M", iso19115: "monthly"), "P3M": .init(iso8601: "R/P3M", iso19115: "quarterly"),
            "P1Y": .init(iso8601: "R/P1Y", iso19115: "annually"),
        ]
        return table[key] ?? table[key.replacingOccurrences(of: "R/", with: "")]
    }
}

import Foundation
