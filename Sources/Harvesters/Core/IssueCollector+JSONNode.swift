public import CatalogModel
public import FeedParsing

extension IssueCollector {
    /// The payload as a JSON object read in place (`JSONNode`), or nil after the issues `object(from:)` gives:
    /// `<prefix>.too-large`, `<prefix>.invalid-json` or `<prefix>.not-object`. A harvester that parsed the page
    /// hands the record's node along (`RawRecord.preparsed`); else the payload is parsed.
    public mutating func objectNode(from raw: RawRecord, codePrefix: String, limits: FieldLimits = .standard) -> JSONNode? {
        guard payloadFits(raw, codePrefix: codePrefix, limits: limits) else { return nil }
        let root: JSONNode
        if let node = raw.preparsed as? JSONNode {
            root = node
        } else if let value = raw.preparsed as? JSONValue, let node = try? JSONNode.parse(JSONWriter.write(value)) {
            root = node
        } else {
            do { root = try JSONNode.parse(raw.payload) } catch {
                invalidJSON(raw, codePrefix: codePrefix, error.description)
                return nil
            }
        }
        guard root.object != nil else {
            notObject(raw, codePrefix: codePrefix, typeName: root.typeName)
            return nil
        }
        return root
    }
}
