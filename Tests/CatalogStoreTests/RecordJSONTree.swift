import CatalogModel
import FeedParsing
import Foundation

/// The stored record JSON as a `JSONValue` tree, as fedcat built it before `RecordJSONWriter` wrote the bytes
/// directly: written by `JSONWriter` with sorted keys, it gives the bytes stored records' content hashes were computed
/// from, which the direct writer must reproduce.
enum RecordJSONTree {
    /// The record as a JSON tree. Every object is built with its keys in sorted order, so that the writer finds them
    /// sorted and has nothing to reorder (the bytes are the same either way).
    static func value(_ r: CatalogRecord) -> JSONValue {
        var o = Builder()
        o["accessRights"] = r.accessRights.map(concept)
        o["contactPoint"] = r.contactPoint.map { c in
            Builder().with("email", c.email).with("name", c.name).with("phone", c.phone).with("url", c.url).value
        }
        o["creator"] = r.creator.map(agent)
        o["description"] = r.description.map(text)
        o["distributions"] = .array(r.distributions.map(distribution))
        o["extras"] = .object(JSONObject(r.extras.map { (key: $0.key, value: JSONValue.string($0.value)) }))
        o["frequency"] = r.frequency.map(concept)
        o["id"] = .string(r.id)
        o["identifiers"] = .array(r.identifiers.map { i in Builder().with("scheme", i.scheme).with("value", i.value).value })
        o["issued"] = r.issued.map(date)
        o["keywords"] = .array(r.keywords.map(JSONValue.string))
        o["landingPage"] = r.landingPage.map(JSONValue.string)
        o["languages"] = .array(r.languages.map(JSONValue.string))
        o["license"] = r.license.map(license)
        o["modified"] = r.modified.map(date)
        o["notes"] = .array(r.notes.map { n in
            Builder().with("field", n.field).with("raw", n.raw).with("rule", n.rule).with("value", n.value).value
        })
        let p = r.provenance
        var b = Builder().with("contentHash", p.contentHash)
        b["harvestedAt"] = .string(p.harvestedAt.formatted(.iso8601))
        o["provenance"] = b.with("kind", p.kind).with("originalID", p.originalID).with("originalURL", p.originalURL)
            .with("rawHash", p.rawHash).with("sourceID", p.sourceID).value
        o["publisher"] = r.publisher.map(agent)
        o["spatial"] = .array(r.spatial.map { s in
            var b = Builder()
            b["bbox"] = s.bbox.map { box in
                .object(["east": number(box.east), "north": number(box.north), "south": number(box.south), "west": number(box.west)])
            }
            return b.with("geometry", s.geometry).with("label", s.label).with("uri", s.uri).value
        })
        o["temporal"] = .array(r.temporal.map { t in
            var b = Builder()
            b["end"] = t.end.map(date)
            b["start"] = t.start.map(date)
            return b.value
        })
        o["themes"] = .array(r.themes.map(concept))
        o["title"] = text(r.title)
        o["version"] = r.version.map(JSONValue.string)
        return o.value
    }

    /// A number as `JSONEncoder` writes a Double (integral values without a fraction).
    private static func number(_ value: Double) -> JSONValue {
        if value == value.rounded(), abs(value) < 1e15 { return .number(JSONNumber(Int64(value))) }
        return .number(JSONNumber(value) ?? JSONNumber(0))
    }

    private static func text(_ t: LocalizedText) -> JSONValue {
        var b = Builder().with("value", t.value)
        b["variants"] = .object(JSONObject(t.variants.map { (key: $0.key, value: JSONValue.string($0.value)) }))
        return b.value
    }

    private static func concept(_ c: Concept) -> JSONValue {
        Builder().with("label", c.label).with("scheme", c.scheme).with("uri", c.uri).value
    }

    private static func agent(_ a: Agent) -> JSONValue {
        Builder().with("email", a.email).with("homepage", a.homepage).with("identifier", a.identifier)
            .with("matchKey", a.matchKey).with("name", a.name).with("uri", a.uri).value
    }

    private static func license(_ l: LicenseRef) -> JSONValue {
        Builder().with("euURI", l.euURI).with("label", l.label).with("raw", l.raw).with("spdx", l.spdx)
            .with("title", l.title).with("uri", l.uri).value
    }

    private static func date(_ d: CatalogDate) -> JSONValue {
        Builder().with("iso", d.iso).with("raw", d.raw).value
    }

    private static func distribution(_ d: Distribution) -> JSONValue {
        var b = Builder().with("accessURL", d.accessURL)
        b["byteSize"] = d.byteSize.map { .number(JSONNumber($0)) }
        b = b.with("description", d.description).with("downloadURL", d.downloadURL).with("fileType", d.fileType)
            .with("format", d.format).with("id", d.id)
        b["issued"] = d.issued.map(date)
        b["license"] = d.license.map(license)
        b = b.with("mediaType", d.mediaType)
        b["modified"] = d.modified.map(date)
        return b.with("title", d.title).value
    }

    /// An object under construction; setting nil leaves the key out, as `encodeIfPresent` does.
    private struct Builder {
        var members: [(key: String, value: JSONValue)] = []

        subscript(key: String) -> JSONValue? {
            get { nil }
            set { if let newValue { members.append((key, newValue)) } }
        }

        consuming func with(_ key: String, _ text: String?) -> Builder {
            self[key] = text.map(JSONValue.string)
            return self
        }

        var value: JSONValue { .object(JSONObject(members)) }
    }
}
