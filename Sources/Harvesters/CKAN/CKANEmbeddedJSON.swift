import CatalogModel
import FeedParsing

/// CKAN fields that hold JSON written into a string: scheming composite fields saved as text (EnviDat's
/// `"author": "[{\"name\": …}]"`, `"maintainer": "{…}"`, `"date"`, `"resource_size"`), GeoJSON in `spatial`, and
/// ckanext-spatial's ISO extras (`dataset-reference-date`, `responsible-party`). Each is decoded where it is read.
enum CKANEmbeddedJSON {
    /// The value itself when it is an object or a list; the JSON inside it when it is a string holding an object
    /// or a list; else nil.
    static func decode(_ value: JSONNode?) -> JSONNode? {
        guard let value else { return nil }
        if value.object != nil || value.array != nil { return value }
        // Most such fields are plain text: an ASCII character other than white space, `{` or `[` first says so
        // without making the string.
        if let first = value.leadingByte, first > 0x20, first < 0x80, first != UInt8(ascii: "{"), first != UInt8(ascii: "[") { return nil }
        guard let text = value.string?.trimmed, let first = text.first, first == "{" || first == "[",
              let parsed = try? JSONNode.parse(text), parsed.object != nil || parsed.array != nil else { return nil }
        return parsed
    }

    /// The decoded value as a list of objects (one object is a list of one).
    static func objects(_ value: JSONNode?) -> [JSONNode] {
        guard let decoded = decode(value) else { return [] }
        if let object = decoded.object { return [object] }
        return decoded.array?.compactMap(\.object) ?? []
    }

    /// A person or organisation from a composite field: `name` (after `given_name` when there is one), `email`,
    /// and `identifier` (an ORCID) or `uri`.
    static func agent(_ object: JSONNode) -> Agent? {
        let family = CKANFields.text(object["name"])
        let given = CKANFields.text(object["given_name"])
        guard let name = [given, family].compactMap({ $0 }).joined(separator: " ").nilIfEmpty else { return nil }
        let id = CKANFields.text(object["identifier"]) ?? CKANFields.text(object["uri"])
        return Agent(name: name, uri: id?.hasPrefix("http") == true ? id : nil, identifier: id?.hasPrefix("http") == true ? nil : id,
                     email: CKANFields.text(object["email"]), homepage: CKANFields.text(object["url"]))
    }

    /// A size given as `{"size_value": "180.89", "size_units": "kb"}`, in bytes; nil when empty or unreadable.
    static func byteSize(_ value: JSONNode?) -> Int64? {
        guard let object = objects(value).first, let number = CKANFields.text(object["size_value"]).flatMap(Double.init) else { return nil }
        let units = CKANFields.text(object["size_units"])?.lowercased() ?? "bytes"
        let factor: Double
        switch units {
        case "b", "byte", "bytes": factor = 1
        case "kb", "kib": factor = 1024
        case "mb", "mib": factor = 1024 * 1024
        case "gb", "gib": factor = 1024 * 1024 * 1024
        case "tb", "tib": factor = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        return Int64(exactly: (number * factor).rounded())
    }

    /// Dated events (`[{"date": …, "date_type": "created", "end_date": …}]` of EnviDat, or ckanext-spatial's
    /// `[{"type": "creation", "value": …}]`) as (kind, start, end), the kind lowercased.
    static func dates(_ value: JSONNode?) -> [(kind: String, start: String?, end: String?)] {
        objects(value).compactMap { item in
            guard let kind = CKANFields.text(item["date_type"]) ?? CKANFields.text(item["type"]) else { return nil }
            let start = CKANFields.text(item["date"]) ?? CKANFields.text(item["value"])
            let end = CKANFields.text(item["end_date"])
            return start == nil && end == nil ? nil : (kind.lowercased(), start, end)
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
