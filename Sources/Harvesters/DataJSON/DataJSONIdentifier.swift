import CatalogModel
import FeedParsing

/// A dataset's `identifier` in every form DCAT-US writes it: text (POD 1.0/1.1, numbers included), an
/// `Identifier` object (DCAT-US 3: `{"@type": "Identifier", "@id": …}` or `{"notation": …, "schemaAgency": …}`),
/// or a list of texts (the DOI-DO DCAT-US 3 schema).
struct DataJSONIdentifier: Equatable {
    /// The text the record is keyed by: the text, the object's `@id`, else its `notation`, else the list's first.
    var key: String
    /// Every identifier found, the key first, with its scheme (`doi`, `uri`, or the object's `schemaAgency`).
    var identifiers: [Identifier]

    /// Reads `value`; nil when it holds no usable text (absent, null, empty, an object with neither `@id` nor `notation`).
    init?(_ value: JSONValue?) {
        var found: [Identifier] = []
        if let text = CKANFields.text(value) {
            found = [Self.identifier(text, scheme: nil)]
        } else if let object = value?.object {
            found = Self.identifiers(in: object)
        } else if let list = value?.array {
            for item in list {
                if let text = CKANFields.text(item) {
                    found.append(Self.identifier(text, scheme: nil))
                } else if let object = item.object {
                    found += Self.identifiers(in: object)
                }
            }
        }
        guard let first = found.first else { return nil }
        key = first.value
        identifiers = found
    }

    private static func identifiers(in object: JSONObject) -> [Identifier] {
        let agency = CKANFields.text(object["schemaAgency"])
        var found: [Identifier] = []
        if let id = CKANFields.text(object["@id"]) { found.append(identifier(id, scheme: nil)) }
        if let notation = CKANFields.text(object["notation"]) { found.append(identifier(notation, scheme: agency)) }
        return found
    }

    private static func identifier(_ text: String, scheme: String?) -> Identifier {
        Identifier(text, scheme: scheme ?? (text.lowercased().contains("doi") ? "doi" : text.hasPrefix("http") ? "uri" : nil))
    }
}
