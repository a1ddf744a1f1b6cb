import CatalogModel
import FeedParsing

extension IssueCollector {
    /// The payload as an XML element tree, or nil after an error issue `<prefix>.too-large` (over the one-record
    /// limit) or `<prefix>.invalid-xml`: the first thing every XML mapper checks (OAI-PMH, CSW). The tree the
    /// harvester built while reading the page (`raw.preparsed`) is used when there is one: it is the payload's.
    mutating func element(from raw: RawRecord, codePrefix: String, prepare: ([UInt8]) -> [UInt8] = { $0 }) -> XMLElementNode? {
        let limit = FieldLimits.standard.maxPayloadBytes
        guard raw.payload.count <= limit else {
            error("\(codePrefix).too-large", "the record at \(raw.location) is \(raw.payload.count) bytes long, over the limit of \(limit) bytes for one record; it was skipped.", at: raw.location)
            return nil
        }
        if let tree = raw.preparsed as? XMLElementNode { return tree }
        do { return try XMLElementNode.parse(prepare(raw.payload), url: raw.pageURL) } catch {
            self.error("\(codePrefix).invalid-xml", "the record at \(raw.location) is not well-formed XML (\(error.description)); it was skipped.", at: raw.location)
            return nil
        }
    }
}
