import CatalogModel
import FeedParsing
import Foundation

/// Writes a record's stored JSON straight into bytes: the same bytes as the record's `JSONValue` tree written by
/// `JSONWriter` with sorted keys (the tests keep that tree, `RecordJSONTree`, and compare), without building the tree
/// first, which cost as much as writing it. Members are written in key order; the two dictionaries (`extras` and a
/// text's `variants`) are sorted here.
struct RecordJSONWriter {
    private var out = JSONOutput()
    /// Whether the object or array being written has no member yet.
    private var empty = true

    static func write(_ r: CatalogRecord) -> [UInt8] {
        var w = RecordJSONWriter()
        w.out.bytes.reserveCapacity(4096)
        w.record(r)
        return w.out.bytes
    }

    private mutating func record(_ r: CatalogRecord) {
        object { w in
            w.optional("accessRights", r.accessRights) { $0.concept($1) }
            w.optional("contactPoint", r.contactPoint) { w, c in
                w.object { w in
                    w.text("email", c.email)
                    w.text("name", c.name)
                    w.text("phone", c.phone)
                    w.text("url", c.url)
                }
            }
            w.optional("creator", r.creator) { $0.agent($1) }
            w.optional("description", r.description) { $0.localized($1) }
            w.array("distributions", r.distributions) { $0.distribution($1) }
            w.key("extras")
            w.dictionary(r.extras)
            w.optional("frequency", r.frequency) { $0.concept($1) }
            w.text("id", r.id)
            w.array("identifiers", r.identifiers) { w, i in
                w.object { w in
                    w.text("scheme", i.scheme)
                    w.text("value", i.value)
                }
            }
            w.optional("issued", r.issued) { $0.date($1) }
            w.array("keywords", r.keywords) { $0.out.string($1) }
            w.text("landingPage", r.landingPage)
            w.array("languages", r.languages) { $0.out.string($1) }
            w.optional("license", r.license) { $0.license($1) }
            w.optional("modified", r.modified) { $0.date($1) }
            w.array("notes", r.notes) { w, n in
                w.object { w in
                    w.text("field", n.field)
                    w.text("raw", n.raw)
                    w.text("rule", n.rule)
                    w.text("value", n.value)
                }
            }
            let p = r.provenance
            w.key("provenance")
            w.object { w in
                w.text("contentHash", p.contentHash)
                w.text("harvestedAt", p.harvestedAt.formatted(.iso8601))
                w.text("kind", p.kind)
                w.text("originalID", p.originalID)
                w.text("originalURL", p.originalURL)
                w.text("rawHash", p.rawHash)
                w.text("sourceID", p.sourceID)
            }
            w.optional("publisher", r.publisher) { $0.agent($1) }
            w.array("spatial", r.spatial) { w, s in
                w.object { w in
                    w.optional("bbox", s.bbox) { w, box in
                        w.object { w in
                            w.number("east", box.east)
                            w.number("north", box.north)
                            w.number("south", box.south)
                            w.number("west", box.west)
                        }
                    }
                    w.text("geometry", s.geometry)
                    w.text("label", s.label)
                    w.text("uri", s.uri)
                }
            }
            w.array("temporal", r.temporal) { w, t in
                w.object { w in
                    w.optional("end", t.end) { $0.date($1) }
                    w.optional("start", t.start) { $0.date($1) }
                }
            }
            w.array("themes", r.themes) { $0.concept($1) }
            w.key("title")
            w.localized(r.title)
            w.text("version", r.version)
        }
    }

    private mutating func localized(_ t: LocalizedText) {
        object { w in
            w.text("value", t.value)
            w.key("variants")
            w.dictionary(t.variants)
        }
    }

    private mutating func concept(_ c: Concept) {
        object { w in
            w.text("label", c.label)
            w.text("scheme", c.scheme)
            w.text("uri", c.uri)
        }
    }

    private mutating func agent(_ a: Agent) {
        object { w in
            w.text("email", a.email)
            w.text("homepage", a.homepage)
            w.text("identifier", a.identifier)
            w.text("matchKey", a.matchKey)
            w.text("name", a.name)
            w.text("uri", a.uri)
        }
    }

    private mutating func license(_ l: LicenseRef) {
        object { w in
            w.text("euURI", l.euURI)
            w.text("label", l.label)
            w.text("raw", l.raw)
            w.text("spdx", l.spdx)
            w.text("title", l.title)
            w.text("uri", l.uri)
        }
    }

    private mutating func date(_ d: CatalogDate) {
        object { w in
            w.text("iso", d.iso)
            w.text("raw", d.raw)
        }
    }

    private mutating func distribution(_ d: Distribution) {
        object { w in
            w.text("accessURL", d.accessURL)
            if let size = d.byteSize {
                w.key("byteSize")
                w.out.bytes.append(contentsOf: String(size).utf8)
            }
            w.text("description", d.description)
            w.text("downloadURL", d.downloadURL)
            w.text("fileType", d.fileType)
            w.text("format", d.format)
            w.text("id", d.id)
            w.optional("issued", d.issued) { $0.date($1) }
            w.optional("license", d.license) { $0.license($1) }
            w.text("mediaType", d.mediaType)
            w.optional("modified", d.modified) { $0.date($1) }
            w.text("title", d.title)
        }
    }

    // MARK: Structure

    /// Starts a member: the comma before it unless it is the first, then `"key":`. Keys are fedcat's own names,
    /// which need no escaping.
    private mutating func key(_ key: StaticString) {
        if !empty { out.bytes.append(UInt8(ascii: ",")) }
        empty = false
        out.bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
        out.bytes.append(UInt8(ascii: "\""))
        out.bytes.append(UInt8(ascii: ":"))
    }

    private mutating func object(_ body: (inout RecordJSONWriter) -> Void) {
        let outer = empty
        out.bytes.append(UInt8(ascii: "{"))
        empty = true
        body(&self)
        out.bytes.append(UInt8(ascii: "}"))
        empty = outer
    }

    /// A member present only when `value` is (as `encodeIfPresent` writes it).
    private mutating func optional<T>(_ name: StaticString, _ value: T?, _ write: (inout RecordJSONWriter, T) -> Void) {
        guard let value else { return }
        key(name)
        write(&self, value)
    }

    private mutating func text(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        out.string(value)
    }

    /// A member whose value is an array, always written (empty as `[]`).
    private mutating func array<T>(_ name: StaticString, _ elements: [T], _ write: (inout RecordJSONWriter, T) -> Void) {
        key(name)
        out.bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { out.bytes.append(UInt8(ascii: ",")) }
            first = false
            write(&self, element)
        }
        out.bytes.append(UInt8(ascii: "]"))
    }

    /// A dictionary of strings as an object with its keys sorted by their UTF-8 bytes.
    private mutating func dictionary(_ values: [String: String]) {
        out.bytes.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in values.sorted(by: { JSONOutput.compareUTF8($0.key, $1.key) < 0 }) {
            if !first { out.bytes.append(UInt8(ascii: ",")) }
            first = false
            out.string(key)
            out.bytes.append(UInt8(ascii: ":"))
            out.string(value)
        }
        out.bytes.append(UInt8(ascii: "}"))
    }

    /// A number as `JSONEncoder` writes a Double (integral values without a fraction).
    private mutating func number(_ name: StaticString, _ value: Double) {
        key(name)
        if value == value.rounded(), abs(value) < 1e15 {
            out.bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            out.bytes.append(contentsOf: (JSONNumber(value) ?? JSONNumber(0)).literal.utf8)
        }
    }
}
