/// A fetched page as remembered for the next run: its validators and body hash, and what the harvester
/// needs to go on without the body (`pageJSON`: its record ids, the listing count, …).
public struct PageMemo: Sendable, Hashable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var pageJSON: String

    public init(url: String, etag: String?, lastModified: String?, bodyHash: String?, pageJSON: String) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.pageJSON = pageJSON
    }
}
