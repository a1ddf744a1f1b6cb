/// One record as a harvester found it, before mapping: the payload bytes and where they came from.
public struct RawRecord: Sendable, Hashable {
    /// The record's id in the source, when the harvester could read it.
    public var localID: String?
    /// The record as published (a CKAN package dict as JSON, an XML element, …).
    public var payload: [UInt8] {
        didSet {
            payloadHash = ContentHash.hex(payload)
            preparsed = nil
        }
    }
    /// `application/json`, `application/xml`, …
    public var mediaType: String
    /// The URL of the page the record was on.
    public var pageURL: String
    /// Where in the page (`/result/results/7`).
    public var location: String
    /// The payload as the harvester already parsed it while reading the page (an XML element tree, …), for the
    /// mapper of the same kind to use instead of parsing the payload again; nil when it must parse the payload.
    /// A shortcut only: it is never stored, takes no part in equality or hashing, and is dropped when the
    /// payload changes.
    public var preparsed: (any Sendable)?

    public init(localID: String?, payload: [UInt8], mediaType: String, pageURL: String, location: String,
                preparsed: (any Sendable)? = nil) {
        self.localID = localID
        self.payload = payload
        self.payloadHash = ContentHash.hex(payload)
        self.mediaType = mediaType
        self.pageURL = pageURL
        self.location = location
        self.preparsed = preparsed
    }

    /// Hash of the payload bytes.
    public private(set) var payloadHash: String

    public static func == (lhs: RawRecord, rhs: RawRecord) -> Bool {
        lhs.localID == rhs.localID && lhs.payload == rhs.payload && lhs.mediaType == rhs.mediaType
            && lhs.pageURL == rhs.pageURL && lhs.location == rhs.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(localID)
        hasher.combine(payload)
        hasher.combine(mediaType)
        hasher.combine(pageURL)
        hasher.combine(location)
    }
}
