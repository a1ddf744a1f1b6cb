public import Foundation

/// Where a record came from and when: kept with every record so each source can be traced.
public struct Provenance: Sendable, Hashable, Codable {
    /// The registered source (`harvesters/<id>.yaml`).
    public var sourceID: String
    /// The harvester kind that read it (`ckan`, …).
    public var kind: String
    /// The record's id in the source (a CKAN package id, …).
    public var originalID: String
    /// The record's own page or API URL in the source.
    public var originalURL: String?
    /// When fedcat fetched it.
    public var harvestedAt: Date
    /// Hash of the normalised record, used to tell updated from unchanged.
    public var contentHash: String
    /// Hash of the raw payload as fetched.
    public var rawHash: String

    public init(sourceID: String, kind: String, originalID: String, originalURL: String? = nil,
                harvestedAt: Date, contentHash: String = "", rawHash: String = "") {
        self.sourceID = sourceID
        self.kind = kind
        self.originalID = originalID
        self.originalURL = originalURL
        self.harvestedAt = harvestedAt
        self.contentHash = contentHash
        self.rawHash = rawHash
    }
}
