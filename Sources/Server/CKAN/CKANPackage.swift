public import CatalogModel
public import CatalogStore
public import FeedParsing
import Foundation

/// A dataset of the merged catalogue as a CKAN package dict (CKAN 2.10's `package_show` shape): one package per cluster,
/// shown by its canonical record, with extras naming the other records and sources of the cluster.
///
/// | CKAN | fedcat |
/// | --- | --- |
/// | id | the canonical record's id `source/local-id` |
/// | name | `<source>--<CKAN name or local id>`, lowercased, other characters as `-` |
/// | title, notes, url, version | title, description, landing page, version |
/// | author, author_email / maintainer, maintainer_email | creator / contact point |
/// | license_id, license_title, license_url | licence as published (else its SPDX id), its title, its URI |
/// | organization, owner_org | publisher (name: a slug of its name) |
/// | tags | keywords |
/// | groups | themes that came from CKAN groups; other themes are the extra `theme` |
/// | resources | distributions (url: download URL else access URL; access_url, download_url, format, mimetype, size) |
/// | metadata_created, metadata_modified | issued, modified (ISO), else the harvest time |
/// | extras | unmapped fields, issued, modified, language, frequency, spatial, temporal_start/end, access_rights, uri, identifier, fedcat_* |
public enum CKANPackage {
    /// The package dict of `record`, with `cluster` (its other copies) in the extras.
    public static func dict(_ record: CatalogRecord, cluster: ClusterInfo?) -> JSONValue {
        let tags: [JSONValue] = unique(record.keywords).map { word in
            .object(["name": .string(word), "display_name": .string(word), "state": "active", "vocabulary_id": .null])
        }
        let groupThemes = record.themes.filter { $0.scheme == "ckan-group" && $0.label != nil }
        var seenGroups = Set<String>()
        let groups: [JSONValue] = groupThemes.compactMap { theme in
            let label = theme.label ?? ""
            let name = slug(label)
            guard seenGroups.insert(name).inserted else { return nil }
            return .object(["id": .string(name), "name": .string(name), "title": .string(label), "display_name": .string(label),
                            "description": "", "image_display_url": ""])
        }
        let organization = record.publisher.map(self.organization)
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(record.id)),
            ("name", .string(name(of: record))),
            ("title", .string(record.title.value)),
            ("notes", optional(record.description?.value)),
            ("url", .string(record.landingPage ?? "")),
            ("version", optional(record.version)),
            ("author", optional(record.creator?.name)),
            ("author_email", optional(record.creator?.email)),
            ("maintainer", optional(record.contactPoint?.name)),
            ("maintainer_email", optional(record.contactPoint?.email)),
            ("license_id", optional(record.license.flatMap { $0.raw ?? $0.spdx })),
            ("license_title", optional(record.license.flatMap { $0.title ?? $0.label ?? $0.spdx })),
            ("license_url", optional(record.license?.uri)),
            ("isopen", .bool(record.license?.isRecognised ?? false)),
            ("metadata_created", .string(record.issued?.iso ?? timestamp(record.provenance.harvestedAt))),
            ("metadata_modified", .string(record.modified?.iso ?? timestamp(record.provenance.harvestedAt))),
            ("state", "active"),
            ("type", "dataset"),
            ("private", .bool(false)),
            ("owner_org", organization?["id"] ?? .null),
            ("organization", organization ?? .null),
            ("num_tags", .number(JSONNumber(tags.count))),
            ("tags", .array(tags)),
            ("groups", .array(groups)),
            ("num_resources", .number(JSONNumber(record.distributions.count))),
            ("resources", .array(record.distributions.enumerated().map { resource($0.element, position: $0.offset, of: record) })),
            ("extras", .array(extras(record, cluster: cluster).map { .object(["key": .string($0.key), "value": .string($0.value)]) })),
        ]
        if let doi = record.identifiers.first(where: { $0.scheme == "doi" }) { members.append(("doi", .string(doi.value))) }
        return .object(JSONObject(members))
    }

    /// `<source>--<CKAN name or local id>` as a CKAN name: lowercase letters, digits, `-` and `_`.
    public static func name(of record: CatalogRecord) -> String {
        let local = record.identifiers.first { $0.scheme == "ckan-name" }?.value ?? record.provenance.originalID
        return slug(record.provenance.sourceID) + "--" + slug(local)
    }

    /// The record id a package name stands for, to look up (`lakeside--air-quality` → `lakeside/air-quality`).
    public static func recordReference(ofName name: String) -> String? {
        guard let range = name.range(of: "--") else { return nil }
        return name[..<range.lowerBound] + "/" + name[range.upperBound...]
    }

    /// The organization dict of a publisher.
    public static func organization(_ publisher: Agent) -> JSONValue {
        let name = organizationName(publisher.name)
        return .object([
            "id": .string(name), "name": .string(name), "title": .string(publisher.name), "type": "organization",
            "description": "", "image_url": "", "is_organization": .bool(true), "approval_status": "approved", "state": "active",
        ])
    }

    /// A publisher's organization name: a slug of its name, the same whichever portal published it (and what the
    /// `organization` facet and filter use).
    public static func organizationName(_ name: String) -> String {
        slug(name)
    }

    private static func resource(_ distribution: Distribution, position: Int, of record: CatalogRecord) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(distribution.id ?? "\(record.id)#\(position + 1)")),
            ("package_id", .string(record.id)),
            ("name", optional(distribution.title)),
            ("description", .string(distribution.description ?? "")),
            ("url", .string(distribution.downloadURL ?? distribution.accessURL ?? "")),
            ("format", .string(distribution.format ?? distribution.fileType.map { String($0.split(separator: "/").last ?? "") } ?? "")),
            ("mimetype", optional(distribution.mediaType)),
            ("size", distribution.byteSize.map { .number(JSONNumber($0)) } ?? .null),
            ("created", optional(distribution.issued?.raw)),
            ("last_modified", optional(distribution.modified?.raw)),
            ("position", .number(JSONNumber(position))),
            ("state", "active"),
            ("url_type", .null),
        ]
        if let access = distribution.accessURL { members.append(("access_url", .string(access))) }
        if let download = distribution.downloadURL { members.append(("download_url", .string(download))) }
        if let license = distribution.license?.raw ?? distribution.license?.spdx { members.append(("license", .string(license))) }
        return .object(JSONObject(members))
    }

    /// The extras, sorted by key: the record's unmapped fields, then the DCAT fields CKAN has no column for (as
    /// ckanext-dcat names them), then where fedcat found the dataset.
    static func extras(_ record: CatalogRecord, cluster: ClusterInfo?) -> [(key: String, value: String)] {
        var extras = record.extras
        func put(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty, extras[key] == nil else { return }
            extras[key] = value
        }
        put("issued", record.issued?.raw)
        put("modified", record.modified?.raw)
        put("language", record.languages.joined(separator: ","))
        put("frequency", record.frequency.flatMap { $0.uri ?? $0.label })
        put("access_rights", record.accessRights.flatMap { $0.uri ?? $0.label })
        put("spatial", record.spatial.first.flatMap { $0.geometry ?? $0.uri ?? $0.label })
        put("temporal_start", record.temporal.first?.start?.raw)
        put("temporal_end", record.temporal.first?.end?.raw)
        let themes = record.themes.filter { $0.scheme != "ckan-group" }.compactMap { $0.uri ?? $0.label }
        if themes.count == 1 && !themes[0].contains(",") { put("theme", themes[0]) }
        else if !themes.isEmpty { put("theme", JSONWriter.string(.array(themes.map { .string($0) }))) }
        put("uri", record.identifiers.first { $0.scheme == "uri" }?.value)
        put("identifier", record.identifiers.first { $0.scheme == nil }?.value)
        put("fedcat_id", record.id)
        put("fedcat_source", record.provenance.sourceID)
        put("fedcat_original_url", record.provenance.originalURL)
        if let cluster, cluster.members.count > 1 {
            let others = cluster.members.filter { $0.id != record.id }
            put("fedcat_also_published_at", JSONWriter.string(.array(others.map { member in
                .object(["id": .string(member.id), "source": .string(member.source), "url": optional(member.url)])
            })))
            put("fedcat_sources", Array(Set(cluster.members.map(\.source))).sorted().joined(separator: ","))
        }
        return extras.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Lowercase letters, digits, `-` and `_`; other runs of characters become one `-` (at most 100 characters).
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out.append("-")
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return String(trimmed.prefix(100))
    }

    private static func optional(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
