public import CatalogModel
public import FeedParsing

extension IssueCollector {
    /// The payload as a JSON object read in place (`JSONNode`), or nil after the issues `object(from:)` gives:
    /// `<prefix>.too-large`, `<prefix>.invalid-json` or `<prefix>.not-object`. A harvester that parsed the page
    /// hands the record's node along (`RawRecord.preparsed`); else the payload is parsed.
    public mutating func objectNode(from raw: RawRecord, codePrefix: String, limits: FieldLimits = .standard) -> JSONNode? {
        guard raw.payload.count <= limits.maxPayloadBytes else {
            self.error("\(codePrefix).too-large", "the \(subject) at \(raw.location) is \(raw.payload.count) bytes long, over the limit of \(limits.maxPayloadBytes) bytes for one record; it was skipped.", at: raw.location)
            return nil
        }
        let root: JSONNode
        if let node = raw.preparsed as? JSONNode {
            root = node
        } else if let value = raw.preparsed as? JSONValue, let node = try? JSONNode.parse(JSONWriter.write(value)) {
            root = node
        } else {
            do { root = try JSONNode.parse(raw.payload) } catch {
                self.error("\(codePrefix).invalid-json", "the \(subject) at \(raw.location) is not valid JSON (\(error.description)); it was skipped.", at: raw.location)
                return nil
            }
        }
        guard root.object != nil else {
            self.error("\(codePrefix).not-object", "the entry at \(raw.location) is a \(root.typeName), not a \(subject) object; it was skipped.", at: raw.location)
            return nil
        }
        return root
    }
}
