/// One record as a harvester found it, before mapping: the payload bytes and where they came from.
public struct RawRecord: Sendable, Hashable {
    /// The record's id in the source, when the harvester could read it.
    public var localID: String?
    /// The record as published (a CKAN package dict as JSON, an XML element, …).
    public var payload: [UInt8] { didSet { payloadHash = ContentHash.hex(payload) } }
    /// `application/json`, `application/xml`, …
    public var mediaType: String
    /// The URL of the page the record was on.
    public var pageURL: String
    /// Where in the page (`/result/results/7`).
    public var location: String

    public init(localID: String?, payload: [UInt8], mediaType: String, pageURL: String, location: String) {
        self.localID = localID
        self.payload = payload
        self.payloadHash = ContentHash.hex(payload)
        self.mediaType = mediaType
        self.pageURL = pageURL
        self.location = location
    }

    /// Hash of the payload bytes.
    public private(set) var payloadHash: String
}
